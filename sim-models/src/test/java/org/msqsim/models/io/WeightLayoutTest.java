package org.msqsim.models.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msqsim.models.exec.WeightLayout;
import org.msqsim.models.exec.WeightSource;
import org.msqsim.models.graph.Network;
import org.msqsim.models.layer.Conv2d;
import org.msqsim.models.layer.GemmLayer;
import org.msqsim.models.layer.Shape;
import org.msqsim.models.tensor.FloatMatrix;

/**
 * {@code --weights} in Keras's layout (HWIO kernels, depthwise R×S×C×1, dense in×out) reads the same
 * rows as PyTorch's layout; bias and batch-norm side files are folded as the formula says.
 */
class WeightLayoutTest {
    @TempDir
    Path tmp;

    private static Network net() {
        Network.Builder b = Network.builder("t", "test", new Shape(3, 8, 8));
        String x = b.add(new Conv2d("conv", 8, 8, 3, 4, 3, 3, 1, 1), Network.INPUT);
        x = b.add(new Conv2d("dw", 8, 8, 4, 4, 3, 3, 1, 1, 4, false, org.msqsim.models.layer.Activation.NONE), x);
        b.add(new org.msqsim.models.layer.Dense("fc", 256, 5, false, org.msqsim.models.layer.Activation.NONE), x);
        return b.build();
    }

    private static String shape(int... d) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < d.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(d[i]);
        }
        return sb.append(d.length == 1 ? ",)" : ")").toString();
    }

    private void write(Path dir, String name, int[] dims, float[] v) {
        NpyBytes.write(dir, name, NpyBytes.npy(1, NpyBytes.dict("<f4", false, shape(dims)),
                NpyBytes.f4(ByteOrder.LITTLE_ENDIAN, v)));
    }

    @Test
    void kerasLayoutReadsTheSameRows() throws Exception {
        Random rnd = new Random(5);
        Path torch = java.nio.file.Files.createDirectory(tmp.resolve("torch"));
        Path keras = java.nio.file.Files.createDirectory(tmp.resolve("keras"));
        // conv: K=4, C=3, R=S=3
        float[] w = new float[4 * 3 * 9];
        float[] hwio = new float[w.length];
        for (int k = 0; k < 4; k++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 3; y++) {
                    for (int x = 0; x < 3; x++) {
                        float v = rnd.nextFloat();
                        w[((k * 3 + c) * 3 + y) * 3 + x] = v;
                        hwio[((y * 3 + x) * 3 + c) * 4 + k] = v;
                    }
                }
            }
        }
        write(torch, "conv.npy", new int[] {4, 3, 3, 3}, w);
        write(keras, "conv.npy", new int[] {3, 3, 3, 4}, hwio);
        float[] dw = new float[4 * 9];
        float[] dwk = new float[dw.length];
        for (int k = 0; k < 4; k++) {
            for (int t = 0; t < 9; t++) {
                dw[k * 9 + t] = rnd.nextFloat();
                dwk[t * 4 + k] = dw[k * 9 + t];
            }
        }
        write(torch, "dw.npy", new int[] {4, 1, 3, 3}, dw);
        write(keras, "dw.npy", new int[] {3, 3, 4, 1}, dwk);
        float[] fc = new float[5 * 256];
        float[] fck = new float[fc.length];
        for (int o = 0; o < 5; o++) {
            for (int i = 0; i < 256; i++) {
                fc[o * 256 + i] = rnd.nextFloat();
                fck[i * 5 + o] = fc[o * 256 + i];
            }
        }
        write(torch, "fc.npy", new int[] {5, 256}, fc);
        write(keras, "fc.npy", new int[] {256, 5}, fck);
        WeightSource a = WeightSource.directory(torch, 1, WeightLayout.PYTORCH, 1e-5);
        WeightSource b = WeightSource.directory(keras, 1, WeightLayout.KERAS, 1e-3);
        Network n = net();
        assertEquals(List.of(), a.check(n));
        assertEquals(List.of(), b.check(n));
        for (var node : n.nodes()) {
            GemmLayer g = (GemmLayer) node.layer();
            FloatMatrix x = a.weights(g);
            FloatMatrix y = b.weights(g);
            assertArrayEquals(x.toArray(), y.toArray(), g.name());
        }
        // a PyTorch-shaped file in the Keras layout is named with the shape it needs
        List<String> wrong = WeightSource.directory(torch, 1, WeightLayout.KERAS, 1e-3).check(n);
        assertTrue(wrong.get(0).contains("conv.npy: shape (4, 3, 3, 3), layer conv in the keras layout needs 3x3x3x4"),
                wrong.get(0));
    }

    @Test
    void biasAndBatchNormFold() throws Exception {
        Path d = java.nio.file.Files.createDirectory(tmp.resolve("bn"));
        Network n = net();
        GemmLayer conv = (GemmLayer) n.node("conv").layer();
        float[] w = new float[4 * 27];
        java.util.Arrays.fill(w, 1f);
        write(d, "conv.npy", new int[] {4, 3, 3, 3}, w);
        write(d, "conv.bias.npy", new int[] {4}, new float[] {1, 2, 3, 4});
        write(d, "conv.bn.npy", new int[] {4, 4}, new float[] {2, 2, 2, 2, /* beta */ 1, 1, 1, 1,
            /* mean */ 0, 1, 2, 3, /* var */ 3, 3, 3, 3});
        WeightSource s = WeightSource.directory(d, 1, WeightLayout.PYTORCH, 1.0);
        double scale = 2 / Math.sqrt(3 + 1.0);
        assertEquals((float) scale, s.weights(conv).get(2, 5));
        double[] b = s.bias(conv).orElseThrow();
        for (int k = 0; k < 4; k++) {
            assertEquals((k + 1 - k) * scale + 1, b[k], 1e-6);
        }
    }
}
