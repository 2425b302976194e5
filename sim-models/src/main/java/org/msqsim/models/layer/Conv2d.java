package org.msqsim.models.layer;

import java.util.Locale;

/**
 * A 2-D convolution of one image: input {@code C×H×W}, {@code K} filters of {@code (C/groups)×R×S},
 * stride ({@code stride} vertically, {@code strideW} horizontally: imported networks such as PP-OCR's
 * classifier stride 2×1), zero padding, dilation 1, output {@code K×Ho×Wo} with
 * {@code Ho = (H + 2·pad − R)/stride + 1}, {@code Wo = (W + 2·pad − S)/strideW + 1}. Filter {@code k} belongs to group {@code k/(K/groups)} and
 * sees only that group's {@code C/groups} input channels (PyTorch {@code nn.Conv2d} semantics);
 * {@code groups == C == K} is a depthwise convolution.
 *
 * <p>Lowered by im2col per group to {@code groups} GEMMs of M = K/groups, K = (C/groups)·R·S,
 * N = Ho·Wo. The weights are stored as K rows of (C/groups)·R·S in C, R, S order, group by group —
 * the layout {@code GoldenReference.conv2d} reads.
 */
public record Conv2d(String name, int h, int w, int c, int k, int r, int s, int stride, int pad, int groups,
                     boolean bias, Activation activation, int strideW) implements GemmLayer {
    public Conv2d {
        if (strideW < 1) {
            throw new IllegalArgumentException("horizontal stride must be >= 1, got " + strideW);
        }
        if (h < 1 || w < 1 || c < 1 || k < 1) {
            throw new IllegalArgumentException("convolution sizes must be >= 1, got " + h + "x" + w + "x" + c + "->" + k);
        }
        Windows.check("convolution", new Shape(c, h, w), r, s, stride, pad);
        if (groups < 1 || c % groups != 0 || k % groups != 0) {
            throw new IllegalArgumentException("groups " + groups + " must be >= 1 and divide both input channels "
                    + c + " and output channels " + k);
        }
        if (activation == null) {
            throw new IllegalArgumentException("activation must not be null (use Activation.NONE)");
        }
        long oh = ((long) h + 2L * pad - r) / stride + 1;
        long ow = ((long) w + 2L * pad - s) / strideW + 1;
        if (oh * ow > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("output of " + oh + "x" + ow + " = " + count(oh * ow)
                    + " pixels is too large: the limit is " + count(Integer.MAX_VALUE)
                    + " pixels (one GEMM's N); use a smaller input or padding, or a larger stride");
        }
        long reduction = (long) (c / groups) * r * s;
        if (reduction > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("reduction (C/groups)xRxS = " + count(reduction)
                    + " is too large: the limit is " + count(Integer.MAX_VALUE) + " (one GEMM's K)");
        }
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A convolution of one stride in both directions ({@code stride} vertical and horizontal). */
    public Conv2d(String name, int h, int w, int c, int k, int r, int s, int stride, int pad, int groups,
                  boolean bias, Activation activation) {
        this(name, h, w, c, k, r, s, stride, pad, groups, bias, activation, stride);
    }

    /** A dense convolution (one group) without bias or activation. */
    public Conv2d(String name, int h, int w, int c, int k, int r, int s, int stride, int pad) {
        this(name, h, w, c, k, r, s, stride, pad, 1, false, Activation.NONE);
    }

    public boolean depthwise() {
        return groups == c && groups == k;
    }

    public int outH() {
        return Windows.out(h, r, stride, pad);
    }

    public int outW() {
        return Windows.out(w, s, strideW, pad);
    }

    @Override
    public LayerKind kind() {
        return groups > 1 ? LayerKind.DWCONV : LayerKind.CONV;
    }

    @Override
    public Shape inputShape() {
        return new Shape(c, h, w);
    }

    @Override
    public Shape outputShape() {
        return new Shape(k, outH(), outW());
    }

    @Override
    public int gemmM() {
        return k / groups;
    }

    @Override
    public int gemmK() {
        return c / groups * r * s;
    }

    @Override
    public int gemmN() {
        return outH() * outW();
    }

    @Override
    public String describe() {
        return "conv:" + h + "x" + w + "x" + c + "->" + k + "," + r + "x" + s + ",s" + stride
                + (strideW == stride ? "" : "x" + strideW) + ",p" + pad
                + (groups == 1 ? "" : ",g" + groups) + Windows.tail(bias, activation);
    }
}
