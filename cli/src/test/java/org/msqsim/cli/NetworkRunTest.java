package org.msqsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --model}: the CLI's network report, its errors and its options. The runner's own invariants
 * (every model on every board, bit-exactness, the timing-only cache) are tested in sim-models
 * ({@code NetworkRunnerTest}).
 */
class NetworkRunTest {

    @Test
    void smallNetworkIsBitExactAndReportsTheRequiredFields() throws IOException {
        CliRunner r = CliRunner.run("run", "--board", RunCommandTest.board("tiny-z2.yaml"), "--model", "cifar_net",
                "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertTrue(j.get("bit_exact").asBoolean());
        assertEquals(7, j.get("layers").size());
        for (JsonNode l : j.get("layers")) {
            boolean fused = l.get("fused_into").isTextual(); // no time of its own, in the convolution's stage
            assertTrue(l.has("name") && (fused || l.get("cycles").asLong() > 0 && l.get("latency_ms").asDouble() > 0));
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
    static void writeNpy(Path f, int rows, int cols, long seed) throws IOException {
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int total = 10 + header.length() + 1;
        header = header + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * rows * cols)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1)
                .put((byte) 0).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.US_ASCII));
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < rows * cols; i++) {
            b.putFloat((float) (rnd.nextDouble(-1, 1) * 0.05));
        }
        Files.write(f, b.array());
    }

    @Test
    void weightsFromADirectoryOfNpyFiles(@TempDir Path dir) throws IOException {
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

    @Test
    void malformedScaleSimFilesGiveTheirProblemsAndExitTwo(@TempDir Path dir)
            throws IOException {
        Path cfg = dir.resolve("bad.cfg");
        Files.writeString(cfg, "[architecture_presets]\nArrayHeight: 0\nArrayWidth: wide\nDataflow: xs\n");
        Path topo = dir.resolve("t.csv");
        Files.writeString(topo, "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, "
                + "Channels, Num Filter, Strides,\nConv1,8,8,3,3,4,8,1,\n");
        CliRunner r = CliRunner.run("run", "--scalesim-cfg", cfg.toString(), "--scalesim-topology", topo.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().lines().count() >= 3, r.err());
        assertTrue(r.err().lines().allMatch(l -> l.startsWith("msqsim: ") && l.contains("bad.cfg")), r.err());
    }

    @Test
    void narrowAccumulatorsOverflowAndTheReportSaysSo(@TempDir Path dir)
            throws IOException {
        Path f = dir.resolve("narrow.yaml");
        Files.writeString(f, Files.readString(
                Path.of(RunCommandTest.board("tiny-z2.yaml"))).replace("accumulator_bits: 24",
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
