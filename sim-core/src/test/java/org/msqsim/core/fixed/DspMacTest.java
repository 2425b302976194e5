package org.msqsim.core.fixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DspMacTest {

    private static final int[][] WIDTHS = {{2, 1}, {2, 2}, {4, 4}, {8, 8}, {8, 16}, {16, 17}, {18, 17}, {25, 17}, {27, 17}, {27, 18}};

    /** Plain integer reference: the obvious loop over operands already in range. */
    private static long plainDot(int[] w, int[] a, int len) {
        long s = 0;
        for (int i = 0; i < len; i++) {
            s += (long) w[i] * a[i];
        }
        return s;
    }

    private static int randomValue(SplittableRandom rnd, int bits, boolean signed) {
        return signed ? rnd.nextInt(-(1 << (bits - 1)), 1 << (bits - 1)) : rnd.nextInt(0, 1 << bits);
    }

    @Test
    void randomVectorsAreBitExactAgainstPlainLoops() {
        SplittableRandom rnd = new SplittableRandom(0xD5B48L);
        int[] w = new int[64];
        int[] a = new int[64];
        int vectors = 0;
        for (DspKind kind : DspKind.values()) {
            for (int[] wa : WIDTHS) {
                for (boolean signed : new boolean[] {false, true}) {
                    int wb = wa[0];
                    int ab = wa[1];
                    if (wb > kind.aBits() || DspKind.signedPortBits(ab, signed) > kind.bBits() || (signed && ab < 2)) {
                        continue;
                    }
                    FixedFormat acc48 = FixedFormat.signedInt(48, Overflow.WRAP);
                    FixedFormat acc24 = FixedFormat.signedInt(24, Overflow.SATURATE);
                    DspMac wide = new DspMac(kind, wb, ab, signed, acc48);
                    DspMac narrow = new DspMac(kind, wb, ab, signed, acc24);
                    for (int v = 0; v < 3_500; v++, vectors++) {
                        int len = rnd.nextInt(0, 65);
                        for (int i = 0; i < len; i++) {
                            w[i] = randomValue(rnd, wb, true);
                            a[i] = randomValue(rnd, ab, signed);
                        }
                        long exact = plainDot(w, a, len);
                        assertEquals(exact, wide.dot(w, 0, a, 0, len, 0), () -> wide + " len " + len);
                        assertFalse(wide.lastOverflowed());
                        assertEquals(acc24.saturate(exact), narrow.dot(w, 0, a, 0, len, 0));
                        assertEquals(!acc24.fits(exact), narrow.lastOverflowed());
                    }
                }
            }
        }
        assertTrue(vectors >= 100_000, "vectors: " + vectors);
    }

    @Test
    void edgeOperandsAreExact() {
        for (DspKind kind : DspKind.values()) {
            int wb = kind.aBits();
            int wMin = -(1 << (wb - 1));
            int wMax = (1 << (wb - 1)) - 1;
            DspMac unsigned = new DspMac(kind, wb, 17, false, FixedFormat.signedInt(48, Overflow.WRAP));
            DspMac signed = new DspMac(kind, wb, 18, true, FixedFormat.signedInt(48, Overflow.WRAP));
            int[][] weights = {{wMin, wMin}, {wMax, wMax}, {0, 0}, {wMin, wMax}, {-1, -1}};
            int[][] unsignedActs = {{(1 << 17) - 1, (1 << 17) - 1}, {0, 0}, {1, (1 << 17) - 1}};
            int[][] signedActs = {{-(1 << 17), -(1 << 17)}, {(1 << 17) - 1, -(1 << 17)}, {-1, -1}, {0, 0}};
            for (int[] w : weights) {
                for (int[] a : unsignedActs) {
                    assertEquals(plainDot(w, a, 2), unsigned.dot(w, 0, a, 0, 2, 0));
                }
                for (int[] a : signedActs) {
                    assertEquals(plainDot(w, a, 2), signed.dot(w, 0, a, 0, 2, 0));
                }
            }
            assertEquals(0, unsigned.overflowCount());
            assertEquals(0, signed.overflowCount());
        }
    }

    @Test
    void portWidthsAreEnforcedNamingThePort() {
        FixedFormat acc = FixedFormat.signedInt(32, Overflow.WRAP);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DspMac(DspKind.DSP48E1, 26, 8, false, acc));
        assertTrue(e.getMessage().contains("port A (25 bits") && e.getMessage().contains("26"), e.getMessage());
        new DspMac(DspKind.DSP48E2, 27, 8, false, acc);
        assertThrows(IllegalArgumentException.class, () -> new DspMac(DspKind.DSP48E2, 28, 8, false, acc));
        e = assertThrows(IllegalArgumentException.class, () -> new DspMac(DspKind.DSP48E2, 8, 18, false, acc));
        assertTrue(e.getMessage().contains("port B (18 bits") && e.getMessage().contains("needs 19"), e.getMessage());
        new DspMac(DspKind.DSP48E2, 8, 18, true, acc);
        new DspMac(DspKind.DSP48E1, 8, 17, false, acc);
        assertThrows(IllegalArgumentException.class, () -> new DspMac(DspKind.DSP48E1, 8, 19, true, acc));
        e = assertThrows(IllegalArgumentException.class,
                () -> new DspMac(DspKind.DSP48E1, 8, 8, false, FixedFormat.signedInt(49, Overflow.WRAP)));
        assertTrue(e.getMessage().contains("port P (48 bits"), e.getMessage());
    }

    @Test
    void declaredAccumulatorOverflowWrapsOrSaturatesAndIsCounted() {
        int[] w = {127, 127, 127};
        int[] a = {255, 255, 255}; // 3 × 32385 = 97155 > 2^15
        long exact = 97_155;
        DspMac wrap = new DspMac(DspKind.DSP48E1, 8, 8, false, FixedFormat.signedInt(16, Overflow.WRAP));
        DspMac sat = new DspMac(DspKind.DSP48E1, 8, 8, false, FixedFormat.signedInt(16, Overflow.SATURATE));
        assertEquals((short) exact, wrap.dot(w, 0, a, 0, 3, 0));
        assertEquals(Short.MAX_VALUE, sat.dot(w, 0, a, 0, 3, 0));
        assertTrue(wrap.lastOverflowed() && sat.lastOverflowed());
        int[] neg = {-128, -128, -128};
        assertEquals(Short.MIN_VALUE, sat.dot(neg, 0, a, 0, 3, 0));
        assertEquals((short) (-3 * 128 * 255), wrap.dot(neg, 0, a, 0, 3, 0));
        assertEquals(32385, sat.dot(w, 0, a, 0, 1, 0)); // in range: exact, not counted
        assertFalse(sat.lastOverflowed());
        assertEquals(2, wrap.overflowCount());
        assertEquals(2, sat.overflowCount());
        // A partial sum preloaded into P takes part in the range check.
        assertEquals(Short.MAX_VALUE, sat.dot(w, 0, a, 0, 1, 1_000));
        assertTrue(sat.lastOverflowed());
        sat.resetOverflowCount();
        assertEquals(0, sat.overflowCount());
    }

    @Test
    void pRegisterWrapsAt48BitsEvenUnderASaturatingReadout() {
        // 65 products of -2^24 × (2^17-1) ≈ -65·2^41 < -2^47: P wraps; saturation then sees wrapped bits.
        int len = 65;
        int[] w = new int[len];
        int[] a = new int[len];
        Arrays.fill(w, -(1 << 24));
        Arrays.fill(a, (1 << 17) - 1);
        long exact = plainDot(w, a, len);
        DspMac sat = new DspMac(DspKind.DSP48E1, 25, 17, false, FixedFormat.signedInt(48, Overflow.SATURATE));
        long hw = sat.dot(w, 0, a, 0, len, 0);
        assertEquals(DspKind.wrapSigned(exact, 48), hw);
        assertTrue(hw > 0, "the wrapped P of a negative sum reads positive");
        assertTrue(sat.lastOverflowed());
        assertFalse(new DspMac(DspKind.DSP48E1, 25, 17, false, FixedFormat.signedInt(48, Overflow.SATURATE))
                .dot(w, 0, a, 0, len - 1, 0) > 0);
    }

    @Test
    void operandsAreCutToTheirDeclaredWidthsLikeWires() {
        DspMac mac = new DspMac(DspKind.DSP48E2, 4, 4, false, FixedFormat.signedInt(32, Overflow.WRAP));
        // weight 9 on 4 wires is 1001 = -7; activation 17 on 4 wires is 0001 = 1.
        assertEquals(-7, mac.dot(new int[] {9}, 0, new int[] {17}, 0, 1, 0));
    }
}
