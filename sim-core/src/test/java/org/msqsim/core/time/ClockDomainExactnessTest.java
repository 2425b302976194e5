package org.msqsim.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Edge times against the exact BigInteger formula floor(n·10^12/f): stepping edge by edge
 * (quotient plus carried remainder) and random access must both equal it, at round and odd
 * frequencies, near cycle 0 and far out (10^9, 10^12 and the largest representable cycle).
 */
class ClockDomainExactnessTest {

    private static final BigInteger PS_PER_S = BigInteger.valueOf(Time.PS_PER_S);

    static LongStream frequencies() {
        return LongStream.of(100_000_000L, 150_000_000L, 200_000_000L, 250_000_000L, 300_000_000L,
                333_000_000L, 333_333_333L, 533_333_333L, 156_250_000L, 1L, 7L, 999_999_999_989L,
                Time.PS_PER_S);
    }

    static long exact(long cycle, long hz) {
        return BigInteger.valueOf(cycle).multiply(PS_PER_S).divide(BigInteger.valueOf(hz)).longValueExact();
    }

    @Test
    void edgeOneBillionAt300MHzHasNotDrifted() {
        ClockDomain clk = ClockDomain.ofMHz("core", 300);
        // 10^9 · 10^12 / (3·10^8) = 10^13 / 3 = 3,333,333,333,333.33… ps; a rounded 3333 ps period
        // would give 3,333,000,000,000 ps, 333 us early.
        assertEquals(3_333_333_333_333L, clk.edgeTime(1_000_000_000L));
        assertEquals(new Rational(10_000, 3), clk.periodPs());
    }

    @Test
    void steppingOneBillionEdgesAt300MHzLandsOnTheExactEdge() {
        EdgeCursor cursor = ClockDomain.ofMHz("core", 300).cursor(0);
        long t = 0;
        for (long n = 0; n < 1_000_000_000L; n++) {
            t = cursor.next();
        }
        assertEquals(3_333_333_333_333L, t);
        assertEquals(1_000_000_000L, cursor.cycle());
    }

    @ParameterizedTest
    @MethodSource("frequencies")
    void steppingFromZeroMatchesTheFormula(long hz) {
        ClockDomain clk = new ClockDomain("clk", hz);
        EdgeCursor cursor = clk.cursor(0);
        assertEquals(0, cursor.time());
        for (long n = 1; n <= 3_000_000L; n++) {
            long stepped = cursor.next();
            if (stepped != clk.edgeTime(n)) {
                assertEquals(exact(n, hz), stepped, "edge " + n + " at " + hz + " Hz");
            }
        }
        assertEquals(exact(3_000_000L, hz), cursor.time());
    }

    @ParameterizedTest
    @MethodSource("frequencies")
    void steppingFarOutMatchesTheFormula(long hz) {
        ClockDomain clk = new ClockDomain("clk", hz);
        long max = maxCycle(hz);
        for (long wanted : new long[] {999_999_000L, 1_000_000_000_000L - 500L, max - 100_000L}) {
            long start = Math.max(0, Math.min(wanted, max - 100_000L));   // 1 Hz ends before 10^9 cycles
            EdgeCursor cursor = clk.cursor(start);
            assertEquals(exact(start, hz), cursor.time());
            for (int i = 0; i < 100_000 && cursor.cycle() < max; i++) {
                cursor.next();
                assertEquals(exact(cursor.cycle(), hz), cursor.time(), "edge " + cursor.cycle() + " at " + hz + " Hz");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("frequencies")
    void randomAccessMatchesBigIntegerUpToTheLastRepresentableEdge(long hz) {
        ClockDomain clk = new ClockDomain("clk", hz);
        SplittableRandom random = new SplittableRandom(hz);
        long max = maxCycle(hz);
        for (int i = 0; i < 20_000; i++) {
            long cycle = switch (i % 4) {
                case 0 -> random.nextLong(Math.min(max, 1_000_000_000L) + 1);
                case 1 -> random.nextLong(Math.min(max, 1_000_000_000_000L) + 1);
                case 2 -> random.nextLong(max) + 1;
                default -> max - random.nextLong(Math.min(max, 1_000_000L) + 1);
            };
            assertEquals(exact(cycle, hz), clk.edgeTime(cycle), "edge " + cycle + " at " + hz + " Hz");
        }
        assertEquals(exact(max, hz), clk.edgeTime(max));
        if (max < Long.MAX_VALUE) {
            assertThrows(ArithmeticException.class, () -> clk.edgeTime(max + 1));
        }
    }

    /** The largest n with floor(n·10^12/f) <= Long.MAX_VALUE: ceil(2^63·f/10^12) - 1, capped at Long.MAX_VALUE. */
    static long maxCycle(long hz) {
        BigInteger limit = BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE).multiply(BigInteger.valueOf(hz));
        BigInteger[] qr = limit.divideAndRemainder(PS_PER_S);
        BigInteger firstBeyond = qr[0].add(qr[1].signum() == 0 ? BigInteger.ZERO : BigInteger.ONE);
        return firstBeyond.subtract(BigInteger.ONE).min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
    }
}
