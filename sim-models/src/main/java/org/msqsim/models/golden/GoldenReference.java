package org.msqsim.models.golden;

import java.util.Arrays;

/**
 * Obviously-correct integer GEMM and convolution, the yardstick for bit-exactness tests.
 *
 * <p>All arrays are row-major (C order); the result of every method is exact: {@link #gemm} forms
 * products of two {@code int}s in {@code long} (always exact) and sums with {@link Math#addExact};
 * {@link #conv2d} first bounds every sum of its products by {@code terms · max|x| · max|w|}, throws
 * {@link ArithmeticException} if that can leave the {@code long} range, and sums in {@code int}
 * when the bound fits an {@code int}, else in {@code long}, so no accumulation ever wraps. Shapes
 * are checked up front and a mismatch is an {@link IllegalArgumentException} that names the
 * dimension at fault.
 *
 * <p>{@link #conv2d} is the direct sum taken tap by tap (for each filter tap, weight times the
 * input plane under it, read from a zero-padded copy of the input split by stride phase so each
 * tap is one contiguous run); {@link #conv2dAsGemm} lowers the same
 * convolution with {@link #im2col} and {@link #gemm}, the way the accelerator runs it (weights as K
 * rows of C·R·S in C, R, S order). The two share no arithmetic, and tests hold them equal.
 */
public final class GoldenReference {
    private GoldenReference() {
    }

    /**
     * {@code Y = W·X}: W is M×K, X is K×N, Y is M×N, all row-major.
     */
    public static long[] gemm(int[] w, int m, int k, int[] x, int n) {
        checkGemm(w, m, k, x, n);
        long[] y = new long[m * n];
        // Row by row, adding one reduction index at a time across the row: every y[i][j] still sums its
        // products in order p = 0, 1, …, k−1 (so the same values and the same overflow check as the
        // i-j-p nest), but X is read along its rows instead of down its columns.
        for (int i = 0; i < m; i++) {
            int row = i * n;
            for (int p = 0; p < k; p++) {
                long wv = w[i * k + p];
                int xr = p * n;
                for (int j = 0; j < n; j++) {
                    y[row + j] = Math.addExact(y[row + j], wv * x[xr + j]);
                }
            }
        }
        return y;
    }

    private static void checkGemm(int[] w, int m, int k, int[] x, int n) {
        if (m <= 0 || k <= 0 || n <= 0) {
            throw new IllegalArgumentException("GEMM dimensions must be >= 1, got M=" + m + ", K=" + k + ", N=" + n);
        }
        if ((long) m * k != w.length) {
            throw new IllegalArgumentException("W has " + w.length + " values, M×K = " + m + "×" + k
                    + " needs " + (long) m * k);
        }
        if ((long) k * n != x.length) {
            throw new IllegalArgumentException("X has " + x.length + " values, K×N = " + k + "×" + n
                    + " needs " + (long) k * n);
        }
        if ((long) m * n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("result M×N = " + m + "×" + n + " does not fit one Java array");
        }
    }

    /**
     * Direct grouped convolution of one image. Input C×H×W, weights K×(C/groups)×R×S, zero padding
     * {@code pad} on all four sides, dilation 1; output K×Ho×Wo with
     * {@code Ho = (H + 2·pad − R)/stride + 1}, {@code Wo = (W + 2·pad − S)/stride + 1}. Kernel
     * {@code ko} belongs to group {@code ko / (K/groups)} and sees only that group's C/groups input
     * channels; {@code groups == C == K} is a depthwise convolution.
     */
    public static long[] conv2d(int[] input, int c, int h, int wIn, int[] weights, int k, int r, int s,
            int stride, int pad, int groups) {
        ConvGeometry g = new ConvGeometry(c, h, wIn, k, r, s, stride, pad, groups);
        g.checkLengths(input, weights);
        int cg = g.channelsPerGroup();
        int kg = g.kernelsPerGroup();
        int ho = g.outH();
        int wo = g.outW();
        int plane = ho * wo;
        long[] out = new long[k * plane];
        long bound = requireExactInLong(input, weights, (long) cg * r * s);
        // Each output channel is the sum over its filter taps (ci, ky, kx) of weight × the input under
        // that tap, zero where the tap sees padding. To make each tap one contiguous loop, the group's
        // input is first copied zero-padded and split by stride phase: plane (py, px) of channel ci
        // holds padded pixel (y·stride + py, x·stride + px) at (y, x), so tap (ky, kx) reads plane
        // (ky mod stride, kx mod stride) at (oy + ky/stride, ox + kx/stride). Outputs are summed on a
        // grid as wide as a phase plane (columns past Wo are scratch, dropped at the end), so a tap
        // is one run over the channel's whole output. When no sum can leave the int range (bound
        // below; always so for narrow codes) a channel is summed in int — exact, and it vectorises —
        // otherwise in long. Integer sums are exact in any order, so this is the textbook sum.
        int hq = (h + 2 * pad + stride - 1) / stride;
        int wq = (wIn + 2 * pad + stride - 1) / stride;
        int phasePlane = hq * wq;
        int run = (ho - 1) * wq + wo; // grid positions from output (0, 0) to (ho − 1, wo − 1)
        boolean inInt = bound <= Integer.MAX_VALUE;
        int[] acc = inInt ? new int[run] : null;
        long[] lacc = inInt ? null : new long[run];
        for (int group = 0; group < groups; group++) {
            int[] phases = phaseSplit(input, group * cg, cg, h, wIn, stride, pad, hq, wq);
            for (int ko = group * kg; ko < (group + 1) * kg; ko++) {
                if (inInt) {
                    Arrays.fill(acc, 0);
                } else {
                    Arrays.fill(lacc, 0);
                }
                int pending = 0; // int path: taps are added three at a time, one pass over acc for three
                int w0 = 0;
                int w1 = 0;
                int f0 = 0;
                int f1 = 0;
                for (int ci = 0; ci < cg; ci++) {
                    for (int ky = 0; ky < r; ky++) {
                        for (int kx = 0; kx < s; kx++) {
                            int wt = weights[((ko * cg + ci) * r + ky) * s + kx];
                            if (wt == 0) {
                                continue;
                            }
                            int phase = (ky % stride) * stride + kx % stride;
                            int from = (ci * stride * stride + phase) * phasePlane + (ky / stride) * wq + kx / stride;
                            if (!inInt) {
                                long lw = wt;
                                for (int i = 0; i < run; i++) {
                                    lacc[i] += lw * phases[from + i];
                                }
                            } else if (pending == 0) {
                                w0 = wt;
                                f0 = from;
                                pending = 1;
                            } else if (pending == 1) {
                                w1 = wt;
                                f1 = from;
                                pending = 2;
                            } else {
                                for (int i = 0; i < run; i++) {
                                    acc[i] += w0 * phases[f0 + i] + w1 * phases[f1 + i] + wt * phases[from + i];
                                }
                                pending = 0;
                            }
                        }
                    }
                }
                if (pending >= 1) {
                    for (int i = 0; i < run; i++) {
                        acc[i] += w0 * phases[f0 + i];
                    }
                }
                if (pending == 2) {
                    for (int i = 0; i < run; i++) {
                        acc[i] += w1 * phases[f1 + i];
                    }
                }
                for (int oy = 0; oy < ho; oy++) {
                    for (int ox = 0; ox < wo; ox++) {
                        out[ko * plane + oy * wo + ox] = inInt ? acc[oy * wq + ox] : lacc[oy * wq + ox];
                    }
                }
            }
        }
        return out;
    }

    /**
     * Channels {@code [first, first + count)} of a C×H×W image, zero-padded by {@code pad} and split
     * into stride phases: for channel ci and phase (py, px), the {@code hq × wq} plane at
     * {@code (ci·stride² + py·stride + px)·hq·wq} holds padded pixel {@code (y·stride + py, x·stride + px)}
     * at (y, x); zero past the padded edge.
     */
    private static int[] phaseSplit(int[] input, int first, int count, int h, int wIn, int stride, int pad, int hq,
            int wq) {
        int[] phases = new int[count * stride * stride * hq * wq];
        for (int ci = 0; ci < count; ci++) {
            for (int iy = 0; iy < h; iy++) {
                int y = iy + pad; // row in the padded image
                for (int ix = 0; ix < wIn; ix++) {
                    int x = ix + pad;
                    int phase = (y % stride) * stride + x % stride;
                    phases[((ci * stride * stride + phase) * hq + y / stride) * wq + x / stride] =
                            input[((first + ci) * h + iy) * wIn + ix];
                }
            }
        }
        return phases;
    }

    /**
     * {@link #conv2d} with a vertical stride {@code strideH} and a horizontal one {@code strideW} (an
     * imported network may stride 2×1). Equal strides take the fast path above; unequal ones the
     * plainest loops: every output, every tap, zero where the tap sees padding.
     */
    public static long[] conv2d(int[] input, int c, int h, int wIn, int[] weights, int k, int r, int s,
            int strideH, int strideW, int pad, int groups) {
        if (strideH == strideW) {
            return conv2d(input, c, h, wIn, weights, k, r, s, strideH, pad, groups);
        }
        ConvGeometry g = new ConvGeometry(c, h, wIn, k, r, s, 1, pad, groups);
        g.checkLengths(input, weights);
        if (strideH < 1 || strideW < 1) {
            throw new IllegalArgumentException("strides must be >= 1, got " + strideH + "x" + strideW);
        }
        int cg = g.channelsPerGroup();
        int kg = g.kernelsPerGroup();
        requireExactInLong(input, weights, (long) cg * r * s);
        int ho = (h + 2 * pad - r) / strideH + 1;
        int wo = (wIn + 2 * pad - s) / strideW + 1;
        long[] out = new long[k * ho * wo];
        for (int ko = 0; ko < k; ko++) {
            int c0 = ko / kg * cg;
            for (int oy = 0; oy < ho; oy++) {
                for (int ox = 0; ox < wo; ox++) {
                    long acc = 0;
                    for (int ci = 0; ci < cg; ci++) {
                        for (int ky = 0; ky < r; ky++) {
                            int iy = oy * strideH - pad + ky;
                            for (int kx = 0; kx < s; kx++) {
                                int ix = ox * strideW - pad + kx;
                                if (iy >= 0 && iy < h && ix >= 0 && ix < wIn) {
                                    acc += (long) weights[((ko * cg + ci) * r + ky) * s + kx]
                                            * input[((c0 + ci) * h + iy) * wIn + ix];
                                }
                            }
                        }
                    }
                    out[(ko * ho + oy) * wo + ox] = acc;
                }
            }
        }
        return out;
    }

    /**
     * The same convolution as {@link #conv2d}, computed per group as {@code W_g · im2col(X_g)}: W_g
     * is the group's (K/groups) kernel rows of (C/groups)·R·S, X_g its C/groups input channels.
     */
    public static long[] conv2dAsGemm(int[] input, int c, int h, int wIn, int[] weights, int k, int r, int s,
            int stride, int pad, int groups) {
        ConvGeometry g = new ConvGeometry(c, h, wIn, k, r, s, stride, pad, groups);
        g.checkLengths(input, weights);
        int cg = g.channelsPerGroup();
        int kg = g.kernelsPerGroup();
        int pixels = g.outH() * g.outW();
        int rowLength = cg * r * s;
        long[] out = new long[k * pixels];
        for (int group = 0; group < groups; group++) {
            int[] x = Arrays.copyOfRange(input, group * cg * h * wIn, (group + 1) * cg * h * wIn);
            int[] cols = im2col(x, cg, h, wIn, r, s, stride, pad);
            int[] wg = Arrays.copyOfRange(weights, group * kg * rowLength, (group + 1) * kg * rowLength);
            long[] y = gemm(wg, kg, rowLength, cols, pixels);
            System.arraycopy(y, 0, out, group * kg * pixels, y.length);
        }
        return out;
    }

    /**
     * Lowers a C×H×W image to the (C·R·S)×(Ho·Wo) matrix whose column {@code oy·Wo + ox} holds the
     * receptive field of output pixel (oy, ox) in C, R, S order, zeros where it overlaps padding.
     */
    public static int[] im2col(int[] input, int c, int h, int wIn, int r, int s, int stride, int pad) {
        return im2col(input, c, h, wIn, r, s, stride, stride, pad);
    }

    /** {@link #im2col} with a vertical stride {@code strideH} and a horizontal one {@code strideW}. */
    public static int[] im2col(int[] input, int c, int h, int wIn, int r, int s, int strideH, int strideW, int pad) {
        ConvGeometry g = new ConvGeometry(c, h, wIn, 1, r, s, strideH, pad, 1);
        g.checkInput(input);
        if (strideW < 1) {
            throw new IllegalArgumentException("stride must be >= 1, got " + strideW);
        }
        int ho = g.outH();
        int wo = (wIn + 2 * pad - s) / strideW + 1;
        int[] cols = new int[c * r * s * ho * wo];
        for (int ci = 0; ci < c; ci++) {
            for (int ky = 0; ky < r; ky++) {
                for (int kx = 0; kx < s; kx++) {
                    int row = (ci * r + ky) * s + kx;
                    for (int oy = 0; oy < ho; oy++) {
                        for (int ox = 0; ox < wo; ox++) {
                            int iy = oy * strideH - pad + ky;
                            int ix = ox * strideW - pad + kx;
                            boolean inside = iy >= 0 && iy < h && ix >= 0 && ix < wIn;
                            cols[(row * ho + oy) * wo + ox] = inside ? input[(ci * h + iy) * wIn + ix] : 0;
                        }
                    }
                }
            }
        }
        return cols;
    }

    /**
     * Refuses operands whose dot products of {@code terms} products could leave the {@code long}
     * range, so plain {@code +=} in the loops above is exact; returns the bound
     * {@code terms · max|a| · max|b|} on any partial sum.
     */
    private static long requireExactInLong(int[] a, int[] b, long terms) {
        long ma = 0;
        long mb = 0;
        for (int v : a) {
            ma = Math.max(ma, Math.abs((long) v));
        }
        for (int v : b) {
            mb = Math.max(mb, Math.abs((long) v));
        }
        if (ma != 0 && mb != 0 && terms > Long.MAX_VALUE / ma / mb) {
            throw new ArithmeticException("a sum of " + terms + " products of magnitudes up to " + ma + " x " + mb
                    + " can overflow a long");
        }
        return terms * ma * mb;
    }
}
