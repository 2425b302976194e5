package org.msqsim.core.hw.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.msqsim.core.fixed.DspKind;
import org.msqsim.core.fixed.LaneSeparation;
import org.msqsim.core.fixed.Overflow;
import org.msqsim.core.fixed.PackedDspMac;
import org.msqsim.core.spec.Dataflow;
import org.msqsim.core.spec.MacKind;
import org.msqsim.core.spec.PeArraySpec;

/**
 * Arrays of guard-bit packed slices (issue 13 point 9): 2-lane W4A4 on DSP48E1 with a 21-bit
 * accumulator, whose chain bound ((2^20 − 1)/105 = 9,986 products) is exactly the guard capacity, so
 * the slice is built without canaries. At the operands' extremes (every weight at its most positive,
 * most negative, or the two lanes opposite; every activation at its largest), over the longest chain
 * and one product more (a second chain) and a long reduction, the fast model, the literal model and
 * the independent reference of the hardware's add order agree bit for bit and on overflow events, in
 * both systolic dataflows and both overflow modes; within one chain they equal the plain GEMM.
 */
class PackedGuardBitsArrayTest {

    private static final int CAPACITY = 9_986;

    @Test
    void theSliceIsBuiltWithGuardBits() {
        assertEquals(LaneSeparation.GUARD_BITS,
                PackedDspMac.forChain(DspKind.DSP48E1, 4, 4, false, 2, true, 21, CAPACITY).separation());
        assertEquals(CAPACITY, new PackedDspMac(DspKind.DSP48E1, 4, 4, false, 2, true).chainOf(21, 1));
    }

    @Test
    void extremesAgreeInBothModelsAndWithTheReference() {
        int cases = 0;
        for (Dataflow df : new Dataflow[] {Dataflow.OUTPUT_STATIONARY, Dataflow.WEIGHT_STATIONARY}) {
            for (Overflow mode : new Overflow[] {Overflow.WRAP, Overflow.SATURATE}) {
                for (int k : new int[] {CAPACITY, CAPACITY + 1, 2 * CAPACITY + 7}) {
                    for (int pattern = 0; pattern < 3; pattern++) {
                        GemmCase g = extreme(df, mode, k, pattern);
                        PeArray pe = new PeArray(g.spec(), g.datapath());
                        long[] fast = g.runFast(pe);
                        long[] literal = g.acc().clone();
                        LiteralSystolicArray.Run run = g.runLiteral(literal);
                        assertArrayEquals(fast, literal, g::toString);
                        assertEquals(pe.overflowEvents(), run.overflowEvents(), g::toString);
                        long[] expected = mode == Overflow.SATURATE ? HardwareOrder.saturating(g)
                                : HardwareOrder.wrapped(g);
                        assertArrayEquals(expected, fast, g::toString);
                        if (k <= CAPACITY) {
                            assertArrayEquals(g.plainGemm(), fast, g::toString);
                            assertEquals(0, pe.overflowEvents(), g::toString);
                        }
                        cases++;
                    }
                }
            }
        }
        assertEquals(36, cases);
    }

    /** rows 2 × cols 2 of 2-lane slices, m = 4 filters, n = 3 pixels, acc 21, zero initial sums. */
    private static GemmCase extreme(Dataflow df, Overflow mode, int k, int pattern) {
        PeArraySpec spec = new PeArraySpec("core", MacKind.DSP, df, 2, 2, 2, 200_000_000L, 21, 1, false, false);
        PeDatapath dp = new PeDatapath(4, 4, false, DspKind.DSP48E1, true, mode, 0);
        int m = 4;
        int n = 3;
        int[] w = new int[m * k];
        for (int i = 0; i < m; i++) {
            int v = switch (pattern) {
                case 0 -> 7;
                case 1 -> -7;
                default -> i % 2 == 0 ? 7 : -7;
            };
            Arrays.fill(w, i * k, (i + 1) * k, v);
        }
        int[] x = new int[k * n];
        Arrays.fill(x, 15);
        long[] acc = new long[m * n];
        return new GemmCase(spec, dp, m, k, n, w, 0, k, x, 0, n, acc, 0, n);
    }
}
