package org.msqsim.core.fixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The accumulator register against a BigInteger model of each add, and its width helpers. */
class AccumulatorTest {

    /** One add of the reference model: exact sum, then wrap modulo 2^bits or clamp. */
    private static BigInteger modelAdd(BigInteger v, long x, FixedFormat f, long[] overflows) {
        BigInteger s = v.add(BigInteger.valueOf(x));
        BigInteger min = BigInteger.valueOf(f.min());
        BigInteger max = BigInteger.valueOf(f.max());
        if (s.compareTo(min) >= 0 && s.compareTo(max) <= 0) {
            return s;
        }
        overflows[0]++;
        if (f.overflow() == Overflow.SATURATE) {
            return s.signum() < 0 ? min : max;
        }
        BigInteger modulus = BigInteger.ONE.shiftLeft(f.bits());
        BigInteger low = s.mod(modulus);
        return f.signed() && low.testBit(f.bits() - 1) ? low.subtract(modulus) : low;
    }

    private static long randomAddend(SplittableRandom r, FixedFormat f) {
        switch (r.nextInt(6)) {
            case 0: return f.max();
            case 1: return f.min();
            case 2: return r.nextLong(); // anything a wider upstream might deliver, even near ±2^63
            case 3: return -f.max();
            default: return r.nextLong(-(1L << (f.bits() - 1)), 1L << (f.bits() - 1));
        }
    }

    @Test
    void matchesTheExactModelForWrapAndSaturate() {
        SplittableRandom r = new SplittableRandom(0xACC_1L);
        long[] xs = new long[16];
        for (int v = 0; v < 100_000; v++) {
            boolean signed = r.nextInt(4) != 0;
            int bits = (signed ? 2 : 1) + r.nextInt(signed ? 62 : 63);
            Overflow mode = r.nextBoolean() ? Overflow.WRAP : Overflow.SATURATE;
            FixedFormat f = new FixedFormat(bits, 0, signed, Rounding.TRUNCATE, mode);
            Accumulator acc = new Accumulator(f);
            long start = f.fit(r.nextLong());
            acc.preload(start);
            int len = 1 + r.nextInt(xs.length);
            BigInteger model = BigInteger.valueOf(start);
            long[] overflows = {0};
            for (int i = 0; i < len; i++) {
                xs[i] = randomAddend(r, f);
                model = modelAdd(model, xs[i], f, overflows);
            }
            if (r.nextBoolean()) {
                acc.addAll(xs, 0, len);
            } else {
                for (int i = 0; i < len; i++) {
                    acc.add(xs[i]);
                }
            }
            assertEquals(model.longValueExact(), acc.value(), f + " after " + len + " adds");
            assertEquals(overflows[0], acc.overflowCount());
            assertEquals(overflows[0] != 0, acc.overflowed());
        }
    }

    @Test
    void saturationDependsOnOrderAndWrapDoesNot() {
        FixedFormat sat = FixedFormat.signedInt(8, Overflow.SATURATE);
        Accumulator a = new Accumulator(sat);
        a.addAll(new long[] {127, 1, -1}, 0, 3);
        assertEquals(126, a.value());
        assertEquals(1, a.overflowCount());
        a.reset();
        assertEquals(0, a.value());
        assertFalse(a.overflowed());
        a.addAll(new long[] {1, -1, 127}, 0, 3);
        assertEquals(127, a.value());
        assertFalse(a.overflowed());

        Accumulator w = new Accumulator(FixedFormat.signedInt(8, Overflow.WRAP));
        w.addAll(new long[] {127, 1, -1}, 0, 3);
        assertEquals(127, w.value()); // wrapped to -128 and back: the right answer, flagged on both adds
        assertEquals(2, w.overflowCount());
        Accumulator s63 = new Accumulator(FixedFormat.signedInt(63, Overflow.SATURATE));
        s63.add(Long.MAX_VALUE);
        s63.add(Long.MAX_VALUE);
        assertEquals((1L << 62) - 1, s63.value());
        s63.add(Long.MIN_VALUE);
        s63.add(Long.MIN_VALUE);
        assertEquals(-(1L << 62), s63.value());
        assertThrows(IllegalArgumentException.class, () -> a.preload(128));
        assertThrows(IllegalArgumentException.class,
                () -> new Accumulator(new FixedFormat(16, 4, true, Rounding.TRUNCATE, Overflow.WRAP)));
    }

    /** The smallest signed width holding both ends, by search. */
    private static int bruteBits(BigInteger lo, BigInteger hi) {
        for (int b = 2; ; b++) {
            BigInteger min = BigInteger.ONE.shiftLeft(b - 1).negate();
            BigInteger max = BigInteger.ONE.shiftLeft(b - 1).subtract(BigInteger.ONE);
            if (lo.compareTo(min) >= 0 && hi.compareTo(max) <= 0) {
                return b;
            }
        }
    }

    @Test
    void requiredBitsIsTightAndFinnIsAtMostOneAbove() {
        for (int k : new int[] {1, 2, 3, 9, 64, 576, 1000, 4608, 1 << 20}) {
            for (int w = 2; w <= 8; w++) {
                for (int a = 1; a <= 16; a++) {
                    for (boolean aSigned : new boolean[] {false, true}) {
                        if (aSigned && a < 2) {
                            continue;
                        }
                        long wMin = -(1L << (w - 1));
                        long wMax = (1L << (w - 1)) - 1;
                        long aMin = aSigned ? -(1L << (a - 1)) : 0;
                        long aMax = aSigned ? (1L << (a - 1)) - 1 : (1L << a) - 1;
                        int exact = Accumulator.requiredBits(k, wMin, wMax, aMin, aMax);
                        BigInteger kk = BigInteger.valueOf(k);
                        BigInteger lo = kk.multiply(BigInteger.valueOf(Math.min(wMin * aMax, wMax * aMin)));
                        BigInteger hi = kk.multiply(BigInteger.valueOf(Math.max(wMin * aMin, wMax * aMax)));
                        assertEquals(bruteBits(lo, hi), exact);
                        int finn = Accumulator.finnBits(k, w, a, aSigned);
                        double alpha = Math.log(k) / Math.log(2) + w + a - 1 - (aSigned ? 1 : 0);
                        assertEquals((int) Math.ceil(alpha + Math.log1p(Math.pow(2, -alpha)) / Math.log(2) + 1), finn,
                                "FINN closed form, k=" + k + " W=" + w + " A=" + a);
                        if (aSigned) {
                            assertEquals(exact, finn);
                        } else {
                            assertTrue(finn >= exact && finn <= exact + (a == 1 ? 2 : 1), "k=" + k + " W=" + w + " A=" + a);
                        }
                    }
                }
            }
        }
    }

    @Test
    void sp2DotProductsNeverOverflowAnAccumulatorOfRequiredWidth() {
        SplittableRandom r = new SplittableRandom(0xACC_2L);
        int[] codes = new int[576];
        int[] acts = new int[576];
        for (int bits = 3; bits <= 9; bits++) {
            Sp2Format f = Sp2Format.of(bits);
            Sp2Mac mac = new Sp2Mac(f, 8, false);
            int k = codes.length;
            int width = Accumulator.requiredBits(k, -f.maxMagnitudeInt(), f.maxMagnitudeInt(), 0, 255);
            Accumulator wide = new Accumulator(FixedFormat.signedInt(width, Overflow.WRAP));
            Accumulator narrow = new Accumulator(FixedFormat.signedInt(width - 1, Overflow.WRAP));
            for (int v = 0; v < 200; v++) {
                boolean extreme = v < 2;
                for (int i = 0; i < k; i++) {
                    codes[i] = extreme ? f.codeOf(f.maxMagnitudeInt(), v == 1) : r.nextInt(f.codeCount());
                    acts[i] = extreme ? 255 : r.nextInt(256);
                }
                wide.reset();
                narrow.reset();
                for (int i = 0; i < k; i++) {
                    long p = mac.multiply(codes[i], acts[i]);
                    wide.add(p);
                    narrow.add(p);
                }
                assertFalse(wide.overflowed());
                assertEquals(mac.dot(codes, 0, acts, 0, k), wide.value());
                if (extreme) {
                    assertTrue(narrow.overflowed(), "one bit fewer must overflow at the extreme");
                }
            }
        }
    }
}
