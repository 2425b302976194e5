package org.msqsim.core.fixed;

/**
 * How a value loses fraction bits in a right shift. Each mode is what a few LUTs do in hardware:
 * truncation is free, half-up adds a constant before the shift, half-even and toward-zero need the
 * dropped bits and the sign.
 */
public enum Rounding {
    /** Drop the bits: round toward minus infinity (an arithmetic right shift). */
    TRUNCATE,
    /** Round to nearest, ties toward plus infinity (add half an LSB, then shift). */
    HALF_UP,
    /** Round to nearest, ties away from zero (TFLite/gemmlowp {@code RoundingDivideByPOT}). */
    HALF_AWAY,
    /** Round to nearest, ties to even (convergent rounding). */
    HALF_EVEN,
    /** Drop the bits of the magnitude: round toward zero. */
    TOWARD_ZERO;

    /**
     * {@code value / 2^shift} rounded by this mode, exactly, for any {@code long} value and
     * {@code 0 <= shift <= 62}.
     */
    public long shiftRight(long value, int shift) {
        if (shift < 0 || shift > 62) {
            throw new IllegalArgumentException("shift must be 0..62, got " + shift);
        }
        if (shift == 0) {
            return value;
        }
        long floor = value >> shift;
        long rem = value - (floor << shift); // 0 <= rem < 2^shift
        long half = 1L << (shift - 1);
        switch (this) {
            case TRUNCATE:
                return floor;
            case HALF_UP:
                return rem >= half ? floor + 1 : floor;
            case HALF_AWAY:
                if (rem > half || (rem == half && value >= 0)) {
                    return floor + 1;
                }
                return floor;
            case HALF_EVEN:
                if (rem > half || (rem == half && (floor & 1) != 0)) {
                    return floor + 1;
                }
                return floor;
            case TOWARD_ZERO:
                return value < 0 && rem != 0 ? floor + 1 : floor;
            default:
                throw new AssertionError(this);
        }
    }
}
