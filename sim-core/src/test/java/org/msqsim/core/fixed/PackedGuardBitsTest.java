package org.msqsim.core.fixed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The guard-bit lane layout (issue 13 point 9): its offsets and capacity per operand widths and
 * slice, the choice between it and FINN's canaries for a chain, and bit-exactness — within the
 * capacity every lane equals the plain integer dot product at the operands' extremes and at random;
 * one product past it the worst case corrupts a lane (so the canary layout is then required, and is
 * exact); and the literal model's per-chain resolve ({@link PackedDspMac#resolveLanes}) gives the bits
 * {@link PackedDspMac#dot} gives, inside and past the capacity.
 */
class PackedGuardBitsTest {

    private static PackedDspMac guard(DspKind kind, int w, int a, boolean signed, int lanes) {
        return new PackedDspMac(kind, w, a, signed, lanes, true, LaneSeparation.GUARD_BITS);
    }

    @Test
    void layoutsPerWidthsAndSlice() {
        // 2-lane W4A4 (narrow, unsigned): ±105 products; the upper lane as high as the A path allows
        PackedDspMac e1 = guard(DspKind.DSP48E1, 4, 4, false, 2);
        assertArrayEquals(new int[] {0, 21}, e1.laneOffsets(), "7·2^21 + 7 < 2^24; 7·2^22 is not");
        assertEquals(27, e1.resultBits());
        assertEquals((int) (((1L << 20) - 1) / 105), e1.guardCapacity());
        assertEquals(9_986, e1.maxExactDepth());
        assertEquals(21 - 8, e1.guardBits(0), "a ±105 product takes 8 signed bits of the 21");
        PackedDspMac e2 = guard(DspKind.DSP48E2, 4, 4, false, 2);
        assertArrayEquals(new int[] {0, 23}, e2.laneOffsets());
        assertEquals(39_945, e2.maxExactDepth());
        // 2-lane W8A8: ±32,385 products leave 2 (E1, offset 17) or 8 (E2, offset 19) products
        assertEquals(2, guard(DspKind.DSP48E1, 8, 8, false, 2).maxExactDepth());
        assertEquals(8, guard(DspKind.DSP48E2, 8, 8, false, 2).maxExactDepth());
        // 4-lane W4A4: 7-bit fields cannot hold one ±105 product: no guard-bit layout
        assertThrows(IllegalArgumentException.class, () -> guard(DspKind.DSP48E1, 4, 4, false, 4));
        assertThrows(IllegalArgumentException.class, () -> guard(DspKind.DSP48E2, 4, 4, false, 4));
        // 4-lane W2A2: ±3 products in 7-bit fields, 21 products
        PackedDspMac w2 = guard(DspKind.DSP48E1, 2, 2, false, 4);
        assertArrayEquals(new int[] {0, 7, 14, 21}, w2.laneOffsets());
        assertEquals(21, w2.maxExactDepth());
        // FINN's layouts keep their canaries and unbounded guard capacity
        PackedDspMac finn = new PackedDspMac(DspKind.DSP48E1, 4, 4, false, 2, true);
        assertEquals(LaneSeparation.CANARY, finn.separation());
        assertArrayEquals(new int[] {0, 8}, finn.laneOffsets());
        assertEquals(Integer.MAX_VALUE, finn.guardCapacity());
    }

    @Test
    void theChainDecidesTheLayout() {
        // acc 21 bounds a chain at (2^20 − 1)/105 = 9,986 products: exactly the guard capacity
        PackedDspMac fits = PackedDspMac.forChain(DspKind.DSP48E1, 4, 4, false, 2, true, 21, 9_986);
        assertEquals(LaneSeparation.GUARD_BITS, fits.separation());
        assertEquals(0, fits.counterBits(1, 21, 9_986), "no counter when the guard bits hold the chain");
        PackedDspMac oneMore = PackedDspMac.forChain(DspKind.DSP48E1, 4, 4, false, 2, true, 22, 9_987);
        assertEquals(LaneSeparation.CANARY, oneMore.separation());
        assertTrue(oneMore.counterBits(1, 22, 9_987) > 0);
        // the top lane must hold the accumulator: 27 bits on DSP48E1 at offset 21
        assertEquals(LaneSeparation.CANARY,
                PackedDspMac.forChain(DspKind.DSP48E1, 4, 4, false, 2, true, 28, 16).separation());
        assertEquals(LaneSeparation.CANARY,
                PackedDspMac.forChain(DspKind.DSP48E1, 4, 4, false, 4, true, 24, 16).separation());
        assertEquals(LaneSeparation.GUARD_BITS,
                PackedDspMac.forChain(DspKind.DSP48E2, 8, 8, false, 2, true, 24, 8).separation());
        assertEquals(LaneSeparation.CANARY,
                PackedDspMac.forChain(DspKind.DSP48E2, 8, 8, false, 2, true, 24, 9).separation());
    }

    /** Every weight/activation pattern at the extremes over the longest allowed chain, and one more. */
    @Test
    void exactUpToTheCapacityAndWrongOneProductPast() {
        PackedDspMac[] macs = {
            guard(DspKind.DSP48E1, 4, 4, false, 2), guard(DspKind.DSP48E2, 4, 4, false, 2),
            guard(DspKind.DSP48E1, 8, 8, false, 2), guard(DspKind.DSP48E2, 8, 8, false, 2),
            guard(DspKind.DSP48E1, 2, 2, false, 4), guard(DspKind.DSP48E2, 3, 2, false, 4),
            guard(DspKind.DSP48E1, 4, 4, true, 2), guard(DspKind.DSP48E2, 2, 3, true, 4),
        };
        for (PackedDspMac mac : macs) {
            int g = mac.maxExactDepth();
            int lanes = mac.lanes();
            // sign patterns per lane: all +max, all −max, alternating by lane, alternating by lane reversed
            int[][] patterns = new int[4][lanes];
            for (int l = 0; l < lanes; l++) {
                patterns[0][l] = mac.weightMax();
                patterns[1][l] = mac.weightMin();
                patterns[2][l] = l % 2 == 0 ? mac.weightMax() : mac.weightMin();
                patterns[3][l] = l % 2 == 0 ? mac.weightMin() : mac.weightMax();
            }
            int[] acts = mac.actMin() < 0 ? new int[] {mac.actMax(), mac.actMin()} : new int[] {mac.actMax()};
            boolean wrongPast = false;
            for (int[] pat : patterns) {
                for (int act : acts) {
                    assertExact(mac, pat, act, g);
                    wrongPast |= !lanesExact(mac, pat, act, g + 1);
                }
            }
            assertTrue(wrongPast, "one product past the capacity some extreme corrupts a lane: " + mac);
            // one more product needs the canaries, which are exact there
            PackedDspMac canary = new PackedDspMac(mac.kind(), weightBits(mac), actBits(mac), mac.actMin() < 0,
                    lanes, true);
            for (int[] pat : patterns) {
                assertTrue(lanesExact(canary, pat, acts[0], g + 1), canary::toString);
            }
        }
    }

    @Test
    void randomChainsAgreeWithThePlainReferenceAndTheLiteralResolve() {
        SplittableRandom rnd = new SplittableRandom(0x6A4D);
        PackedDspMac[] macs = {
            guard(DspKind.DSP48E1, 4, 4, false, 2), guard(DspKind.DSP48E2, 4, 4, false, 2),
            guard(DspKind.DSP48E2, 8, 8, false, 2), guard(DspKind.DSP48E1, 2, 2, false, 4),
            guard(DspKind.DSP48E1, 4, 3, true, 2),
        };
        long[] out = new long[4];
        long[] lit = new long[4];
        long[] exact = new long[4];
        int past = 0;
        for (int c = 0; c < 400; c++) {
            PackedDspMac mac = macs[c % macs.length];
            int g = mac.maxExactDepth();
            int lanes = mac.lanes();
            // within the capacity, or up to 3x past it (skewed to the extremes so that past really overflows)
            int len = c % 4 == 3 ? g + 1 + rnd.nextInt(2 * g + 1) : 1 + rnd.nextInt(Math.min(g, 3_000));
            boolean extreme = rnd.nextBoolean();
            int[] w = new int[lanes * len];
            int[] a = new int[len];
            for (int i = 0; i < w.length; i++) {
                w[i] = extreme ? (rnd.nextInt(4) == 0 ? mac.weightMin() : mac.weightMax())
                        : rnd.nextInt(mac.weightMin(), mac.weightMax() + 1);
            }
            for (int k = 0; k < len; k++) {
                a[k] = extreme ? mac.actMax() : rnd.nextInt(mac.actMin(), mac.actMax() + 1);
            }
            java.util.Arrays.fill(exact, 0);
            for (int l = 0; l < lanes; l++) {
                for (int k = 0; k < len; k++) {
                    exact[l] += (long) w[l * len + k] * a[k];
                }
            }
            boolean flagged = mac.dot(w, 0, len, a, 0, len, out);
            boolean litFlag = mac.resolveLanes(exact, lit);
            for (int l = 0; l < lanes; l++) {
                assertEquals(lit[l], out[l], () -> "literal resolve vs dot: " + mac);
            }
            assertEquals(litFlag, flagged, mac::toString);
            boolean same = true;
            for (int l = 0; l < lanes; l++) {
                same &= out[l] == exact[l];
            }
            assertEquals(!same, flagged, mac::toString);
            if (len <= g) {
                assertTrue(same, () -> "within the capacity every lane is the plain dot product: " + mac);
            } else if (!same) {
                past++;
            }
        }
        assertTrue(past > 10, "too few chains past the capacity came out wrong: " + past);
    }

    private static void assertExact(PackedDspMac mac, int[] pattern, int act, int len) {
        assertTrue(lanesExact(mac, pattern, act, len), () -> mac + " at " + len + " products, weights "
                + java.util.Arrays.toString(pattern) + ", activation " + act);
        long[] out = new long[mac.lanes()];
        int[] w = fill(pattern, len);
        int[] a = new int[len];
        java.util.Arrays.fill(a, act);
        assertFalse(mac.dot(w, 0, len, a, 0, len, out));
    }

    private static boolean lanesExact(PackedDspMac mac, int[] pattern, int act, int len) {
        long[] out = new long[mac.lanes()];
        int[] w = fill(pattern, len);
        int[] a = new int[len];
        java.util.Arrays.fill(a, act);
        boolean flagged = mac.dot(w, 0, len, a, 0, len, out);
        boolean exact = true;
        for (int l = 0; l < mac.lanes(); l++) {
            exact &= out[l] == (long) pattern[l] * act * len;
        }
        assertNotEquals(exact, flagged, mac::toString);
        return exact;
    }

    private static int[] fill(int[] pattern, int len) {
        int[] w = new int[pattern.length * len];
        for (int l = 0; l < pattern.length; l++) {
            java.util.Arrays.fill(w, l * len, (l + 1) * len, pattern[l]);
        }
        return w;
    }

    private static int weightBits(PackedDspMac mac) {
        return 32 - Integer.numberOfLeadingZeros(mac.weightMax()) + 1;
    }

    private static int actBits(PackedDspMac mac) {
        return mac.actMin() < 0 ? 32 - Integer.numberOfLeadingZeros(mac.actMax()) + 1
                : 32 - Integer.numberOfLeadingZeros(mac.actMax());
    }
}
