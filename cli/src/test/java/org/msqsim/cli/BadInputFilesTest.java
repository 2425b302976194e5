package org.msqsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 items 1, 2, 6, 8, 15, 16, 18: bad board files, weight directories and SCALE-Sim inputs end
 * as one line per problem on stderr and exit 2 before anything runs, never as an internal error.
 */
class BadInputFilesTest {
    /** cifar_net's GEMM layers and the lowered shape of each one's weights. */
    private static final Map<String, int[]> CIFAR = Map.of("conv1", new int[] {6, 75}, "conv2", new int[] {16, 150},
            "fc1", new int[] {120, 400}, "fc2", new int[] {84, 120}, "fc3", new int[] {10, 84});

    @TempDir
    Path dir;

    /** A version 1.0 little-endian float32 .npy of the given header shape and values. */
    private static byte[] npy(String shape, float[] values) {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
        int pad = 64 - (10 + dict.length() + 1) % 64;
        String header = dict + " ".repeat(pad % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    private static float[] weights(int rows, int cols, long seed) {
        Random r = new Random(seed);
        float[] w = new float[rows * cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (r.nextGaussian() * 0.1);
        }
        return w;
    }

    /** A complete, valid weight directory for cifar_net. */
    private Path cifarWeights(String name) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        long seed = 1;
        for (Map.Entry<String, int[]> e : CIFAR.entrySet()) {
            int[] s = e.getValue();
            Files.write(d.resolve(e.getKey() + ".npy"), npy("(" + s[0] + ", " + s[1] + ")", weights(s[0], s[1], seed++)));
        }
        return d;
    }

    private static List<String> lines(String err) {
        return err.lines().toList();
    }

    @Test
    void everyProblemOfAWeightDirectoryIsListedBeforeTheRun() throws IOException {
        Path d = cifarWeights("bad");
        byte[] fc1 = Files.readAllBytes(d.resolve("fc1.npy"));
        Files.write(d.resolve("fc1.npy"), java.util.Arrays.copyOf(fc1, fc1.length / 2)); // truncated
        float[] fc2 = weights(84, 120, 7);
        fc2[5] = Float.NaN;
        Files.write(d.resolve("fc2.npy"), npy("(84, 120)", fc2));
        float[] fc3 = weights(10, 84, 8);
        fc3[84 + 2] = Float.POSITIVE_INFINITY;
        Files.write(d.resolve("fc3.npy"), npy("(10, 84)", fc3));
        Files.delete(d.resolve("conv1.npy"));
        CliRunner r = CliRunner.run("run", "--model", "cifar_net", "--weights", d.toString());
        assertEquals(Main.EXIT_USER_ERROR, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(List.of(
                "msqsim: --weights: " + d.resolve("conv1.npy") + ": missing (weights of layer conv1, 6x75)",
                "msqsim: --weights: " + d.resolve("fc1.npy") + ": truncated data (expected 192000 bytes got "
                        + (fc1.length / 2 - 128) + ")",
                "msqsim: --weights: " + d.resolve("fc2.npy") + ": non-finite values: 1 of 10080 (first NaN at row 0, "
                        + "column 5)",
                "msqsim: --weights: " + d.resolve("fc3.npy") + ": non-finite values: 1 of 840 (first Infinity at row "
                        + "1, column 2)"), lines(r.err()));
        // quantize reads a file with the same reader and says the same
        CliRunner q = CliRunner.run("quantize", "--weights", d.resolve("fc2.npy").toString());
        assertEquals(Main.EXIT_USER_ERROR, q.code());
        assertEquals("msqsim: " + d.resolve("fc2.npy") + ": non-finite values: 1 of 10080 (first NaN at row 0, "
                + "column 5)", q.err().strip());
    }

    /**
     * Issue 11 item 2: one huge (finite, float32) weight in a row the ReLU cuts used to end in "scale …
     * needs shift -111" (exit 70).
     */
    @Test
    void aHugeWeightRunsBitExact() throws IOException {
        Path d = cifarWeights("huge");
        for (float big : new float[] {-1e38f, -1e6f}) {
            float[] fc1 = weights(120, 400, 3);
            for (int j = 0; j < 400; j++) { // row 3 never positive: its outputs on ReLU'd inputs are all cut
                fc1[3 * 400 + j] = -Math.abs(fc1[3 * 400 + j]);
            }
            fc1[3 * 400 + 7] = big;
            Files.write(d.resolve("fc1.npy"), npy("(120, 400)", fc1));
            CliRunner r = CliRunner.run("run", "--model", "cifar_net", "--weights", d.toString(), "--format", "json");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("\"bit_exact\" : true") && !r.out().contains("\"bit_exact\" : false"), r.out());
            assertEquals(0, CliRunner.run("quantize", "--weights", d.resolve("fc1.npy").toString(), "--summary").code());
        }
    }

    /** Issue 11 item 15: a header shape of over 2 GiB is said so, not as a wrapped 120x76861433640456465. */
    @Test
    void aHugeHeaderShapeIsTooLarge() throws IOException {
        Path d = cifarWeights("shape");
        Files.write(d.resolve("fc1.npy"), npy("(120, 400000000)", new float[16]));
        CliRunner r = CliRunner.run("run", "--model", "cifar_net", "--weights", d.toString());
        assertEquals(Main.EXIT_USER_ERROR, r.code(), r.err());
        assertEquals("msqsim: --weights: " + d.resolve("fc1.npy") + ": shape (120, 400000000) is too large (over 2 GiB "
                + "of data)", r.err().strip());
        Files.write(d.resolve("fc1.npy"), npy("(120, 401)", weights(120, 401, 1)));
        r = CliRunner.run("run", "--model", "cifar_net", "--weights", d.toString());
        assertEquals("msqsim: --weights: " + d.resolve("fc1.npy") + ": shape (120, 401) is 120x401 as rows, layer fc1 "
                + "needs 120x400", r.err().strip());
    }

    /** Issue 11 item 1: a board file that is not UTF-8, for run and explore. */
    @Test
    void aBoardFileThatIsNotUtf8IsOneLine() throws IOException {
        Path f = dir.resolve("latin1.yaml");
        Files.write(f, new byte[] {'#', ' ', 'c', 'a', 'f', (byte) 0xe9, '\n', 'i', 'd', ':', ' ', 'x', '\n'});
        byte[] random = new byte[4096];
        new Random(11).nextBytes(random);
        random[100] = (byte) 0xc0; // never valid in UTF-8; bytes before it may already be
        Path g = dir.resolve("random.yaml");
        Files.write(g, random);
        for (String command : List.of("run", "explore")) {
            CliRunner r = CliRunner.run(command, "--board", f.toString());
            assertEquals(Main.EXIT_USER_ERROR, r.code(), r.err());
            assertEquals("msqsim: " + f + ": not UTF-8 at byte 5 (0xe9, line 1); save the board file as UTF-8",
                    r.err().strip());
            r = CliRunner.run(command, "--board", g.toString());
            assertEquals(Main.EXIT_USER_ERROR, r.code(), r.err());
            assertTrue(r.err().startsWith("msqsim: " + g + ": not UTF-8 at byte "), r.err());
            assertEquals(1, lines(r.err()).size(), r.err());
        }
    }

    /** Issue 11 item 18: a missing board path is "no such file"; .nan is not a number, not a syntax error. */
    @Test
    void aMissingBoardFileAndNanAreNamed() throws IOException {
        CliRunner r = CliRunner.run("run", "--board", "nonexist.yaml", "--layer", "gemm:8x8x8");
        assertEquals(Main.EXIT_USER_ERROR, r.code());
        assertTrue(r.err().startsWith("msqsim: nonexist.yaml: no such file"), r.err());
        String zc706;
        try (var in = getClass().getResourceAsStream("/boards/zc706.yaml")) {
            zc706 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path f = dir.resolve("nan.yaml");
        Files.writeString(f, zc706.replaceFirst("efficiency: [0-9.]+", "efficiency: .nan"));
        r = CliRunner.run("run", "--board", f.toString(), "--layer", "gemm:8x8x8");
        assertEquals(Main.EXIT_USER_ERROR, r.code());
        assertTrue(r.err().matches("msqsim: " + java.util.regex.Pattern.quote(f.toString())
                + ":\\d+:\\d+:ddr\\.efficiency: \\.nan — not a number; board values must be finite plain numbers\\s*"),
                r.err());
    }

    /** Issue 11 items 6, 8, 16: SCALE-Sim inputs with huge values or no layers are user errors. */
    @Test
    void scaleSimInputsTooLargeOrEmpty() throws IOException {
        String cfg = String.join("\n", "[general]", "run_name = t", "[architecture_presets]", "ArrayHeight: 100000",
                "ArrayWidth: 32", "IfmapSramSzkB: 64", "FilterSramSzkB: 64", "OfmapSramSzkB: 64", "IfmapOffset: 0",
                "FilterOffset: 10000000", "OfmapOffset: 20000000", "Dataflow: os", "[run_presets]",
                "InterfaceBandwidth: CALC", "");
        Path big = Files.writeString(dir.resolve("big.cfg"), cfg);
        Path ok = Files.writeString(dir.resolve("ok.cfg"), cfg.replace("100000", "32"));
        String header = "Layer name,IFMAP Height,IFMAP Width,Filter Height,Filter Width,Channels,Num Filter,Strides,\n";
        Path tiny = Files.writeString(dir.resolve("tiny.csv"), header + "C1,8,8,3,3,2,4,1,\n");
        Path huge = Files.writeString(dir.resolve("huge.csv"), header + "C1,99999999,99999999,3,3,9999,99999,1,\n");
        Path empty = Files.writeString(dir.resolve("empty.csv"), header);
        Path gemm = Files.writeString(dir.resolve("g.csv"), "Layer,M,N,K,\nG1,1,1,2147483648,\n");
        CliRunner r = CliRunner.run("run", "--scalesim-cfg", big.toString(), "--scalesim-topology", tiny.toString());
        assertEquals(Main.EXIT_USER_ERROR, r.code(), r.err());
        assertEquals("msqsim: " + big + ":4:architecture_presets.ArrayHeight: 100000 — too large: at most 4,096 "
                + "(msqsim's PE arrays have at most 4096 rows and columns)", r.err().strip());
        r = CliRunner.run("run", "--scalesim-cfg", ok.toString(), "--scalesim-topology", huge.toString());
        assertEquals(Main.EXIT_USER_ERROR, r.code(), r.err());
        assertEquals("msqsim: " + huge + ":2: 9,999,999,400,000,009 — too large: the layer's ofmap pixels must be at "
                + "most 2,147,483,647", r.err().strip());
        r = CliRunner.run("run", "--scalesim-cfg", ok.toString(), "--scalesim-topology", empty.toString());
        assertEquals(Main.EXIT_USER_ERROR, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals("msqsim: " + empty + ": no layer rows after the header line; a topology needs at least one layer",
                r.err().strip());
        r = CliRunner.run("run", "--scalesim-cfg", ok.toString(), "--scalesim-topology", gemm.toString(),
                "--scalesim-gemm");
        assertEquals(Main.EXIT_USER_ERROR, r.code(), r.err());
        assertEquals("msqsim: " + gemm + ":2:8: '2147483648' — K is too large: at most 2,147,483,647", r.err().strip());
    }

    /** A name with a line break would split the one-line message that echoes it: refused up front, in one line. */
    @Test
    void anArgumentWithALineBreakIsRefusedInOneLine() {
        for (String[] args : new String[][] {{"run", "--board", "new\nline.yaml"}, {"validate", "a\r\nb.yaml"},
                {"run", "--layer", "gemm:8x8\nx8", "--timing-only"}}) {
            CliRunner r = CliRunner.run(args);
            assertEquals(Main.EXIT_USER_ERROR, r.code(), r.err());
            assertEquals("", r.out());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains("line break"), r.err());
        }
    }
}
