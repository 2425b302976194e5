package org.msqsim.models.exec;

import java.util.List;
import org.msqsim.models.layer.Conv2d;
import org.msqsim.models.layer.GemmLayer;
import org.msqsim.models.tensor.FloatMatrix;

/**
 * How a framework stores a layer's weights in a {@code .npy} file, and how msqsim turns them into its
 * rows ({@code K × (C/groups)·R·S}, C, R, S order):
 * <ul>
 *   <li>{@link #PYTORCH}: convolution {@code K×(C/g)×R×S}, dense {@code out×in} (also ONNX's layout);
 *       read as they are;</li>
 *   <li>{@link #KERAS}: convolution kernels HWIO {@code R×S×(C/g)×K}, depthwise kernels
 *       {@code R×S×C×1} (depth multiplier 1), dense kernels {@code in×out}; transposed.</li>
 * </ul>
 */
public enum WeightLayout {
    PYTORCH,
    KERAS;

    /** The file shape this layout stores for {@code g}, or null where any shape of the right rows and columns will do. */
    List<Integer> expectedShape(GemmLayer g) {
        if (this == PYTORCH) {
            return null;
        }
        if (g instanceof Conv2d c) {
            if (c.depthwise()) {
                return List.of(c.r(), c.s(), c.k(), 1);
            }
            return List.of(c.r(), c.s(), c.c() / c.groups(), c.k());
        }
        return List.of(g.gemmK(), g.gemmM() * g.groups());
    }

    /** The layer's rows from the matrix {@code NpyReader} lowered ({@code shape[0]} rows of the rest). */
    FloatMatrix toRows(FloatMatrix m, GemmLayer g) {
        if (this == PYTORCH) {
            return m;
        }
        int rows = g.gemmM() * g.groups();
        int cols = g.gemmK();
        float[] out = new float[rows * cols];
        if (g instanceof Conv2d c) {
            int r = c.r();
            int s = c.s();
            int cg = c.depthwise() ? 1 : c.c() / c.groups();
            for (int k = 0; k < rows; k++) {
                for (int ci = 0; ci < cg; ci++) {
                    for (int y = 0; y < r; y++) {
                        for (int x = 0; x < s; x++) {
                            // HWIO [y][x][ci][k], or depthwise [y][x][k][0]: row y of the lowered matrix
                            int col = c.depthwise() ? x * rows + k : (x * cg + ci) * rows + k;
                            out[k * cols + (ci * r + y) * s + x] = m.get(y, col);
                        }
                    }
                }
            }
        } else {
            for (int o = 0; o < rows; o++) {
                for (int i = 0; i < cols; i++) {
                    out[o * cols + i] = m.get(i, o);
                }
            }
        }
        return new FloatMatrix(rows, cols, out);
    }
}
