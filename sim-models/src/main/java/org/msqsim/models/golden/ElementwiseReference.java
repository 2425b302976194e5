package org.msqsim.models.golden;

/**
 * The plain integer reference of the element-wise operations of imported networks, one element at a
 * time with the obvious arithmetic, written apart from the layers' own code (which fills a table
 * per layer, or loops over channels): what the tests hold {@code Mul}, {@code Pointwise}
 * (hard-swish, hard-sigmoid, sigmoid), {@code Resize} and {@code Affine} to. Multipliers have 16
 * fraction bits; rounding is half away from zero; results saturate to {@code [lo, hi]}.
 */
public final class ElementwiseReference {
    private static final int FRAC = 16;

    private ElementwiseReference() {
    }

    /** {@code v / 2^16} rounded half away from zero, then clamped. */
    public static long round(long v, long lo, long hi) {
        long mag = (Math.abs(v) + (1L << (FRAC - 1))) >> FRAC;
        long r = v < 0 ? -mag : mag;
        return Math.max(lo, Math.min(hi, r));
    }

    public static long multiplier(double x) {
        return Math.round(x * 65536.0);
    }

    /** Product of two codes, times the multiplier of {@code sa·sb/sOut}. */
    public static long mul(int a, int b, long m, long lo, long hi) {
        return round((long) a * b * m, lo, hi);
    }

    /** Hard-sigmoid of code q: {@code clamp(q·ma + mb)}, unsigned. */
    public static long hardSigmoid(int q, long ma, long mb, long hi) {
        return round(q * ma + mb, 0, hi);
    }

    /** Hard-swish of code q: {@code q·clamp(q + three, 0, six)·m}, signed. */
    public static long hardSwish(int q, long three, long six, long m, long hi) {
        long t = q + three;
        if (t < 0) {
            t = 0;
        }
        if (t > six) {
            t = six;
        }
        return round(q * t * m, -hi, hi);
    }

    /** Nearest upsampling of plane {@code in} (h×w) by {@code f}: output (y, x) is input (y/f, x/f). */
    public static int[] resize(int[] in, int c, int h, int w, int f) {
        int[] out = new int[c * h * f * w * f];
        int i = 0;
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h * f; y++) {
                for (int x = 0; x < w * f; x++) {
                    out[i++] = in[(ch * h + y / f) * w + x / f];
                }
            }
        }
        return out;
    }
}
