package org.msqsim.models.layer;

import org.msqsim.core.fixed.Rounding;

/**
 * The integer conventions the element-wise layers share: code ranges of a width (unsigned
 * {@code 0 … 2^bits − 1}, signed symmetric {@code −(2^(bits−1) − 1) … 2^(bits−1) − 1}), multipliers
 * of {@value #FRAC} fraction bits, one rounding (half away from zero) and saturation.
 */
final class Codes {
    /** Fraction bits of every element-wise multiplier (as {@link Add}). */
    static final int FRAC = 16;

    private Codes() {
    }

    static long max(int bits, boolean signed) {
        return signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
    }

    static long min(int bits, boolean signed) {
        return signed ? -max(bits, true) : 0;
    }

    /** {@code round(x · 2^FRAC)}, a real factor as a multiplier. */
    static long multiplier(double x) {
        return Math.round(Math.scalb(x, FRAC));
    }

    /** {@code v / 2^FRAC}, rounded half away from zero, saturated to {@code [lo, hi]}. */
    static int scaleDown(long v, long lo, long hi) {
        long y = Rounding.HALF_AWAY.shiftRight(v, FRAC);
        return (int) Math.max(lo, Math.min(hi, y));
    }

    /** The step that maps {@code realMax} to the largest code (max calibration); 1 for an all-zero tensor. */
    static double step(double realMax, long maxCode) {
        return realMax > 0 ? realMax / maxCode : 1.0;
    }
}
