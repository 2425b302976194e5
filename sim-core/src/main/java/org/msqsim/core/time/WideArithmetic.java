package org.msqsim.core.time;

/**
 * Exact {@code floor(x·y/d)} and {@code x·y mod d} for operands below 2^40 without a 128-bit type
 * and without {@link java.math.BigInteger}, so random access to clock edges stays O(1) and
 * allocation-free. 2^40 exceeds 10^12, the picoseconds per second, so every operand that
 * {@link ClockDomain} feeds in (a frequency, a remainder, a sub-second time) qualifies.
 *
 * <p>Method: split {@code x = xh·2^20 + xl}. Then {@code u = xh·y < 2^60} and
 * {@code x·y = (u div d)·d·2^20 + v} with {@code v = (u mod d)·2^20 + xl·y < 2^61}, so
 * {@code floor(x·y/d) = (u div d)·2^20 + floor(v/d)} and {@code x·y mod d = v mod d}: every
 * intermediate fits in a signed {@code long}.
 */
final class WideArithmetic {

    static final long OPERAND_LIMIT = 1L << 40;
    private static final int SPLIT = 20;
    private static final long LOW_MASK = (1L << SPLIT) - 1;

    private WideArithmetic() {
    }

    /** {@code floor(x·y/d)}; throws {@link ArithmeticException} if the quotient exceeds a long. */
    static long mulDivFloor(long x, long y, long d) {
        check(x, y, d);
        if (((x | y) >>> 31) == 0) {
            return x * y / d;
        }
        long u = (x >>> SPLIT) * y;
        long v = ((u % d) << SPLIT) + (x & LOW_MASK) * y;
        return Math.addExact(Math.multiplyExact(u / d, 1L << SPLIT), v / d);
    }

    /** {@code ceil(x·y/d)}. */
    static long mulDivCeil(long x, long y, long d) {
        long floor = mulDivFloor(x, y, d);
        return mulMod(x, y, d) == 0 ? floor : Math.addExact(floor, 1);
    }

    /** {@code x·y mod d}. */
    static long mulMod(long x, long y, long d) {
        check(x, y, d);
        if (((x | y) >>> 31) == 0) {
            return x * y % d;
        }
        long u = (x >>> SPLIT) * y;
        long v = ((u % d) << SPLIT) + (x & LOW_MASK) * y;
        return v % d;
    }

    private static void check(long x, long y, long d) {
        if (x < 0 || y < 0 || x >= OPERAND_LIMIT || y >= OPERAND_LIMIT || d <= 0 || d >= OPERAND_LIMIT) {
            throw new IllegalArgumentException("wide arithmetic needs 0 <= x, y < 2^40 and 0 < d < 2^40, got x="
                    + x + " y=" + y + " d=" + d);
        }
    }
}
