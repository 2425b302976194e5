package org.msqsim.models.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link GoldenReference#conv2d} (column ranges computed once per tap, int accumulation when the
 * operands' bound allows it) against the direct loop nest as first written, kept here verbatim, on
 * seeded random shapes with narrow codes (the int path) and wide values (the long path).
 */
class ConvFastPathTest {

    @Test
    void equalsTheOriginalLoopNestOnRandomShapes() {
        SplittableRandom rnd = new SplittableRandom(20261127);
        for (int t = 0; t < 400; t++) {
            int groups = new int[] {1, 1, 2, 3}[rnd.nextInt(4)];
            boolean depthwise = rnd.nextInt(5) == 0;
            int c = depthwise ? groups * 1 : groups * (1 + rnd.nextInt(4));
            int k = depthwise ? c : groups * (1 + rnd.nextInt(4));
            if (depthwise) {
                groups = c;
            }
            int r = 1 + rnd.nextInt(5);
            int s = 1 + rnd.nextInt(5);
            int stride = 1 + rnd.nextInt(3);
            int pad = rnd.nextInt(4);
            int h = Math.max(1, r - 2 * pad) + rnd.nextInt(9);
            int w = Math.max(1, s - 2 * pad) + rnd.nextInt(9);
            boolean wide = t % 4 == 3;
            int[] input = wide ? rnd.ints((long) c * h * w, Integer.MIN_VALUE, Integer.MAX_VALUE).toArray()
                    : rnd.ints((long) c * h * w, -128, 128).toArray();
            int[] weights = wide ? rnd.ints((long) k * (c / groups) * r * s, -40000, 40000).toArray()
                    : rnd.ints((long) k * (c / groups) * r * s, -8, 8).toArray();
            if (t % 7 == 0) { // some zero taps, which both skip
                for (int i = 0; i < weights.length; i += 3) {
                    weights[i] = 0;
                }
            }
            String what = Arrays.toString(new int[] {c, h, w, k, r, s, stride, pad, groups});
            assertArrayEquals(original(input, c, h, w, weights, k, r, s, stride, pad, groups),
                    GoldenReference.conv2d(input, c, h, w, weights, k, r, s, stride, pad, groups), what);
        }
    }

    /** The int path's edge: products and sums just inside the int range agree with the long path. */
    @Test
    void sumsAtTheEdgeOfTheIntRange() {
        int[] input = new int[3 * 3 * 2];
        Arrays.fill(input, 46340); // 46340² < 2^31 - 1
        int[] weights = new int[2 * 2 * 2 * 2];
        Arrays.fill(weights, -46340);
        assertArrayEquals(original(input, 2, 3, 3, weights, 2, 2, 2, 1, 1, 1),
                GoldenReference.conv2d(input, 2, 3, 3, weights, 2, 2, 2, 1, 1, 1));
        Arrays.fill(input, 1);
        weights[5] = Integer.MAX_VALUE;
        assertArrayEquals(original(input, 2, 3, 3, weights, 2, 2, 2, 1, 1, 1),
                GoldenReference.conv2d(input, 2, 3, 3, weights, 2, 2, 2, 1, 1, 1));
        // One term per output (1×1 kernel, one channel): the bound terms·max|x|·max|w| is 46340² (int
        // path, just inside) or 46341² (long path, just outside); both must equal the loop nest.
        for (int v : new int[] {46340, 46341, -46340, -46341}) {
            int[] in1 = {v, -v, 0, v};
            int[] w1 = {v};
            assertArrayEquals(original(in1, 1, 2, 2, w1, 1, 1, 1, 1, 0, 1),
                    GoldenReference.conv2d(in1, 1, 2, 2, w1, 1, 1, 1, 1, 0, 1), "v = " + v);
        }
    }

    /** GoldenReference.conv2d as first written (direct loop nest, long products, a bounds test per column). */
    private static long[] original(int[] input, int c, int h, int wIn, int[] weights, int k, int r, int s,
            int stride, int pad, int groups) {
        ConvGeometry g = new ConvGeometry(c, h, wIn, k, r, s, stride, pad, groups);
        g.checkLengths(input, weights);
        int cg = g.channelsPerGroup();
        int ho = g.outH();
        int wo = g.outW();
        long[] out = new long[k * ho * wo];
        for (int ko = 0; ko < k; ko++) {
            int firstChannel = (ko / g.kernelsPerGroup()) * cg;
            int outBase = ko * ho * wo;
            for (int ci = 0; ci < cg; ci++) {
                for (int ky = 0; ky < r; ky++) {
                    for (int kx = 0; kx < s; kx++) {
                        long wt = weights[((ko * cg + ci) * r + ky) * s + kx];
                        if (wt == 0) {
                            continue;
                        }
                        for (int oy = 0; oy < ho; oy++) {
                            int iy = oy * stride - pad + ky;
                            if (iy < 0 || iy >= h) {
                                continue;
                            }
                            int inRow = ((firstChannel + ci) * h + iy) * wIn;
                            int outRow = outBase + oy * wo;
                            for (int ox = 0; ox < wo; ox++) {
                                int ix = ox * stride - pad + kx;
                                if (ix >= 0 && ix < wIn) {
                                    out[outRow + ox] += wt * input[inRow + ix];
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }
}
