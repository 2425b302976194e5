package org.msqsim.core.fixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SP2 shift-add multiplier against the plain product {@code a × valueInt(code)}. */
class Sp2MacTest {

    private static long actMin(int bits, boolean signed) {
        return signed ? -(1L << (bits - 1)) : 0;
    }

    private static long actMax(int bits, boolean signed) {
        return signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
    }

    /** A random activation of the declared width, extremes and zero over-represented. */
    private static int randomAct(SplittableRandom r, int bits, boolean signed) {
        long lo = actMin(bits, signed);
        long hi = actMax(bits, signed);
        switch (r.nextInt(8)) {
            case 0: return (int) lo;
            case 1: return (int) hi;
            case 2: return 0;
            default: return (int) (lo + r.nextLong(hi - lo + 1));
        }
    }

    @Test
    void exhaustiveForEveryFormatOnSmallActivations() {
        for (int bits = 3; bits <= Sp2Format.MAX_BITS; bits++) {
            Sp2Format f = Sp2Format.of(bits);
            for (boolean signed : new boolean[] {false, true}) {
                Sp2Mac mac = new Sp2Mac(f, 8, signed);
                for (int code = 0; code < f.codeCount(); code++) {
                    for (long a = actMin(8, signed); a <= actMax(8, signed); a++) {
                        assertEquals(a * f.valueInt(code), mac.multiply(code, (int) a));
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 6, 7, 8, 9})
    void randomDotProductsMatchPlainLoops(int bits) {
        Sp2Format f = Sp2Format.of(bits);
        SplittableRandom r = new SplittableRandom(0x5B2_0000L + bits);
        int[] codes = new int[64];
        int[] acts = new int[64];
        long[] prods = new long[64];
        for (int v = 0; v < 15_000; v++) { // 7 widths × 15,000 = 105,000 vectors
            boolean signed = r.nextBoolean();
            int aBits = signed ? 2 + r.nextInt(Sp2Mac.MAX_ACTIVATION_BITS - 1) : 1 + r.nextInt(Sp2Mac.MAX_ACTIVATION_BITS - 1);
            Sp2Mac mac = new Sp2Mac(f, aBits, signed);
            int len = r.nextInt(codes.length + 1);
            long expected = 0;
            for (int i = 0; i < len; i++) {
                codes[i] = r.nextInt(f.codeCount());
                acts[i] = randomAct(r, aBits, signed);
                expected += (long) acts[i] * f.valueInt(codes[i]);
            }
            assertEquals(expected, mac.dot(codes, 0, acts, 0, len));
            mac.products(codes, 0, acts, 0, prods, 0, len);
            for (int i = 0; i < len; i++) {
                assertEquals((long) acts[i] * f.valueInt(codes[i]), prods[i]);
            }
        }
    }

    @Test
    void productWidthIsDerivedAndTight() {
        for (int bits = 3; bits <= Sp2Format.MAX_BITS; bits++) {
            Sp2Format f = Sp2Format.of(bits);
            int l = f.fractionBits();
            int maxCode = f.codeOf(f.maxMagnitudeInt(), false);
            int minCode = f.codeOf(f.maxMagnitudeInt(), true);
            for (int aBits = 1; aBits <= Sp2Mac.MAX_ACTIVATION_BITS; aBits++) {
                for (boolean signed : new boolean[] {false, true}) {
                    if (signed ? aBits < 2 : aBits == Sp2Mac.MAX_ACTIVATION_BITS) {
                        continue;
                    }
                    Sp2Mac mac = new Sp2Mac(f, aBits, signed);
                    Sp2MacStructure s = mac.structure();
                    assertEquals(aBits + l + 1, s.productBits());
                    assertEquals(aBits + l - 1, s.termBits());
                    assertEquals(1 << f.m1(), s.shifter1Inputs());
                    assertEquals(1 << f.m2(), s.shifter2Inputs());
                    long lo = actMin(aBits, signed);
                    long hi = actMax(aBits, signed);
                    long[] extremes = {
                        mac.multiply(maxCode, (int) lo), mac.multiply(maxCode, (int) hi),
                        mac.multiply(minCode, (int) lo), mac.multiply(minCode, (int) hi),
                    };
                    boolean needsAll = false;
                    for (long p : extremes) {
                        assertTrue(fitsSigned(p, s.productBits()), "fits " + p);
                        needsAll |= !fitsSigned(p, s.productBits() - 1);
                    }
                    assertTrue(needsAll, "tight for A=" + aBits + " signed=" + signed + " " + f);
                    assertEquals(lo * f.maxMagnitudeInt(), extremes[0]);
                    assertEquals(-hi * f.maxMagnitudeInt(), extremes[3]);
                }
            }
        }
    }

    private static boolean fitsSigned(long v, int bits) {
        return v >= -(1L << (bits - 1)) && v <= (1L << (bits - 1)) - 1;
    }

    @Test
    void rejectsActivationsAndCodesOutsideTheirWidths() {
        Sp2Mac u4 = new Sp2Mac(Sp2Format.of(4), 4, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> u4.multiply(0, 16));
        assertTrue(e.getMessage().contains("16") && e.getMessage().contains("4 bits"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> u4.multiply(0, -1));
        assertThrows(IllegalArgumentException.class, () -> u4.multiply(16, 1));
        Sp2Mac s4 = new Sp2Mac(Sp2Format.of(4), 4, true);
        assertThrows(IllegalArgumentException.class, () -> s4.multiply(0, 8));
        assertThrows(IllegalArgumentException.class, () -> s4.multiply(0, -9));
        assertEquals(-8 * -8, s4.multiply(Sp2Format.of(4).codeOf(8, true), -8));
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
                () -> u4.dot(new int[] {1, 2}, 0, new int[] {3, 99}, 0, 2));
        assertTrue(d.getMessage().contains("99") && d.getMessage().contains("index 1"), d.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Sp2Mac(Sp2Format.of(4), 1, true));
        assertThrows(IllegalArgumentException.class, () -> new Sp2Mac(Sp2Format.of(4), 32, false));
        assertThrows(IllegalArgumentException.class, () -> new Sp2Mac(Sp2Format.of(4), 33, true));
        assertThrows(IndexOutOfBoundsException.class, () -> u4.dot(new int[2], 1, new int[2], 0, 2));
        assertFalse(u4.dot(new int[0], 0, new int[0], 0, 0) != 0);
    }
}
