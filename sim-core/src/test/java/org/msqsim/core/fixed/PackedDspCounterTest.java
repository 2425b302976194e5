package org.msqsim.core.fixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The carry counters of a packed DSP sized from the accumulator width, as FINN sizes them
 * ({@code mvu_4sx4u.sv} / {@code mvu_8sx8u_dsp48.sv} {@code hi_width}): within
 * {@link PackedDspMac#chainDepth} every lane's running sum fits the accumulator, and every counter —
 * the exact count of carries into its lane, {@code floor(Σ_{j<i} S_j·2^{D_j} / 2^{D_i})} of the
 * lanes' exact prefix sums {@code S_j} — fits {@link PackedDspMac#counterBits}, for every prefix of
 * extreme and random chains. (That the model's per-cycle canaries count exactly these carries is
 * what {@code PackedDspMacTest} checks: its lanes equal the plain dot products.)
 */
class PackedDspCounterTest {

    @Test
    void theIssuesExamples() {
        // DSP48E1 4-lane W4A4u, acc 24: LO = 7 below every upper lane, 1 + clog2(2^16 + 1) = 18 bits,
        // where P's full depth (639,132 products) needed 21
        PackedDspMac e1 = new PackedDspMac(DspKind.DSP48E1, 4, 4, false, 4, true);
        assertEquals(639_132, e1.maxExactDepth());
        assertEquals((int) (((1L << 23) - 1) / 105), e1.chainDepth(24));
        for (int lane = 1; lane < 4; lane++) {
            assertEquals(18, e1.counterBits(lane, 24));
        }
        // DSP48E2 narrow: offsets 0, 8, 16, 23 -> LO 8, 8, 7 -> 17, 17, 18
        PackedDspMac e2 = new PackedDspMac(DspKind.DSP48E2, 4, 4, false, 4, true);
        assertEquals(List.of(17, 17, 18), List.of(e2.counterBits(1, 24), e2.counterBits(2, 24),
                e2.counterBits(3, 24)));
        // 2-lane W8A8u at offset 16, acc 24: FINN 1 + clog2(2^7 + 1) = 9; the depth (259 products) would allow 10
        PackedDspMac two = new PackedDspMac(DspKind.DSP48E1, 8, 8, false, 2, true);
        assertEquals(259, two.chainDepth(24));
        assertEquals(9, two.counterBits(1, 24));
        // a weight-stationary column of 16 rows: 16 carries at most, 5 + 1 bits
        assertEquals(6, e1.counterBits(1, 24, 16));
        // a chain past the accumulator's bound is sized by its carries alone
        assertEquals(21, e1.counterBits(1, 24, e1.maxExactDepth()));
        assertThrows(IllegalArgumentException.class, () -> e1.chainDepth(28));
        assertThrows(IllegalArgumentException.class, () -> e1.counterBits(0, 24));
    }

    @Test
    void chainOfTakesWholeClocksAndNeverPassesTheExactDepth() {
        PackedDspMac e1 = new PackedDspMac(DspKind.DSP48E1, 4, 4, false, 4, true);
        assertEquals(e1.chainDepth(24), e1.chainOf(24, 1));
        assertEquals(e1.chainDepth(24) / 16 * 16, e1.chainOf(24, 16));
        assertEquals(8, e1.chainOf(8, 8), "at least one clock of V products");
        assertEquals(e1.maxExactDepth(), e1.chainOf(40, 1), "an accumulator wider than a lane keeps P's depth");
    }

    @Test
    void countersHoldEveryPrefixOfExtremeAndRandomChains() {
        SplittableRandom rnd = new SplittableRandom(0xC0DE);
        int checked = 0;
        for (PackedDspMac mac : configurations()) {
            int lanes = mac.lanes();
            int[] off = mac.laneOffsets();
            for (int acc = 2; acc <= mac.resultBits(); acc += 3) {
                int depth = mac.chainDepth(acc);
                if (depth == 0) {
                    continue; // not even one product fits: no design has such an accumulator
                }
                long half = 1L << (acc - 1);
                // constant extreme products: every prefix sum is monotone, so its ends bound it
                for (long p : new long[] {mac.productMax(), mac.productMin()}) {
                    long[] s = new long[lanes];
                    java.util.Arrays.fill(s, p * depth);
                    assertFits(mac, acc, off, s, half);
                    java.util.Arrays.fill(s, 0);
                    s[0] = p * depth; // one lane at its extreme, the others at rest
                    assertFits(mac, acc, off, s, half);
                }
                // random in-range operands, every prefix of a chain of up to 2,000 products
                int len = Math.min(depth, 2_000);
                long[] s = new long[lanes];
                for (int step = 0; step < len; step++) {
                    int a = rnd.nextInt(mac.actMin(), mac.actMax() + 1);
                    for (int l = 0; l < lanes; l++) {
                        int w = rnd.nextInt(4) == 0 ? (rnd.nextBoolean() ? mac.weightMax() : mac.weightMin())
                                : rnd.nextInt(mac.weightMin(), mac.weightMax() + 1);
                        s[l] += (long) w * a;
                    }
                    assertFits(mac, acc, off, s, half);
                }
                checked++;
            }
        }
        assertTrue(checked > 200, "too few (layout, accumulator) pairs: " + checked);
    }

    /** Every lane sum fits the accumulator, and every carry count its counter. */
    private static void assertFits(PackedDspMac mac, int acc, int[] off, long[] s, long half) {
        long below = 0;
        for (int i = 0; i < s.length; i++) {
            assertTrue(s[i] >= -half && s[i] < half, mac + " acc " + acc + ": lane " + i + " sum " + s[i]);
            if (i > 0) {
                long hi = Math.floorDiv(below, 1L << off[i]);
                long lim = 1L << (mac.counterBits(i, acc) - 1);
                int lane = i;
                assertTrue(hi >= -lim && hi < lim, () -> mac + " acc " + acc + ": counter " + lane + " = " + hi
                        + " outside " + mac.counterBits(lane, acc) + " bits");
            }
            below += s[i] << off[i];
        }
    }

    private static List<PackedDspMac> configurations() {
        List<PackedDspMac> out = new ArrayList<>();
        for (int lanes : new int[] {2, 4}) {
            int maxBits = lanes == 2 ? 8 : 4;
            for (DspKind kind : DspKind.values()) {
                for (int wb = 2; wb <= maxBits; wb++) {
                    for (boolean signed : new boolean[] {false, true}) {
                        for (int ab = signed ? 2 : 1; ab <= maxBits; ab += 2) {
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
        }
        return out;
    }
}
