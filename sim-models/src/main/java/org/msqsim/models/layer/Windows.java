package org.msqsim.models.layer;

import org.msqsim.core.fixed.Rounding;

/**
 * Sliding-window arithmetic shared by convolution and pooling (PyTorch's floor mode, dilation 1):
 * output sizes, the checks of a window, and the integer walk of a pooling window.
 */
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
        if (in.h() + 2L * pad < r || in.w() + 2L * pad < s) {
            throw new IllegalArgumentException(what + " kernel " + r + "x" + s + " is larger than the padded input "
                    + (in.h() + 2L * pad) + "x" + (in.w() + 2L * pad));
        }
    }

    /**
     * A pool's checks: a shape, a window that fits, and padding of at most half the kernel, so that
     * every window covers at least one real input.
     */
    static void checkPool(Shape in, int r, int s, int stride, int pad) {
        if (in == null) {
            throw new IllegalArgumentException("pool input shape must not be null");
        }
        check("pool", in, r, s, stride, pad);
        if (2 * pad > r || 2 * pad > s) {
            // PyTorch rejects it too: a window could then lie wholly in the padding.
            throw new IllegalArgumentException("pool padding " + pad + " exceeds half the kernel " + r + "x" + s);
        }
    }

    /** The {@code ,bias} and activation suffix of a GEMM layer's command-line form. */
    static String tail(boolean bias, Activation activation) {
        return (bias ? ",bias" : "") + activation.suffix();
    }

    /** How the codes of one window become one output code: a start value, each code joined in, the result. */
    interface Reduction {
        long start();

        long join(long acc, int code);

        int finish(long acc);
    }

    /** The largest code of the window; padded positions never win (they are −∞). */
    static final Reduction MAX = new Reduction() {
        @Override
        public long start() {
            return Integer.MIN_VALUE;
        }

        @Override
        public long join(long acc, int code) {
            return Math.max(acc, code);
        }

        @Override
        public int finish(long acc) {
            return (int) acc;
        }
    };

    /**
     * The window sum times a 16-bit reciprocal of {@code count}, rounded half away from zero; padded
     * positions add 0 and still count (PyTorch's default {@code count_include_pad=True}).
     */
    record Mean(long reciprocal) implements Reduction {
        static final int FRAC = 16;

        static Mean over(int count) {
            return new Mean(Math.round(Math.scalb(1.0 / count, FRAC)));
        }

        @Override
        public long start() {
            return 0;
        }

        @Override
        public long join(long acc, int code) {
            return acc + code;
        }

        @Override
        public int finish(long acc) {
            return (int) Rounding.HALF_AWAY.shiftRight(acc * reciprocal, FRAC);
        }
    }

    /**
     * Each output code of an R×S window sliding over {@code in} by {@code stride} with {@code pad}
     * (channels independent, padded positions skipped), reduced by {@code red}; the tensor's scale and
     * signedness carry over.
     */
    static QTensor reduce(QTensor in, Shape out, int r, int s, int stride, int pad, Reduction red) {
        Shape i = in.shape();
        int[] codes = in.codes();
        int[] o = new int[(int) out.elements()];
        for (int c = 0; c < out.c(); c++) {
            for (int y = 0; y < out.h(); y++) {
                for (int x = 0; x < out.w(); x++) {
                    long acc = red.start();
                    for (int dy = 0; dy < r; dy++) {
                        for (int dx = 0; dx < s; dx++) {
                            int iy = y * stride - pad + dy;
                            int ix = x * stride - pad + dx;
                            if (iy >= 0 && iy < i.h() && ix >= 0 && ix < i.w()) {
                                acc = red.join(acc, codes[(c * i.h() + iy) * i.w() + ix]);
                            }
                        }
                    }
                    o[(c * out.h() + y) * out.w() + x] = red.finish(acc);
                }
            }
        }
        return new QTensor(out, o, in.scale(), in.signed());
    }
}
