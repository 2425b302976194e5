package org.msqsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
import org.msqsim.core.resource.CostModel;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.spec.BufferSpec;
import org.msqsim.core.spec.PeArraySpec;
import org.msqsim.models.explore.Design;
import org.msqsim.models.explore.DesignFamily;
import org.msqsim.models.explore.ExploreGrid;
import org.msqsim.models.explore.ShapeStage;

/** {@code msqsim explore}: determinism, fit, agreement with {@code run}, bad flags, plots. */
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

    @Test
    void dspOnlyPointEqualsARunOfTheSameDesign(@TempDir Path tmp) throws IOException {
        BoardSpec b = BoardCatalog.get("pynq-z2");
        CliRunner r = CliRunner.run(small("--jobs", "2"));
        JsonNode best = JSON.readTree(r.out()).get("dsp_only");
        Design d = new ShapeStage(ExploreGrid.small(), b, b.accelerator(), CostModel.defaults()).designs().stream()
                .filter(x -> x.index() == best.get("index").asInt()).findFirst().orElseThrow();
        assertEquals(DesignFamily.DSP_ONLY, d.family());
        Path file = tmp.resolve("dsp-only.yaml");
        Files.writeString(file, boardYaml("pynq-z2", d.spec()));
        CliRunner run = CliRunner.run("run", "--board", file.toString(), "--model", "cifar_net", "--timing-only",
                "--sp2-fraction", "0", "--format", "json");
        assertEquals(0, run.code(), run.err());
        assertEquals(best.get("latency_ms").asDouble(), JSON.readTree(run.out()).get("latency_ms").asDouble(), 0.0);
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
        String f = String.format(Locale.ROOT, "%.2f", best.get("sp2_fraction").asDouble());
        assertTrue(text.contains("--sp2-fraction " + f), text);
        CliRunner run = CliRunner.run("run", "--board", file.toString(), "--model", "cifar_net", "--sp2-fraction", f,
                "--format", "json");
        assertEquals(0, run.code(), run.err());
        JsonNode j = JSON.readTree(run.out());
        assertTrue(j.get("bit_exact").asBoolean(), run.out());
        assertEquals(best.get("latency_ms").asDouble(), j.get("latency_ms").asDouble(), 0.0);
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
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
                new String[] {"explore", "--format", "xml"});
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

    /** A board file: the built-in board's text up to its accelerator, then {@code a} in the schema. */
    private static String boardYaml(String id, AcceleratorSpec a) throws IOException {
        String text;
        try (InputStream in = BoardCatalog.class.getResourceAsStream("/boards/" + id + ".yaml")) {
            assertNotNull(in, id);
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder sb = new StringBuilder(text.substring(0, text.indexOf("\naccelerator:") + 1));
        sb.append("accelerator:\n  name: ").append(a.name()).append("\n  control_clock_mhz: ")
                .append(a.controlClockHz() / 1_000_000).append("\n  weight_bits: ").append(a.weightBits())
                .append("\n  activation_bits: ").append(a.activationBits()).append('\n');
        a.dspCore().ifPresent(c -> core(sb, "dsp_core", c));
        a.lutCore().ifPresent(c -> core(sb, "lut_core", c));
        sb.append("  buffers:\n");
        buffer(sb, "input", a.inputBuffer());
        buffer(sb, "weight", a.weightBuffer());
        buffer(sb, "output", a.outputBuffer());
        return sb.toString();
    }

    private static void core(StringBuilder sb, String name, PeArraySpec c) {
        sb.append("  ").append(name).append(":\n    mac: ").append(c.mac().name().toLowerCase(Locale.ROOT))
                .append("\n    dataflow: ").append(c.dataflow().name().toLowerCase(Locale.ROOT))
                .append("\n    rows: ").append(c.rows()).append("\n    cols: ").append(c.cols())
                .append("\n    packing: ").append(c.packing()).append("\n    clock_mhz: ").append(c.clockHz() / 1_000_000)
                .append("\n    accumulator_bits: ").append(c.accumulatorBits()).append('\n');
    }

    private static void buffer(StringBuilder sb, String name, BufferSpec b) {
        assertEquals(0, b.capacityBytes() % 1024, name);
        sb.append("    ").append(name).append(":\n      capacity_kib: ").append(b.capacityBytes() / 1024)
                .append("\n      width_bits: ").append(b.widthBits()).append("\n      banks: ").append(b.banks())
                .append("\n      double_buffered: ").append(b.doubleBuffered()).append("\n      memory: ")
                .append(b.memory().name().toLowerCase(Locale.ROOT)).append('\n');
    }
}
