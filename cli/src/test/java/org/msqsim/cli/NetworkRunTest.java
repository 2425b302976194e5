package org.msqsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.msqsim.boards.BoardCatalog;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.trace.TraceSink;
import org.msqsim.models.exec.LayerResult;
import org.msqsim.models.exec.MsqBalance;
import org.msqsim.models.exec.NetworkRun;
import org.msqsim.models.exec.NetworkRunner;
import org.msqsim.models.graph.Network;
import org.msqsim.models.zoo.ModelZoo;

/** Whole networks: the mapper's invariants on every built-in model and board, and the CLI's report. */
class NetworkRunTest {

    static Stream<Arguments> boardsAndModels() {
        return BoardCatalog.all().stream().flatMap(b -> ModelZoo.all().stream().map(n -> Arguments.of(b, n)));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("boardsAndModels")
    void everyModelMapsOntoEveryBoard(BoardSpec b, Network net) {
        AcceleratorSpec acc = b.accelerator();
        NetworkRun run = new NetworkRunner(acc, b.device().family().dsp()).run(net,
                new NetworkRunner.Options(MsqBalance.balancedFraction(acc), 1, true, TraceSink.NONE, null));
        assertEquals(net.nodes().size(), run.layers().size());
        assertEquals(net.macs(), run.macs(), "every MAC of the network is done exactly once");
        double peak = acc.dspCore().map(c -> (double) c.peakMacsPerCycle() * c.clockHz()).orElse(0.0)
                + acc.lutCore().map(c -> (double) c.peakMacsPerCycle() * c.clockHz()).orElse(0.0);
        for (LayerResult l : run.layers()) {
            assertTrue(l.latencyPs() > 0, l.name());
            assertEquals(l.macs(), l.dspMacs() + l.lutMacs(), l.name());
            assertTrue(l.latencyPs() >= l.macs() / peak * 1e12, l.name() + " faster than both cores' peak");
        }
    }

    /**
     * Timing-only runs simulate each distinct GEMM once and reuse it; tracing turns the reuse off (a
     * trace needs every run's events). Both must give the same layers, on networks with repeated
     * blocks (ResNet-18) and identical groups (MobileNet-v2's depthwise layers).
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"resnet18", "mobilenet_v2"})
    void reusedGemmTimingsEqualFreshOnes(String model) {
        BoardSpec b = BoardCatalog.get("zc706");
        AcceleratorSpec acc = b.accelerator();
        TraceSink enabledButSilent = new TraceSink() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public void span(String track, String name, long startPs, long endPs) {
            }

            @Override
            public void counter(String track, long timePs, long value) {
            }
        };
        Network net = ModelZoo.get(model);
        double f = MsqBalance.balancedFraction(acc);
        NetworkRun reused = new NetworkRunner(acc, b.device().family().dsp()).run(net,
                new NetworkRunner.Options(f, 1, true, TraceSink.NONE, null));
        NetworkRun fresh = new NetworkRunner(acc, b.device().family().dsp()).run(net,
                new NetworkRunner.Options(f, 1, true, enabledButSilent, null));
        assertEquals(fresh.layers(), reused.layers());
    }

    /** A board's default design with its LUT core built of fixed-point multipliers instead of SP2 shift-adders. */
    static AcceleratorSpec withLutFixedCore(AcceleratorSpec a) {
        org.msqsim.core.spec.PeArraySpec l = a.lutCore().orElseThrow();
        return new AcceleratorSpec(a.name() + "-lut-fixed", a.dspCore(), java.util.Optional.of(
                new org.msqsim.core.spec.PeArraySpec(l.name(), org.msqsim.core.spec.MacKind.LUT_FIXED, l.dataflow(),
                        l.rows(), l.cols(), l.packing(), l.clockHz(), l.accumulatorBits())), a.inputBuffer(),
                a.weightBuffer(), a.outputBuffer(), a.ddr(), a.controlClockHz(), a.weightBits(), a.activationBits());
    }

    /**
     * A LUT core of fixed-point multipliers takes fixed-point rows (every row is then fixed-point; the
     * fraction says how many go to the LUT core): bit-exact, and with the timing of the timing-only
     * run, which puts the same number of rows there.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"pynq-z2, cifar_net, 0.15", "pynq-z2, cifar_net, 0.5",
        "zc706, cifar_net, 1.0", "ultra96-v2, lenet_300_100, 0.3", "zc706, mobilenet_v2, 0.4"})
    void lutFixedCoresAreBitExactAndTimedAsInTimingOnly(String board, String model, double f) {
        BoardSpec b = BoardCatalog.get(board);
        AcceleratorSpec acc = withLutFixedCore(b.accelerator());
        Network net = ModelZoo.get(model);
        NetworkRun exact = new NetworkRunner(acc, b.device().family().dsp()).run(net,
                new NetworkRunner.Options(f, 1, false, TraceSink.NONE, null));
        NetworkRun timing = new NetworkRunner(acc, b.device().family().dsp()).run(net,
                new NetworkRunner.Options(f, 1, true, TraceSink.NONE, null));
        assertTrue(exact.bitExact(), model + " on " + board + " at " + f + ": " + exact.mismatches() + " mismatches");
        assertEquals(timing.latencyPs(), exact.latencyPs());
        long lutMacs = exact.layers().stream().mapToLong(LayerResult::lutMacs).sum();
        assertTrue(lutMacs > 0, "the LUT core did work");
    }

    @Test
    void smallNetworkIsBitExactAndReportsTheRequiredFields() throws IOException {
        CliRunner r = CliRunner.run("run", "--board", RunCommandTest.board("tiny-z2.yaml"), "--model", "cifar_net",
                "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertTrue(j.get("bit_exact").asBoolean());
        assertEquals(7, j.get("layers").size());
        for (JsonNode l : j.get("layers")) {
            assertTrue(l.has("name") && l.get("cycles").asLong() > 0 && l.get("latency_ms").asDouble() > 0);
            assertTrue(l.get("bit_exact").asBoolean(), l.toString());
        }
        for (String k : new String[] {"latency_ms", "fps", "gops"}) {
            assertTrue(j.get(k).asDouble() > 0, k);
        }
        assertTrue(j.get("resources").get("dsp").has("used"));
        CliRunner t = CliRunner.run("run", "--board", RunCommandTest.board("tiny-z2.yaml"), "--model", "cifar_net",
                "--timing-only", "--format", "json");
        JsonNode tj = new ObjectMapper().readTree(t.out());
        assertEquals(j.get("cycles"), tj.get("cycles"), "timing-only gives the same cycles");
        assertTrue(tj.get("bit_exact").isNull());
    }

    @Test
    void residualAndSignedLayersStayBitExact() throws IOException {
        // MobileNet-v2's linear bottlenecks feed signed activations and residual adds into the next layers.
        CliRunner r = CliRunner.run("run", "--board", "zc706", "--model", "mobilenet_v2", "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertTrue(new ObjectMapper().readTree(r.out()).get("bit_exact").asBoolean());
    }

    @Test
    void modelErrors() {
        CliRunner unknown = CliRunner.run("run", "--model", "alexnet");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("resnet18"), unknown.err());
        CliRunner both = CliRunner.run("run", "--model", "resnet18", "--layer", "gemm:8x8x8");
        assertEquals(2, both.code());
        CliRunner models = CliRunner.run("models", "--format", "json");
        assertEquals(0, models.code());
    }

    /** A float32 C-order .npy file (format 1.0) of a rows × cols matrix. */
    static void writeNpy(java.nio.file.Path f, int rows, int cols, long seed) throws IOException {
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int total = 10 + header.length() + 1;
        header = header + " ".repeat((64 - total % 64) % 64) + "\n";
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(10 + header.length() + 4 * rows * cols)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put((byte) 1)
                .put((byte) 0).putShort((short) header.length());
        b.put(header.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        for (int i = 0; i < rows * cols; i++) {
            b.putFloat((float) (rnd.nextDouble(-1, 1) * 0.05));
        }
        java.nio.file.Files.write(f, b.array());
    }

    @Test
    void weightsFromADirectoryOfNpyFiles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        writeNpy(dir.resolve("fc1.npy"), 300, 784, 1);
        writeNpy(dir.resolve("fc2.npy"), 100, 300, 2);
        CliRunner missing = CliRunner.run("run", "--board", "pynq-z2", "--model", "lenet_300_100", "--weights",
                dir.toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("fc3.npy") && missing.err().contains("missing"), missing.err());
        writeNpy(dir.resolve("fc3.npy"), 10, 99, 3);
        CliRunner shape = CliRunner.run("run", "--board", "pynq-z2", "--model", "lenet_300_100", "--weights",
                dir.toString());
        assertEquals(2, shape.code());
        assertTrue(shape.err().contains("fc3.npy") && shape.err().contains("needs 10x100"), shape.err());
        writeNpy(dir.resolve("fc3.npy"), 10, 100, 3);
        CliRunner ok = CliRunner.run("run", "--board", "pynq-z2", "--model", "lenet_300_100", "--weights",
                dir.toString(), "--format", "json");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(new ObjectMapper().readTree(ok.out()).get("bit_exact").asBoolean());
    }

    static Stream<String> boardIds() {
        return BoardCatalog.ids().stream();
    }

    @ParameterizedTest
    @MethodSource("boardIds")
    void smallCnnIsBitExactOnEveryBoard(String board) throws IOException {
        CliRunner r = CliRunner.run("run", "--board", board, "--model", "cifar_net", "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertTrue(new ObjectMapper().readTree(r.out()).get("bit_exact").asBoolean(), board);
    }

    @Test
    void malformedScaleSimFilesGiveTheirProblemsAndExitTwo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        java.nio.file.Path cfg = dir.resolve("bad.cfg");
        java.nio.file.Files.writeString(cfg, "[architecture_presets]\nArrayHeight: 0\nArrayWidth: wide\nDataflow: xs\n");
        java.nio.file.Path topo = dir.resolve("t.csv");
        java.nio.file.Files.writeString(topo, "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, "
                + "Channels, Num Filter, Strides,\nConv1,8,8,3,3,4,8,1,\n");
        CliRunner r = CliRunner.run("run", "--scalesim-cfg", cfg.toString(), "--scalesim-topology", topo.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().lines().count() >= 3, r.err());
        assertTrue(r.err().lines().allMatch(l -> l.startsWith("msqsim: ") && l.contains("bad.cfg")), r.err());
    }

    @Test
    void narrowAccumulatorsOverflowAndTheReportSaysSo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        java.nio.file.Path f = dir.resolve("narrow.yaml");
        java.nio.file.Files.writeString(f, java.nio.file.Files.readString(
                java.nio.file.Path.of(RunCommandTest.board("tiny-z2.yaml"))).replace("accumulator_bits: 24",
                "accumulator_bits: 10"));
        CliRunner r = CliRunner.run("run", "--board", f.toString(), "--model", "cifar_net", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertTrue(j.get("overflows").asLong() > 0, r.out());
        assertTrue(!j.get("bit_exact").asBoolean(), "hardware that wraps cannot match the exact reference");
        assertTrue(CliRunner.run("run", "--board", f.toString(), "--model", "cifar_net").out().contains("overflow"));
    }

    @Test
    void widerOperandsWidenTheAccumulatorsAndStayExact() throws IOException {
        CliRunner r = CliRunner.run("run", "--board", "pynq-z2", "--model", "cifar_net", "--bits", "8", "--format",
                "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertTrue(j.get("bit_exact").asBoolean());
        assertEquals(0, j.get("overflows").asLong());
    }
}
