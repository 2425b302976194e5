package org.msqsim.boards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.spec.BufferSpec;
import org.msqsim.core.spec.FpgaFamily;
import org.msqsim.core.spec.InvalidSpecException;
import org.msqsim.core.spec.MemoryKind;
import org.msqsim.core.spec.PeArraySpec;

/** Every built-in board loads, matches facts/boards.md, and its default design is within budget. */
class BoardCatalogTest {
    /**
     * Planning figure for one 4-bit SP2 MAC with its accumulator (25-35 LUTs assumed). The real
     * cost model replaces it; the board files' comments state the same figure.
     */
    private static final int LUT_PER_SP2_MAC = 30;

    static List<String> ids() {
        return BoardCatalog.ids();
    }

    @Test
    void allBuiltInBoardsLoadInIdOrder() {
        List<BoardSpec> all = BoardCatalog.all();
        assertEquals(8, all.size());
        assertEquals(BoardCatalog.ids(), all.stream().map(BoardSpec::id).toList());
    }

    @ParameterizedTest
    @MethodSource("ids")
    void fileNameIsTheId(String id) {
        assertEquals(id, BoardLoader.loadResource("boards/" + id + ".yaml").id());
        assertEquals(id, BoardCatalog.get(id).id());
    }

    @Test
    void zc706MatchesFacts() {
        BoardSpec b = BoardCatalog.get("zc706");
        assertEquals(FpgaFamily.SERIES7, b.device().family());
        assertEquals(218_600, b.device().lut());
        assertEquals(437_200, b.device().ff());
        assertEquals(900, b.device().dsp());
        assertEquals(545, b.device().bram36());
        assertEquals(64, b.accelerator().ddr().busWidthBits());
        assertEquals(1600, b.accelerator().ddr().dataRateMtps());
        assertEquals(12.8e9, b.accelerator().ddr().peakBytesPerSecond(), 1);
    }

    @Test
    void pynqZ2MatchesFacts() {
        BoardSpec b = BoardCatalog.get("pynq-z2");
        assertEquals("xc7z020clg400-1", b.device().part());
        assertEquals(53_200, b.device().lut());
        assertEquals(220, b.device().dsp());
        assertEquals(140, b.device().bram36());
        assertEquals(16, b.accelerator().ddr().busWidthBits());
        assertEquals(2.1e9, b.accelerator().ddr().peakBytesPerSecond(), 1);
        assertEquals(0.75, b.accelerator().ddr().efficiency());
        assertEquals(100_000_000L, b.clocks().defaultHz());
    }

    @Test
    void ddrPeaksAndEfficienciesMatchFacts() {
        assertEquals(4.2e9, peak("zedboard"), 1);
        assertEquals(4.264e9, peak("ultra96-v2"), 1);
        assertEquals(0.925, BoardCatalog.get("ultra96-v2").accelerator().ddr().efficiency());
        assertEquals(17.064e9, peak("zcu104"), 1);
        assertEquals(17.064e9, peak("zcu102"), 1);
        assertEquals(0.75, BoardCatalog.get("zcu102").accelerator().ddr().efficiency());
        assertEquals(19.2e9, peak("kv260"), 1);
        assertEquals(76.8e9, peak("u250"), 1);
    }

    @Test
    void usPlusDevicesMatchFacts() {
        assertEquals(360, BoardCatalog.get("ultra96-v2").device().dsp());
        assertEquals(1728, BoardCatalog.get("zcu104").device().dsp());
        assertEquals(2520, BoardCatalog.get("zcu102").device().dsp());
        assertEquals(912, BoardCatalog.get("zcu102").device().bram36());
        assertEquals(117_120, BoardCatalog.get("kv260").device().lut());
        assertEquals(64, BoardCatalog.get("kv260").device().uram());
        assertEquals(FpgaFamily.ULTRASCALE_PLUS, BoardCatalog.get("u250").device().family());
    }

    /** The sizing rules stated in each board file's comment. */
    @ParameterizedTest
    @MethodSource("ids")
    void defaultDesignIsWithinTheSizingRules(String id) {
        BoardSpec b = BoardCatalog.get(id);
        PeArraySpec dsp = b.accelerator().dspCore().orElseThrow();
        PeArraySpec lut = b.accelerator().lutCore().orElseThrow();
        assertTrue(dsp.multipliers() <= 0.80 * b.device().dsp(), "DSP core over 80 %");
        assertTrue(dsp.multipliers() >= 0.70 * b.device().dsp(), "DSP core under 70 %: leaves DSPs idle");
        assertTrue((long) lut.multipliers() * LUT_PER_SP2_MAC <= 0.40 * b.device().lut(), "LUT core over 40 %");
        assertEquals(dsp.rows(), lut.rows(), "both cores take the same input rows");
        assertEquals(4, dsp.packing());
        List<BufferSpec> buffers = List.of(b.accelerator().inputBuffer(), b.accelerator().weightBuffer(),
                b.accelerator().outputBuffer());
        long bramBytes = buffers.stream().filter(s -> s.memory() == MemoryKind.BRAM)
                .mapToLong(BufferSpec::capacityBytes).sum();
        assertTrue(bramBytes <= 0.70 * b.device().bram36() * 4096, "buffers over 70 % of BRAM");
        // The weight buffer feeds both cores one weight per filter column per cycle.
        long weightBits = (long) (dsp.cols() * dsp.packing() + lut.cols()) * b.accelerator().weightBits();
        BufferSpec w = b.accelerator().weightBuffer();
        assertEquals(weightBits, (long) w.widthBits() * w.banks());
        assertEquals(b.clocks().defaultHz(), b.accelerator().controlClockHz());
    }

    @Test
    void unknownNameListsKnownBoardsAndSuggests() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> BoardCatalog.get("zc70"));
        assertEquals(1, e.problems().size());
        String line = e.problems().get(0);
        assertTrue(line.startsWith("zc70: unknown board; did you mean 'zc706'?"), line);
        BoardCatalog.ids().forEach(id -> assertTrue(line.contains(id), line));
    }

    @Test
    void aPathLoadsAUserBoardFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("mine.yaml");
        Files.writeString(f, resource("zc706").replace("id: zc706", "id: mine"));
        assertEquals("mine", BoardCatalog.get(f.toString()).id());
    }

    private static double peak(String id) {
        return BoardCatalog.get(id).accelerator().ddr().peakBytesPerSecond();
    }

    static String resource(String id) throws IOException {
        try (var in = Optional.ofNullable(BoardCatalogTest.class.getClassLoader()
                .getResourceAsStream("boards/" + id + ".yaml")).orElseThrow()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
