package org.msqsim.boards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.spec.DataPortsSpec;
import org.msqsim.core.spec.DepthwiseEngineSpec;

/** A board written with another design loads back as that board with that design, comments kept. */
class BoardWriterTest {
    static Iterable<String> ids() {
        return BoardCatalog.ids();
    }

    @ParameterizedTest
    @MethodSource("ids")
    void writtenBoardLoadsBackWithTheNewDesign(String id, @TempDir Path dir) throws IOException {
        BoardSpec b = BoardCatalog.get(id);
        AcceleratorSpec a = b.accelerator();
        AcceleratorSpec other = a.withName(a.name() + "-other")
                .withCores(a.dspCore().map(c -> c.withShape(c.rows(), c.cols() > 1 ? c.cols() - 1 : 2)), a.lutCore());
        String text = BoardWriter.withAccelerator(BoardCatalog.text(id), other, "line one\nline two");
        assertTrue(text.startsWith("# line one\n# line two\n"), text);
        Path f = Files.writeString(dir.resolve(id + ".yaml"), text);
        BoardSpec back = BoardLoader.load(f);
        assertEquals(other, back.accelerator());
        assertEquals(b.device(), back.device());
        assertEquals(b.clocks(), back.clocks());
        assertTrue(text.contains("Source tags"), "the board's comments stay");
    }

    @Test
    void everyAcceleratorKeyOfTheSchemaIsWritten() {
        BoardSpec b = BoardCatalog.get("zc706");
        // with every optional mapping present: an engine too
        AcceleratorSpec a = b.accelerator().withDepthwiseEngine(Optional.of(new DepthwiseEngineSpec(4, 16, 24, 32)))
                .withDataPorts(Optional.of(new DataPortsSpec(1, 128)), b.accelerator().ddr())
                .withSp2Fraction(OptionalDouble.of(19 / 20.0));
        StringBuilder sb = new StringBuilder();
        BoardWriter.accelerator(sb, a);
        assertTrue(sb.toString().contains("\n  sp2_fraction: 0.95\n"), "the shortest decimal of F: " + sb);
        for (String path : BoardSchema.keyPaths()) {
            if (path.startsWith("accelerator.")) {
                String key = path.substring(path.lastIndexOf('.') + 1);
                assertTrue(sb.toString().contains("\n" + " ".repeat(2 * (path.split("\\.").length - 1)) + key + ":"),
                        path + " missing from\n" + sb);
            }
        }
    }

    /** The output stage's lanes round-trip: set, they are written; absent (the rows rule), they stay absent. */
    @Test
    void outputLanesRoundTripSetOrAbsent(@TempDir Path dir) throws IOException {
        BoardSpec b = BoardCatalog.get("zc706");
        for (OptionalInt lanes : List.of(OptionalInt.of(7), OptionalInt.empty())) {
            AcceleratorSpec a = b.accelerator().withFusion(b.accelerator().fusion().withLanes(lanes));
            String text = BoardWriter.withAccelerator(BoardCatalog.text("zc706"), a, "lanes");
            assertEquals(lanes.isPresent(), text.contains("\n    lanes: 7\n"), text);
            AcceleratorSpec back = BoardLoader.load(Files.writeString(dir.resolve("b.yaml"), text)).accelerator();
            assertEquals(a, back);
            int rows = Math.max(a.dspCore().map(c -> c.rows()).orElse(0), a.lutCore().map(c -> c.rows()).orElse(0));
            assertEquals(lanes.orElse(rows), back.outputLanes(), "absent: the wider core's rows");
        }
    }

    @Test
    void textWithoutAnAcceleratorSectionIsRefused() {
        AcceleratorSpec a = BoardCatalog.get("zc706").accelerator();
        assertThrows(IllegalArgumentException.class, () -> BoardWriter.withAccelerator("id: x\n", a, ""));
        AcceleratorSpec odd = a.withCores(a.dspCore().map(c -> c.withClockHz(150_500_000L)), Optional.empty());
        assertThrows(IllegalArgumentException.class, () -> BoardWriter.withAccelerator("accelerator:\n", odd, ""));
    }

    /** A design on ZC706's PS DDR is saved with that memory as its ddr and the MIG's as alt_ddr. */
    @Test
    void swappedMemoriesLoadTheOtherWayRound() throws IOException {
        BoardSpec b = BoardCatalog.get("zc706");
        String swapped = BoardWriter.withMemoriesSwapped(BoardCatalogTest.resource("zc706"));
        Path f = Files.createTempFile("swapped", ".yaml");
        try {
            Files.writeString(f, BoardWriter.withAccelerator(swapped,
                    b.accelerator().withDdr(b.altDdr().orElseThrow()), "swapped"));
            BoardSpec back = BoardLoader.load(f);
            assertEquals(b.altDdr().orElseThrow(), back.accelerator().ddr());
            assertEquals(b.accelerator().ddr(), back.altDdr().orElseThrow());
        } finally {
            Files.delete(f);
        }
        assertThrows(IllegalArgumentException.class, () -> BoardWriter.withMemoriesSwapped("ddr:\n"));
    }
}
