package org.msqsim.models.layer;

/** Sliding-window arithmetic shared by convolution and pooling (PyTorch's floor mode, dilation 1). */
final class Windows {
    private Windows() {
    }

    /** {@code (in + 2·pad − kernel)/stride + 1}, PyTorch's output size with {@code ceil_mode=False}. */
    static int out(int in, int kernel, int stride, int pad) {
        return (in + 2 * pad - kernel) / stride + 1;
    }

    /** Rejects a window that does not fit the padded input, or non-positive stride, or negative pad. */
    static void check(String what, Shape in, int r, int s, int stride, int pad) {
        if (r < 1 || s < 1) {
            throw new IllegalArgumentException(what + " kernel must be >= 1, got " + r + "x" + s);
        }
        if (stride < 1 || pad < 0) {
            throw new IllegalArgumentException("stride must be >= 1 and padding >= 0, got s" + stride + " p" + pad);
        }
        if (in.h() + 2 * pad < r || in.w() + 2 * pad < s) {
            throw new IllegalArgumentException(what + " kernel " + r + "x" + s + " is larger than the padded input "
                    + (in.h() + 2 * pad) + "x" + (in.w() + 2 * pad));
        }
    }

    /** The {@code ,bias} and activation suffix of a GEMM layer's command-line form. */
    static String tail(boolean bias, Activation activation) {
        return (bias ? ",bias" : "") + activation.suffix();
    }
}
