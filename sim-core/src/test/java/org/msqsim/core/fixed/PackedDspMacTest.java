package org.msqsim.core.fixed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PackedDspMacTest {

    private static final int STRIDE = 64;

    /** Every accepted (kind, widths, signedness, narrowness) for a lane count. */
    private static List<PackedDspMac> configurations(int lanes) {
        List<PackedDspMac> out = new ArrayList<>();
        int maxBits = lanes == 2 ? 8 : 4;
        for (DspKind kind : DspKind.values()) {
            for (int wb = 2; wb <= maxBits; wb++) {
                for (boolean signed : new boolean[] {false, true}) {
                    for (int ab = signed ? 2 : 1; ab <= maxBits; ab++) {
                        for (boolean narrow : new boolean[] {false, true}) {
                            if (lanes == 4 && kind == DspKind.DSP48E1 && !narrow) {
                                continue;
                            }
                            out.add(new PackedDspMac(kind, wb, ab, signed, lanes, narrow));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static long plainDot(int[] w, int wOff, int[] a, int len) {
        long s = 0;
        for (int i = 0; i < len; i++) {
            s += (long) w[wOff + i] * a[i];
        }
        return s;
    }

    /** Runs the packed MAC and asserts every lane equals the plain dot product, without overflow. */
    private static void assertExact(PackedDspMac mac, int[] w, int stride, int[] a, int len) {
        long[] out = new long[mac.lanes()];
        boolean overflow = mac.dot(w, 0, stride, a, 0, len, out);
        for (int l = 0; l < mac.lanes(); l++) {
            int lane = l;
            assertEquals(plainDot(w, l * stride, a, len), out[l], () -> mac + " lane " + lane + " len " + len);
        }
        assertFalse(overflow, () -> mac + " flagged overflow at len " + len);
    }

    private static void randomVectors(int lanes, long seed) {
        List<PackedDspMac> macs = configurations(lanes);
        int perConfig = 110_000 / macs.size() + 1;
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] w = new int[lanes * STRIDE];
        int[] a = new int[STRIDE];
        int vectors = 0;
        for (PackedDspMac mac : macs) {
            assertTrue(mac.maxExactDepth() >= STRIDE, mac::toString);
            for (int v = 0; v < perConfig; v++, vectors++) {
                int len = rnd.nextInt(1, STRIDE + 1);
                for (int k = 0; k < len; k++) {
                    a[k] = rnd.nextInt(mac.actMin(), mac.actMax() + 1);
                    for (int l = 0; l < lanes; l++) {
                        w[l * STRIDE + k] = rnd.nextInt(mac.weightMin(), mac.weightMax() + 1);
                    }
                }
                assertExact(mac, w, STRIDE, a, len);
            }
        }
        assertTrue(vectors >= 100_000, "vectors: " + vectors);
    }

    @Test
    void twoLaneRandomVectorsAreBitExact() {
        randomVectors(2, 0x2_1A9E5L);
    }

    @Test
    void fourLaneRandomVectorsAreBitExact() {
        randomVectors(4, 0x4_1A9E5L);
    }

    @Test
    void edgeVectorsAreBitExact() {
        for (int lanes : new int[] {2, 4}) {
            for (PackedDspMac mac : configurations(lanes)) {
                int lo = mac.weightMin();
                int hi = mac.weightMax();
                int[][] laneWeights = {
                    fill(lanes, lo), fill(lanes, hi), fill(lanes, 0), fill(lanes, -1),
                    alternate(lanes, lo, hi), alternate(lanes, hi, lo), lowest(lanes, lo, 0), lowest(lanes, lo, hi),
                };
                int[] acts = {mac.actMax(), mac.actMin(), 0, 1, -1 < mac.actMin() ? 1 : -1};
                for (int[] lw : laneWeights) {
                    for (int av : acts) {
                        for (int len : new int[] {1, 2, 7, STRIDE}) {
                            int[] w = new int[lanes * STRIDE];
                            for (int l = 0; l < lanes; l++) {
                                Arrays.fill(w, l * STRIDE, l * STRIDE + len, lw[l]);
                            }
                            int[] a = new int[STRIDE];
                            Arrays.fill(a, av);
                            assertExact(mac, w, STRIDE, a, len);
                        }
                    }
                }
            }
        }
    }

    private static int[] fill(int lanes, int v) {
        int[] r = new int[lanes];
        Arrays.fill(r, v);
        return r;
    }

    private static int[] alternate(int lanes, int even, int odd) {
        int[] r = new int[lanes];
        for (int l = 0; l < lanes; l++) {
            r[l] = l % 2 == 0 ? even : odd;
        }
        return r;
    }

    private static int[] lowest(int lanes, int lane0, int others) {
        int[] r = fill(lanes, others);
        r[0] = lane0;
        return r;
    }

    /**
     * At maxExactDepth the worst-case operands on every lane still give exact sums; one cycle more
     * gives the wrapped (wrong) bits on every lane and the overflow flag. Products are found by brute
     * force over the operand ranges, independently of the class.
     */
    @Test
    void exactRegionEndsAtMaxExactDepth() {
        int checked = 0;
        for (int lanes : new int[] {2, 4}) {
            for (PackedDspMac mac : configurations(lanes)) {
                int depth = mac.maxExactDepth();
                if (depth > (1 << 21)) {
                    continue; // small operands: exact far beyond any layer; not worth a multi-million-cycle test
                }
                int[] minOp = extremeOperands(mac, true);
                int[] maxOp = extremeOperands(mac, false);
                long pMin = (long) minOp[0] * minOp[1];
                long pMax = (long) maxOp[0] * maxOp[1];
                assertEquals(pMin, mac.productMin());
                assertEquals(pMax, mac.productMax());
                long half = 1L << (mac.resultBits() - 1);
                boolean negativeBinds = half / -pMin <= (half - 1) / pMax;
                int[] bind = negativeBinds ? minOp : maxOp;
                int[] other = negativeBinds ? maxOp : minOp;
                checkDepth(mac, other, depth, false);
                checkDepth(mac, bind, depth, false);
                checkDepth(mac, bind, depth + 1, true);
                checked++;
            }
        }
        assertTrue(checked >= 71, "boundary configurations checked: " + checked);
    }

    private static int[] extremeOperands(PackedDspMac mac, boolean min) {
        int[] best = null;
        for (int w = mac.weightMin(); w <= mac.weightMax(); w++) {
            for (int a = mac.actMin(); a <= mac.actMax(); a++) {
                long p = (long) w * a;
                if (best == null || (min ? p < (long) best[0] * best[1] : p > (long) best[0] * best[1])) {
                    best = new int[] {w, a};
                }
            }
        }
        return best;
    }

    private static void checkDepth(PackedDspMac mac, int[] op, int len, boolean breaks) {
        int lanes = mac.lanes();
        int[] w = new int[lanes * len];
        Arrays.fill(w, op[0]);
        int[] a = new int[len];
        Arrays.fill(a, op[1]);
        long[] out = new long[lanes];
        boolean overflow = mac.dot(w, 0, len, a, 0, len, out);
        long exact = (long) op[0] * op[1] * len;
        long wrapped = DspKind.wrapSigned(exact, mac.resultBits());
        assertEquals(breaks, overflow, () -> mac + " depth " + len);
        for (int l = 0; l < lanes; l++) {
            assertEquals(wrapped, out[l], mac + " lane " + l + " depth " + len);
        }
        if (breaks) {
            assertNotEquals(exact, out[lanes - 1], () -> mac + " top lane should be wrong at depth " + len);
        }
    }

    @Test
    void layoutsAndDepthsFollowFinn() {
        PackedDspMac e1x2 = new PackedDspMac(DspKind.DSP48E1, 8, 8, false, 2);
        PackedDspMac e2x2 = new PackedDspMac(DspKind.DSP48E2, 8, 8, false, 2);
        PackedDspMac e1x4 = new PackedDspMac(DspKind.DSP48E1, 4, 4, false, 4, true);
        PackedDspMac e2x4n = new PackedDspMac(DspKind.DSP48E2, 4, 4, false, 4, true);
        PackedDspMac e2x4 = new PackedDspMac(DspKind.DSP48E2, 4, 4, false, 4);
        assertArrayEquals(new int[] {0, 16}, e1x2.laneOffsets());
        assertArrayEquals(new int[] {0, 16}, e2x2.laneOffsets());
        assertArrayEquals(new int[] {0, 7, 14, 21}, e1x4.laneOffsets());
        assertArrayEquals(new int[] {0, 8, 16, 23}, e2x4n.laneOffsets());
        assertArrayEquals(new int[] {0, 8, 15, 22}, e2x4.laneOffsets());
        // 2^31 / 32640 (−128·255); 2^26 / 105; 2^24 / 105 (positive side: (2^24 − 1) / 105 exactly); 2^25 / 120.
        assertEquals(65_793, e1x2.maxExactDepth());
        assertEquals(65_793, e2x2.maxExactDepth());
        assertEquals(639_132, e1x4.maxExactDepth());
        assertEquals(159_783, e2x4n.maxExactDepth());
        assertEquals(279_620, e2x4.maxExactDepth());
        assertEquals(32, e1x2.resultBits());
        assertEquals(26, e2x4.resultBits());
    }

    /** packWeights equals the pre-adder output FINN forms: D carries the low W−1 bits, A the sign. */
    @Test
    void packedWordIsFinnsPreAdderOutput() {
        SplittableRandom rnd = new SplittableRandom(486);
        for (int lanes : new int[] {2, 4}) {
            for (PackedDspMac mac : configurations(lanes)) {
                int laneBits = lanes == 4 ? 4 : Integer.bitCount(mac.weightMax()) + 1;
                int aBits = mac.kind().aBits();
                for (int v = 0; v < 50; v++) {
                    int[] lw = new int[lanes];
                    long dd = 0;
                    long aa = 0;
                    for (int l = 0; l < lanes; l++) {
                        lw[l] = rnd.nextInt(mac.weightMin(), mac.weightMax() + 1);
                        int ofs = mac.laneOffsets()[l];
                        dd |= (long) (lw[l] & ((1 << (laneBits - 1)) - 1)) << ofs;
                        long sign = (lw[l] >>> 31) << (ofs + laneBits - 1);
                        if (ofs + laneBits - 1 == aBits - 1) {
                            dd |= sign; // FINN puts a sign landing on the multiplier's sign bit onto D
                        } else {
                            aa |= sign;
                        }
                    }
                    assertEquals(DspKind.wrapSigned(dd - aa, aBits), mac.packWeights(lw), mac::toString);
                }
            }
        }
    }

    @Test
    void invalidConfigurationsAndWeightsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PackedDspMac(DspKind.DSP48E1, 4, 4, false, 4));
        assertTrue(e.getMessage().contains("narrow"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PackedDspMac(DspKind.DSP48E2, 4, 4, false, 3));
        assertThrows(IllegalArgumentException.class, () -> new PackedDspMac(DspKind.DSP48E2, 9, 8, false, 2));
        assertThrows(IllegalArgumentException.class, () -> new PackedDspMac(DspKind.DSP48E2, 4, 5, false, 4));
        assertThrows(IllegalArgumentException.class, () -> new PackedDspMac(DspKind.DSP48E2, 4, 1, true, 4));
        PackedDspMac e1 = new PackedDspMac(DspKind.DSP48E1, 4, 4, false, 4, true);
        e = assertThrows(IllegalArgumentException.class, () -> e1.packWeights(0, 0, 0, -8));
        assertTrue(e.getMessage().contains("lane 3") && e.getMessage().contains("[-7, 7]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> e1.packWeights(1, 2, 3));
        assertThrows(IllegalArgumentException.class,
                () -> e1.dot(new int[4], 0, 1, new int[1], 0, 1, new long[3]));
    }

    /** A −8 under a narrow-weight DSP48E1 commitment overflows the 25-bit pre-adder: wrong bits, as on silicon. */
    @Test
    void brokenNarrowCommitmentGivesWrongBits() {
        PackedDspMac e1 = new PackedDspMac(DspKind.DSP48E1, 4, 4, false, 4, true);
        int[] w = {-1, -1, -1, -8};
        long[] out = new long[4];
        e1.dot(w, 0, 1, new int[] {1}, 0, 1, out);
        assertFalse(Arrays.equals(new long[] {-1, -1, -1, -8}, out), Arrays.toString(out));
    }

    /** Long random accumulations right up to the exact depth, where lower-lane canaries carry thousands of times. */
    @Test
    void randomAccumulationAtFullDepthIsExact() {
        SplittableRandom rnd = new SplittableRandom(521);
        PackedDspMac[] macs = {
            new PackedDspMac(DspKind.DSP48E1, 8, 8, false, 2),
            new PackedDspMac(DspKind.DSP48E2, 8, 8, true, 2),
            new PackedDspMac(DspKind.DSP48E1, 4, 4, true, 4, true),
            new PackedDspMac(DspKind.DSP48E2, 4, 4, false, 4),
        };
        for (PackedDspMac mac : macs) {
            int len = mac.maxExactDepth();
            int[] w = new int[mac.lanes() * len];
            int[] a = new int[len];
            for (int k = 0; k < len; k++) {
                a[k] = rnd.nextInt(mac.actMin(), mac.actMax() + 1);
            }
            for (int i = 0; i < w.length; i++) {
                // Skewed negative so the lower lanes borrow far more often than they carry.
                w[i] = rnd.nextInt(4) == 0 ? mac.weightMax() : mac.weightMin();
            }
            assertExact(mac, w, len, a, len);
        }
    }
}
