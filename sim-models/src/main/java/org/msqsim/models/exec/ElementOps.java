package org.msqsim.models.exec;

import org.msqsim.core.fixed.Rounding;
import org.msqsim.models.layer.Activation;
import org.msqsim.models.layer.Shape;

/**
 * The element-wise layers as integer hardware computes them on quantized tensors. Pooling keeps
 * the input's scale; averages multiply the window sum by a 16-bit reciprocal and round half away
 * from zero (windows count padding, as PyTorch's default {@code count_include_pad=True}); a
 * residual add rescales both inputs to a calibrated output scale with 16-bit multipliers in a
 * common fixed-point sum, then rounds once, applies the ReLU and saturates.
 */
final class ElementOps {
    private static final int FRAC = 16;

    private ElementOps() {
    }

    static QTensor maxPool(QTensor in, Shape out, int r, int s, int stride, int pad) {
        Shape i = in.shape();
        int[] o = new int[(int) out.elements()];
        for (int c = 0; c < out.c(); c++) {
            for (int y = 0; y < out.h(); y++) {
                for (int x = 0; x < out.w(); x++) {
                    int best = Integer.MIN_VALUE;
                    for (int dy = 0; dy < r; dy++) {
                        for (int dx = 0; dx < s; dx++) {
                            int iy = y * stride - pad + dy;
                            int ix = x * stride - pad + dx;
                            if (iy >= 0 && iy < i.h() && ix >= 0 && ix < i.w()) {
                                best = Math.max(best, in.codes()[(c * i.h() + iy) * i.w() + ix]);
                            }
                        }
                    }
                    o[(c * out.h() + y) * out.w() + x] = best;
                }
            }
        }
        return new QTensor(out, o, in.scale(), in.signed());
    }

    static QTensor avgPool(QTensor in, Shape out, int r, int s, int stride, int pad) {
        Shape i = in.shape();
        long recip = Math.round(Math.scalb(1.0 / (r * s), FRAC));
        int[] o = new int[(int) out.elements()];
        for (int c = 0; c < out.c(); c++) {
            for (int y = 0; y < out.h(); y++) {
                for (int x = 0; x < out.w(); x++) {
                    long sum = 0;
                    for (int dy = 0; dy < r; dy++) {
                        for (int dx = 0; dx < s; dx++) {
                            int iy = y * stride - pad + dy;
                            int ix = x * stride - pad + dx;
                            if (iy >= 0 && iy < i.h() && ix >= 0 && ix < i.w()) {
                                sum += in.codes()[(c * i.h() + iy) * i.w() + ix];
                            }
                        }
                    }
                    o[(c * out.h() + y) * out.w() + x] = (int) Rounding.HALF_AWAY.shiftRight(sum * recip, FRAC);
                }
            }
        }
        return new QTensor(out, o, in.scale(), in.signed());
    }

    static QTensor globalAvgPool(QTensor in, Shape out) {
        Shape i = in.shape();
        return avgPool(in, out, i.h(), i.w(), 1, 0);
    }

    static QTensor add(QTensor a, QTensor b, Activation act, int bits) {
        boolean signed = act == Activation.NONE;
        long maxCode = signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
        long minCode = signed ? -maxCode : 0;
        double realMax = 0;
        int n = a.codes().length;
        for (int i = 0; i < n; i++) {
            double v = a.codes()[i] * a.scale() + b.codes()[i] * b.scale();
            realMax = Math.max(realMax, signed ? Math.abs(v) : v);
        }
        double sOut = realMax > 0 ? realMax / maxCode : 1.0;
        long ma = Math.round(Math.scalb(a.scale() / sOut, FRAC));
        long mb = Math.round(Math.scalb(b.scale() / sOut, FRAC));
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
            long y = Rounding.HALF_AWAY.shiftRight(a.codes()[i] * ma + b.codes()[i] * mb, FRAC);
            o[i] = (int) Math.max(minCode, Math.min(maxCode, y));
        }
        return new QTensor(a.shape(), o, sOut, signed);
    }
}
