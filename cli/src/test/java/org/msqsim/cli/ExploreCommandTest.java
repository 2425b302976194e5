package org.msqsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.msqsim.boards.BoardCatalog;
import org.msqsim.core.spec.BoardSpec;

/**
 * {@code msqsim explore}: determinism, fit, agreement with {@code run}, bad flags, plots. (That the
 * DSP-only point equals a run of its board file is checked in sim-models' ExploreStagesTest.)
 */
class ExploreCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SMALL = {"explore", "--board", "pynq-z2", "--model", "cifar_net", "--grid", "small",
        "--format", "json"};

    private static String[] small(String... more) {
        String[] a = Arrays.copyOf(SMALL, SMALL.length + more.length);
        System.arraycopy(more, 0, a, SMALL.length, more.length);
        return a;
    }

    @Test
    void sameJsonWhateverTheThreadCount() {
        CliRunner one = CliRunner.run(small("--jobs", "1"));
        CliRunner two = CliRunner.run(small("--jobs", "2"));
        assertEquals(0, one.code(), one.err());
        assertEquals(0, two.code(), two.err());
        assertEquals(one.out(), two.out());
        assertTrue(one.err().contains("designs/s"), one.err());
    }

    @Test
    void jsonCarriesTheSummaries() throws IOException {
        CliRunner r = CliRunner.run(small("--jobs", "2"));
        JsonNode j = JSON.readTree(r.out());
        for (String path : List.of("/best/sp2_fraction", "/best/latency_ms", "/dsp_only/latency_ms",
                "/speedup_vs_dsp_only", "/lut_fixed/best/latency_ms", "/msq/best/latency_ms")) {
            assertFalse(j.at(path).isMissingNode(), path);
        }
        assertTrue(j.get("pareto").size() > 0);
        assertTrue(j.get("designs").size() > 10);
        double speedup = j.at("/dsp_only/latency_ms").asDouble() / j.at("/best/latency_ms").asDouble();
        assertEquals(speedup, j.get("speedup_vs_dsp_only").asDouble(), 1e-12);
        for (JsonNode d : j.get("designs")) {
            assertTrue(d.get("latency_ms").asDouble() >= j.at("/best/latency_ms").asDouble());
        }
    }

    @Test
    void tighterCeilingFlagsAreHonoured() throws IOException {
        CliRunner r = CliRunner.run(small("--ceiling-lut", "0.5", "--ceiling-dsp", "0.5"));
        assertEquals(0, r.code(), r.err());
        BoardSpec b = BoardCatalog.get("pynq-z2");
        for (JsonNode d : JSON.readTree(r.out()).get("designs")) {
            assertTrue(d.get("lut").asLong() <= (long) (b.device().lut() * 0.5), d.toString());
            assertTrue(d.get("dsp").asLong() <= (long) (b.device().dsp() * 0.5), d.toString());
        }
    }

    /**
     * {@code --save-best} writes a board file that {@code run} loads, and running the saved design
     * bit-exactly at the saved fraction gives explore's latency (whichever LUT core kind won).
     */
    @ParameterizedTest
    @ValueSource(strings = {"pynq-z2", "zc706"})
    void theSavedBestDesignRunsBitExactAtExploresLatency(String board, @TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("best.yaml");
        CliRunner r = CliRunner.run("explore", "--board", board, "--model", "cifar_net", "--format", "json",
                "--save-best", file.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode best = JSON.readTree(r.out()).get("best");
        String text = Files.readString(file);
        assertTrue(text.startsWith("# Written by msqsim explore"), text);
        assertEquals(best.get("sp2_fraction").asDouble(),
                BoardCatalog.get(file.toString()).accelerator().sp2Fraction().getAsDouble(), 0.0, "F in the file");
        CliRunner run = CliRunner.run("run", "--board", file.toString(), "--model", "cifar_net", "--format", "json");
        assertEquals(0, run.code(), run.err());
        JsonNode j = JSON.readTree(run.out());
        assertTrue(j.get("bit_exact").asBoolean(), run.out());
        assertEquals(best.get("latency_ms").asDouble(), j.get("latency_ms").asDouble(), 0.0);
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    /**
     * {@code --derive-default} writes the board with the fastest MSQ design that has both cores as its
     * default, carrying a depthwise engine (even for a network without depthwise layers) and the fraction
     * it was fastest at, which {@code run} then takes: the run without --sp2-fraction gives that design's
     * explore latency.
     */
    @Test
    void theDerivedDefaultIsTheFastestMsqDesignWithBothCoresAndRunsAtItsFraction(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("board.yaml");
        CliRunner r = CliRunner.run(small("--design", "default", "--derive-default", file.toString()));
        assertEquals(0, r.code(), r.err());
        JsonNode best = null;
        for (JsonNode d : JSON.readTree(r.out()).get("designs")) {
            boolean eligible = d.get("family").asText().equals("msq") && d.get("dsp_cols").asInt() > 0
                    && d.get("lut_cols").asInt() > 0 && !d.get("depthwise_engine").isNull();
            if (eligible && (best == null || d.get("latency_ms").asDouble() < best.get("latency_ms").asDouble())) {
                best = d;
            }
        }
        assertTrue(best != null);
        BoardSpec derived = BoardCatalog.get(file.toString());
        assertEquals("pynq-z2", derived.id());
        assertEquals(best.get("sp2_fraction").asDouble(), derived.accelerator().sp2Fraction().getAsDouble(), 0.0);
        assertEquals(best.get("dsp_cols").asInt(), derived.accelerator().dspCore().orElseThrow().cols());
        assertEquals(best.get("lut_cols").asInt(), derived.accelerator().lutCore().orElseThrow().cols());
        assertTrue(derived.accelerator().depthwiseEngine().isPresent());
        assertEquals(BoardCatalog.get("pynq-z2").designNames(), derived.designNames(), "named designs kept");
        CliRunner run = CliRunner.run("run", "--board", file.toString(), "--model", "cifar_net", "--timing-only",
                "--format", "json");
        assertEquals(0, run.code(), run.err());
        JsonNode j = JSON.readTree(run.out());
        assertEquals(best.get("sp2_fraction").asDouble(), j.get("sp2_fraction").asDouble(), 0.0);
        assertEquals(best.get("latency_ms").asDouble(), j.get("latency_ms").asDouble(), 0.0);
    }

    @Test
    void badFlagsGiveOneLineAndExitTwo(@TempDir Path tmp) throws IOException {
        Path notDir = Files.writeString(tmp.resolve("file"), "x");
        List<String[]> bad = List.of(small("--ceiling-lut", "1.5"), small("--ceiling-dsp", "0"),
                small("--ceiling-bram", "abc"), small("--jobs", "0"), small("--plot", notDir.resolve("sub").toString()),
                small("--plot", notDir.toString()), small("--grid", "huge"),
                small("--save-best", tmp.resolve("no/such/dir/best.yaml").toString()),
                small("--save-best", tmp.toString()), small("--save-best", ""),
                new String[] {"explore", "--model", "nonet"}, new String[] {"explore", "--board", "nosuchboard"},
                new String[] {"explore", "--format", "xml"}, small("--assumed-clocks", "--clock-mhz", "150"),
                small("--design", "default", "--derive-default", tmp.resolve("a.yaml").toString(), "--save-best",
                        tmp.resolve("b.yaml").toString()),
                small("--design", "default", "--derive-default", tmp.resolve("no/such/dir/a.yaml").toString()));
        for (String[] args : bad) {
            CliRunner r = CliRunner.run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), String.join(" ", args) + ": " + r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void plotsAreValidPngs(@TempDir Path tmp) throws IOException {
        tmp = tmp.resolve("plots/new"); // --plot creates a missing directory
        CliRunner r = CliRunner.run(small("--plot", tmp.toString()));
        assertEquals(0, r.code(), r.err());
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        for (String name : List.of("explore-latency.png", "explore-speedup.png", "explore-pareto.png")) {
            Path p = tmp.resolve(name);
            assertTrue(Files.size(p) > 1000, name);
            byte[] head = Arrays.copyOf(Files.readAllBytes(p), 8);
            assertArrayEquals(signature, head, name);
        }
        try (var files = Files.list(tmp)) {
            assertEquals(3, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void tableSaysWhoWins() {
        CliRunner r = CliRunner.run("explore", "--board", "pynq-z2", "--model", "cifar_net", "--grid", "small");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("best DSP-only"), r.out());
        assertTrue(r.out().contains("MSQ vs fixed"), r.out());
        assertTrue(r.out().contains("Pareto front"), r.out());
        assertTrue(r.out().contains("designs/s"), r.out());
    }

    @Test
    void theReportSaysWhichClocksAreDocumentedAndWhichAssumed() {
        String[] table = {"explore", "--board", "pynq-z2", "--model", "cifar_net", "--grid", "small"};
        CliRunner r = CliRunner.run(table);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("note: clocks: DSP core up to 100 MHz, documented (PYNQ base overlay FCLK0"),
                r.out());
        assertTrue(r.out().contains("note: clocks: LUT core up to 100 MHz, documented (BNN-PYNQ"), r.out());
        CliRunner assumed = CliRunner.run(table[0], table[1], table[2], table[3], table[4], table[5], table[6],
                "--assumed-clocks");
        assertEquals(0, assumed.code(), assumed.err());
        assertTrue(assumed.out().contains("DSP core up to 200 MHz, an assumption above the 100 MHz documented"),
                assumed.out());
        CliRunner zc706 = CliRunner.run("explore", "--board", "zc706", "--model", "cifar_net", "--grid", "small");
        assertEquals(0, zc706.code(), zc706.err());
        assertTrue(zc706.out().contains("LUT core up to 200 MHz, an assumption (no clock is documented"), zc706.out());
    }
}
