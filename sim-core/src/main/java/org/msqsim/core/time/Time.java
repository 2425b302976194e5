package org.msqsim.core.time;

import java.math.BigDecimal;

/**
 * Units of simulated time. Every time in msqsim is a {@code long} count of picoseconds: one
 * picosecond resolves a 1 THz clock edge, and {@code Long.MAX_VALUE} ps is about 106 days of
 * simulated time, far beyond any accelerator run. Conversions into picoseconds are overflow-checked
 * ({@link Math#multiplyExact}) because a silently wrapped time would reorder events.
 */
public final class Time {

    public static final long PS_PER_NS = 1_000L;
    public static final long PS_PER_US = 1_000_000L;
    public static final long PS_PER_MS = 1_000_000_000L;
    public static final long PS_PER_S = 1_000_000_000_000L;

    private Time() {
    }

    public static long ns(long nanoseconds) {
        return Math.multiplyExact(nanoseconds, PS_PER_NS);
    }

    public static long us(long microseconds) {
        return Math.multiplyExact(microseconds, PS_PER_US);
    }

    public static long ms(long milliseconds) {
        return Math.multiplyExact(milliseconds, PS_PER_MS);
    }

    public static long seconds(long seconds) {
        return Math.multiplyExact(seconds, PS_PER_S);
    }

    /**
     * {@code ps} in the largest unit (ps, ns, us, ms, s) that keeps the integer part non-zero,
     * printed exactly with trailing zeros dropped: {@code 1500 -> "1.5 ns"},
     * {@code 3333333333333 -> "3.333333333333 s"}. Exact rather than rounded because these strings
     * appear in error messages where two nearby times must stay distinguishable. Not a hot path.
     */
    public static String format(long ps) {
        long magnitude = Math.abs(ps);
        if (ps == Long.MIN_VALUE || magnitude >= PS_PER_S) {
            return scaled(ps, 12, "s");
        }
        if (magnitude >= PS_PER_MS) {
            return scaled(ps, 9, "ms");
        }
        if (magnitude >= PS_PER_US) {
            return scaled(ps, 6, "us");
        }
        if (magnitude >= PS_PER_NS) {
            return scaled(ps, 3, "ns");
        }
        return ps + " ps";
    }

    private static String scaled(long ps, int decimals, String unit) {
        return BigDecimal.valueOf(ps).movePointLeft(decimals).stripTrailingZeros().toPlainString() + " " + unit;
    }
}
