package org.msqsim.models.layer;

/**
 * A 2-D convolution of one image: input {@code C×H×W}, {@code K} filters of {@code R×S}, stride,
 * zero padding (dilation 1, groups 1). Lowered by im2col to M = K, K = C·R·S, N = Ho·Wo with
 * {@code Ho = (H + 2·pad − R)/stride + 1}.
 */
public record Conv2d(String name, int h, int w, int c, int k, int r, int s, int stride, int pad) implements Layer {
    public Conv2d {
        if (h < 1 || w < 1 || c < 1 || k < 1 || r < 1 || s < 1) {
            throw new IllegalArgumentException("convolution sizes must be >= 1");
        }
        if (stride < 1 || pad < 0) {
            throw new IllegalArgumentException("stride must be >= 1 and padding >= 0, got s" + stride + " p" + pad);
        }
        if (h + 2 * pad < r || w + 2 * pad < s) {
            throw new IllegalArgumentException("kernel " + r + "x" + s + " is larger than the padded input "
                    + (h + 2 * pad) + "x" + (w + 2 * pad));
        }
    }

    public int outH() {
        return (h + 2 * pad - r) / stride + 1;
    }

    public int outW() {
        return (w + 2 * pad - s) / stride + 1;
    }

    @Override
    public int gemmM() {
        return k;
    }

    @Override
    public int gemmK() {
        return c * r * s;
    }

    @Override
    public int gemmN() {
        return outH() * outW();
    }

    @Override
    public String describe() {
        return "conv:" + h + "x" + w + "x" + c + "->" + k + "," + r + "x" + s + ",s" + stride + ",p" + pad;
    }
}
