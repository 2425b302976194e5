package org.msqsim.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every malformed or unmappable file is one line naming the file and what is wrong where; a seeded
 * fuzz of real and small files (truncations, flipped bytes, spliced runs) never escapes as any other
 * exception.
 */
class OnnxReaderErrorTest {
    private static final Path F = Path.of("m.onnx");

    private static String error(byte[] bytes, Optional<long[]> shape) {
        OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> OnnxImporter.read(F, bytes, shape));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().startsWith("m.onnx: "), e.getMessage());
        return e.getMessage();
    }

    private static byte[] small() {
        OnnxBuilder b = new OnnxBuilder(1, 13, 1, 3, 8, 8);
        return b.build(b.node("Relu", new String[] {b.conv("input.1", "c", 3, 4, 3, 1, 1, 1)}));
    }

    @Test
    void notProtobuf() {
        String m = error("hello, this is not a model\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Optional.empty());
        assertTrue(m.contains("not an ONNX model"), m);
    }

    @Test
    void truncated() {
        byte[] ok = small();
        String m = error(Arrays.copyOf(ok, ok.length / 2), Optional.empty());
        assertTrue(m.contains("not an ONNX model") || m.contains("initializer"), m);
    }

    @Test
    void emptyFile() {
        assertTrue(error(new byte[0], Optional.empty()).contains("no graph"));
    }

    @Test
    void missingInput() {
        OnnxBuilder b = new OnnxBuilder(1, 13, 1, 3, 8, 8);
        String m = error(b.build(b.node("Relu", new String[] {"nowhere"})), Optional.empty());
        assertEquals("m.onnx: node 'Relu_1' (Relu): input 'nowhere' is not produced by any node, initializer or "
                + "graph input", m);
    }

    @Test
    void cycle() {
        OnnxBuilder b = new OnnxBuilder(1, 13, 1, 3, 8, 8);
        b.node("Add", new String[] {"input.1", "relu_1"}); // add_0 reads relu_1
        String r = b.node("Relu", new String[] {"add_0"}); // relu_1 reads add_0
        String m = error(b.build(r), Optional.empty());
        assertTrue(m.contains("cycle through node"), m);
    }

    @Test
    void dynamicShapeNeedsInputShape() {
        OnnxBuilder b = new OnnxBuilder(1, 13, -1, 3, -1, -1);
        String m = error(b.build(b.node("Relu", new String[] {"input.1"})), Optional.empty());
        assertEquals("m.onnx: input 'input.1' has a dynamic shape Nx3xNxN; give its shape with --input-shape, e.g. "
                + "--input-shape 1x3x224x224", m);
    }

    @Test
    void unsupportedOperatorNamesNodeAndSupported() {
        OnnxBuilder b = new OnnxBuilder(1, 13, 1, 3, 8, 8);
        String m = error(b.build(b.node("LSTM", new String[] {"input.1"})), Optional.empty());
        assertTrue(m.startsWith("m.onnx: node 'LSTM_1' (LSTM): operator LSTM cannot be mapped (supported: Conv"), m);
    }

    @Test
    void unsupportedOpset() {
        OnnxBuilder b = new OnnxBuilder(1, 22, 1, 3, 8, 8);
        String m = error(b.build(b.node("Relu", new String[] {"input.1"})), Optional.empty());
        assertTrue(m.contains("opset 22"), m);
    }

    @Test
    void noSuchFile() {
        OnnxFormatException e = assertThrows(OnnxFormatException.class,
                () -> OnnxImporter.read(Path.of("/nonexistent/x.onnx"), Optional.empty()));
        assertEquals("/nonexistent/x.onnx: no such file", e.getMessage());
    }

    @Test
    void fuzzNeverEscapes() throws Exception {
        byte[][] seeds = {small(), PyTorchLayoutTest.cifarNet(), Files.readAllBytes(Models.path(Models.CLASSIFIER))};
        Random rnd = new Random(20261202);
        int imported = 0;
        int refused = 0;
        for (int i = 0; i < 600; i++) {
            byte[] base = seeds[i % seeds.length];
            byte[] b = mutate(base, rnd);
            try {
                OnnxImporter.read(F, b, Optional.of(new long[] {1, 3, i % 3 == 2 ? 48 : 32, i % 3 == 2 ? 192 : 32}));
                imported++;
            } catch (OnnxFormatException e) {
                assertFalse(e.getMessage().contains("\n"), e.getMessage());
                refused++;
            }
        }
        assertTrue(refused > 100 && imported > 20, "refused " + refused + ", imported " + imported);
    }

    private static byte[] mutate(byte[] base, Random rnd) {
        byte[] b = base.clone();
        switch (rnd.nextInt(3)) {
            case 0 -> b = Arrays.copyOf(b, rnd.nextInt(b.length));
            case 1 -> {
                int n = 1 + rnd.nextInt(4);
                for (int k = 0; k < n; k++) {
                    int at = rnd.nextInt(Math.min(b.length, 4096)); // the graph's structure, not only weight bytes
                    b[at] = (byte) rnd.nextInt(256);
                }
            }
            default -> {
                int from = rnd.nextInt(b.length);
                int to = rnd.nextInt(b.length);
                int len = Math.min(1 + rnd.nextInt(64), Math.min(b.length - from, b.length - to));
                System.arraycopy(base, from, b, to, len);
            }
        }
        return b;
    }
}
