package org.msqsim.models.golden;

/**
 * The validated shape of one grouped 2-D convolution of a single C×H×W image with K kernels of
 * (C/groups)×R×S, zero padding {@code pad} on every side, dilation 1. Output is K×Ho×Wo with
 * {@code Ho = (H + 2·pad − R) / stride + 1} (integer division, as every framework floors it).
 */
record ConvGeometry(int c, int h, int w, int k, int r, int s, int stride, int pad, int groups) {
    ConvGeometry {
        positive("input channels C", c);
        positive("input height H", h);
        positive("input width W", w);
        positive("kernel count K", k);
        positive("kernel height R", r);
        positive("kernel width S", s);
        positive("stride", stride);
        positive("groups", groups);
        if (pad < 0) {
            throw new IllegalArgumentException("padding must be >= 0, got " + pad);
        }
        if (c % groups != 0) {
            throw new IllegalArgumentException("input channels C=" + c + " are not divisible by groups=" + groups);
        }
        if (k % groups != 0) {
            throw new IllegalArgumentException("kernel count K=" + k + " is not divisible by groups=" + groups);
        }
        if (h + 2L * pad < r || w + 2L * pad < s) {
            throw new IllegalArgumentException("kernel " + r + "x" + s + " is larger than the padded input "
                    + (h + 2L * pad) + "x" + (w + 2L * pad) + " (H=" + h + ", W=" + w + ", pad=" + pad + ")");
        }
        checkFits("input", (long) c * h * w);
        checkFits("weights", (long) k * (c / groups) * r * s);
        checkFits("output", (long) k * ((h + 2L * pad - r) / stride + 1) * ((w + 2L * pad - s) / stride + 1));
        checkFits("im2col matrix", (long) (c / groups) * r * s * ((h + 2L * pad - r) / stride + 1)
                * ((w + 2L * pad - s) / stride + 1));
    }

    private static void positive(String what, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(what + " must be >= 1, got " + v);
        }
    }

    private static void checkFits(String what, long n) {
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " of " + n + " elements does not fit one Java array");
        }
    }

    int outH() {
        return (h + 2 * pad - r) / stride + 1;
    }

    int outW() {
        return (w + 2 * pad - s) / stride + 1;
    }

    int channelsPerGroup() {
        return c / groups;
    }

    int kernelsPerGroup() {
        return k / groups;
    }

    void checkLengths(int[] input, int[] weights) {
        checkInput(input);
        int perKernel = channelsPerGroup() * r * s;
        if (weights.length != k * perKernel) {
            throw new IllegalArgumentException("weights have " + weights.length + " values, K×(C/groups)×R×S = "
                    + k + "×" + channelsPerGroup() + "×" + r + "×" + s + " needs " + k * perKernel);
        }
    }

    void checkInput(int[] input) {
        if (input.length != c * h * w) {
            throw new IllegalArgumentException("input has " + input.length + " values, C×H×W = "
                    + c + "×" + h + "×" + w + " needs " + c * h * w);
        }
    }
}
