package org.msqsim.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Validation, the edge-count definitions, the next-edge rule and cycle conversion between domains. */
class ClockDomainTest {

    private static final long[] HZ = {1L, 3L, 100_000_000L, 150_000_000L, 300_000_000L, 333_333_333L,
        999_999_999_989L, Time.PS_PER_S};

    @Test
    void rejectsImpossibleFrequenciesWithTheDomainNameAndValue() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> new ClockDomain("ddr", 0));
        assertTrue(zero.getMessage().contains("'ddr'") && zero.getMessage().contains("got 0 Hz"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ClockDomain("ddr", -5));
        IllegalArgumentException fast = assertThrows(IllegalArgumentException.class,
                () -> new ClockDomain("ddr", Time.PS_PER_S + 1));
        assertTrue(fast.getMessage().contains("10^12 Hz"), fast.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ClockDomain(" ", 100));
        assertThrows(IllegalArgumentException.class, () -> ClockDomain.ofMHz("x", 0));
        assertThrows(IllegalArgumentException.class, () -> new ClockDomain("x", 100).edgeTime(-1));
        assertThrows(IllegalArgumentException.class, () -> new ClockDomain("x", 100).cyclesAt(-1));
    }

    @Test
    void periodIsAnExactRational() {
        assertEquals(new Rational(10_000, 1), ClockDomain.ofMHz("a", 100).periodPs());
        assertEquals("20000/3", ClockDomain.ofMHz("b", 150).periodPs().toString());
        assertEquals(new Rational(1_000_000_000_000L, 333_333_333L), new ClockDomain("c", 333_333_333L).periodPs());
        assertEquals(3000, new ClockDomain("c", 333_333_333L).periodPs().floor());
        assertEquals(3001, new ClockDomain("c", 333_333_333L).periodPs().ceil());
    }

    @Test
    void edgeCountsAtHandPickedTimes() {
        ClockDomain clk = ClockDomain.ofMHz("core", 300);   // edges at 0, 3333, 6666, 10000, 13333, ...
        assertEquals(1, clk.cyclesAt(0));
        assertEquals(1, clk.cyclesAt(3332));
        assertEquals(2, clk.cyclesAt(3333));
        assertEquals(4, clk.cyclesAt(10_000));
        assertEquals(0, clk.firstCycleAtOrAfter(0));
        assertEquals(1, clk.firstCycleAtOrAfter(1));
        assertEquals(1, clk.firstCycleAtOrAfter(3333));
        assertEquals(2, clk.firstCycleAtOrAfter(3334));
        assertEquals(3333, clk.nextEdgeAtOrAfter(3333));
        assertEquals(6666, clk.nextEdgeAtOrAfter(3334));
        assertEquals(10_000, clk.nextEdgeAtOrAfter(6667));
    }

    @Test
    void edgeCountsSatisfyTheirDefinitionsAtRandomTimes() {
        SplittableRandom random = new SplittableRandom(42);
        for (long hz : HZ) {
            ClockDomain clk = new ClockDomain("clk", hz);
            for (int i = 0; i < 5_000; i++) {
                long t = i % 2 == 0 ? random.nextLong(Long.MAX_VALUE) : random.nextLong(10_000_000L);
                long first = clk.firstCycleAtOrAfter(t);
                assertEquals(ceilDiv(big(t).multiply(big(hz)), big(Time.PS_PER_S)), first);
                long count = clk.cyclesAt(t);
                assertEquals(ceilDiv(big(t).add(BigInteger.ONE).multiply(big(hz)), big(Time.PS_PER_S)), count);
                // the last edge at or before t is count - 1; the edge after it lies beyond t
                assertTrue(clk.edgeTime(count - 1) <= t);
                assertTrue(count == ClockDomainExactnessTest.maxCycle(hz) + 1 || clk.edgeTime(count) > t);
                if (first <= ClockDomainExactnessTest.maxCycle(hz)) {
                    assertTrue(clk.edgeTime(first) >= t && (first == 0 || clk.edgeTime(first - 1) < t));
                }
            }
            BigInteger all = ceilDivBig(big(Long.MAX_VALUE).add(BigInteger.ONE).multiply(big(hz)), big(Time.PS_PER_S));
            if (all.bitLength() <= 63) {
                assertEquals(all.longValueExact(), clk.cyclesAt(Long.MAX_VALUE));
            } else {   // only at 1 THz: 2^63 edges are not countable in a long
                assertThrows(ArithmeticException.class, () -> clk.cyclesAt(Long.MAX_VALUE));
            }
        }
    }

    @Test
    void conversionRoundsUpToTheConsumersNextEdge() {
        ClockDomain slow = ClockDomain.ofMHz("ddr", 100);
        ClockDomain fast = ClockDomain.ofMHz("core", 300);
        assertEquals(3, slow.convertCycles(1, fast));
        assertEquals(0, fast.convertCycles(0, slow));
        assertEquals(1, fast.convertCycles(1, slow));   // a third of a 100 MHz cycle is still a wait of one
        assertEquals(1, fast.convertCycles(3, slow));
        assertEquals(2, fast.convertCycles(4, slow));
        assertEquals(1_000_000_000L, fast.convertCycles(3_000_000_000L, slow));
        assertEquals(12345, fast.convertCycles(12345, ClockDomain.ofMHz("same", 300)));
        ClockDomain odd = new ClockDomain("odd", 333_333_333L);
        assertEquals(300_000_001L, odd.convertCycles(1_000_000_000L, ClockDomain.ofMHz("x", 100)));
    }

    @Test
    void conversionMatchesBigIntegerCeilingEverywhere() {
        SplittableRandom random = new SplittableRandom(7);
        for (long from : HZ) {
            for (long to : HZ) {
                ClockDomain a = new ClockDomain("a", from);
                ClockDomain b = new ClockDomain("b", to);
                for (int i = 0; i < 500; i++) {
                    long cycles = random.nextLong(i % 2 == 0 ? 1_000_000_000_000L : Long.MAX_VALUE / Time.PS_PER_S);
                    BigInteger expected = ceilDivBig(big(cycles).multiply(big(to)), big(from));
                    if (expected.bitLength() <= 63) {   // fits a signed long
                        assertEquals(expected.longValueExact(), a.convertCycles(cycles, b), cycles + " " + a + "->" + b);
                    } else {
                        assertThrows(ArithmeticException.class, () -> a.convertCycles(cycles, b));
                    }
                }
            }
        }
    }

    @Test
    void cursorSeeksAndStepsLikeRandomAccess() {
        ClockDomain clk = new ClockDomain("odd", 333_333_333L);
        EdgeCursor cursor = clk.cursor(5);
        cursor.seek(1_000_000_000_007L);
        for (int i = 0; i < 1000; i++) {
            assertEquals(clk.edgeTime(cursor.cycle()), cursor.time());
            cursor.next();
        }
        assertEquals("odd cycle 1000000001007 at " + Time.format(clk.edgeTime(1_000_000_001_007L)), cursor.toString());
    }

    private static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }

    private static long ceilDiv(BigInteger a, BigInteger b) {
        return ceilDivBig(a, b).longValueExact();
    }

    private static BigInteger ceilDivBig(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        return qr[0].add(qr[1].signum() == 0 ? BigInteger.ZERO : BigInteger.ONE);
    }
}
