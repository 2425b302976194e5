package org.msqsim.core.hw.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.msqsim.core.fixed.Overflow;
import org.msqsim.core.hw.compute.GemmCase.Kind;
import org.msqsim.core.spec.Dataflow;
import org.msqsim.core.spec.Drain;
import org.msqsim.core.spec.MacKind;
import org.msqsim.core.spec.PeArraySpec;
import org.junit.jupiter.api.Test;

/**
 * Buffer ports narrower than the array reads ({@link BufferPorts}, {@link FeedStall}; issue 13 point
 * 10), over random (dataflow × drain × MAC kind × vector lanes × tile shape × port widths) with fixed
 * seeds: the fast model, the literal model (whose stall clocks freeze the array) and the plain GEMM
 * agree on every bit; the literal cycles equal {@code FeedStall.tileCycles}; ports that carry the
 * demand add no cycle; a wider port never adds one.
 */
class FeedStallPropertyTest {

    private static final int W = 4;
    private static final int A = 4;

    @Test
    void randomPortsAgreeBitAndCycleExactAndAreMonotone() {
        SplittableRandom rnd = new SplittableRandom(0xB0F_F1DL);
        int[] lanes = {1, 1, 2, 3, 4};
        int stalled = 0;
        for (int c = 0; c < 450; c++) {
            int v = lanes[rnd.nextInt(lanes.length)];
            boolean ws = c % 3 == 1;
            GemmCase drawn = GemmCase.random(rnd, ws ? Dataflow.WEIGHT_STATIONARY : Dataflow.OUTPUT_STATIONARY,
                    Kind.values()[(c / 3) % Kind.values().length], 1 + rnd.nextInt(6), 1 + rnd.nextInt(6),
                    1 + rnd.nextInt(20), 1 + rnd.nextInt(24 * v), 1 + rnd.nextInt(20), 48, Overflow.WRAP, v,
                    v % 2 == 0 && rnd.nextBoolean());
            GemmCase g = c % 3 == 2 ? drawn.withDrain(Drain.OVERLAPPED) : drawn;
            long wNeed = BufferPorts.weightNeedBits(g.spec(), W);
            long aNeed = BufferPorts.activationNeedBits(g.spec(), A);
            long wHave = 1 + rnd.nextLong(wNeed + wNeed / 2);
            long aHave = 1 + rnd.nextLong(aNeed + aNeed / 2);
            FeedStall feed = feed(wNeed, wHave, aNeed, aHave);
            long cycles = assertAgreeExactly(g, feed);
            long unstalled = ArrayTiming.tileCycles(g.spec(), g.m(), g.k(), g.n());
            if (wHave >= wNeed && aHave >= aNeed) {
                assertEquals(unstalled, cycles, g::toString);
            } else {
                assertTrue(cycles > unstalled, g::toString);
                stalled++;
            }
            // a wider port (either buffer) never adds a cycle, in the closed form and the literal model
            FeedStall wider = feed(wNeed, wHave + 1 + rnd.nextLong(wNeed), aNeed, aHave + rnd.nextLong(aNeed));
            long widerCycles = assertAgreeExactly(g, wider);
            assertTrue(widerCycles <= cycles, () -> g + " " + feed + " -> " + wider);
        }
        assertTrue(stalled > 200, "too few stalled cases: " + stalled);
    }

    /** Edge shapes with every factor pair 1..3, every kind and dataflow. */
    @Test
    void edgeCases() {
        SplittableRandom rnd = new SplittableRandom(17);
        int[][] shapes = { // rows, cols, m, k, n
            {1, 1, 1, 1, 1}, {1, 1, 5, 7, 3}, {3, 2, 7, 1, 5}, {3, 2, 7, 5, 1}, {4, 4, 1, 9, 9}, {8, 1, 24, 8, 1},
        };
        for (Dataflow d : new Dataflow[] {Dataflow.OUTPUT_STATIONARY, Dataflow.WEIGHT_STATIONARY}) {
            for (Kind kind : Kind.values()) {
                for (int[] s : shapes) {
                    GemmCase g = GemmCase.random(rnd, d, kind, s[0], s[1], s[2], s[3], s[4], 48, Overflow.WRAP);
                    for (int fw = 1; fw <= 3; fw++) {
                        for (int fa = 1; fa <= 3; fa++) {
                            assertAgreeExactly(g, new FeedStall(fw, fa));
                            if (d == Dataflow.OUTPUT_STATIONARY) {
                                assertAgreeExactly(g.withDrain(Drain.OVERLAPPED), new FeedStall(fw, fa));
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The dot-product array has no literal model: its closed form charges {@code streaming − 1} clocks per
     * tile clock but the adder tree's fill, which reads nothing; none when the ports suffice; monotone.
     */
    @Test
    void dotProductStallsEveryReadClock() {
        SplittableRandom rnd = new SplittableRandom(23);
        for (int c = 0; c < 300; c++) {
            PeArraySpec spec = new PeArraySpec("dot", c % 2 == 0 ? MacKind.DSP : MacKind.LUT_SP2, Dataflow.DOT_PRODUCT,
                    1 + rnd.nextInt(16), 1 + rnd.nextInt(8), c % 2 == 0 ? 1 << rnd.nextInt(3) : 1, 1, 24);
            int m = 1 + rnd.nextInt(40);
            int k = 1 + rnd.nextInt(60);
            int n = 1 + rnd.nextInt(30);
            int fw = 1 + rnd.nextInt(4);
            int fa = 1 + rnd.nextInt(4);
            long base = ArrayTiming.tileCycles(spec, m, k, n);
            long fill = 1 + ArrayTiming.ceilLog2(spec.rows());
            FeedStall feed = new FeedStall(fw, fa);
            assertEquals(fill + (base - fill) * Math.max(fw, fa), feed.tileCycles(spec, m, k, n));
            assertEquals(base, FeedStall.NONE.tileCycles(spec, m, k, n));
            assertTrue(new FeedStall(Math.max(1, fw - 1), fa).tileCycles(spec, m, k, n) <= feed.tileCycles(spec, m, k, n));
        }
    }

    @Test
    void portFactorIsCeilOfNeedOverHave() {
        assertEquals(1, new BufferPorts.Port("weight", 1024, 1024).factor());
        assertEquals(1, new BufferPorts.Port("weight", 100, 1024).factor());
        assertEquals(2, new BufferPorts.Port("weight", 1025, 1024).factor());
        assertEquals(11, new BufferPorts.Port("weight", 2816, 256).factor());
        assertThrows(IllegalArgumentException.class, () -> new FeedStall(0, 1));
    }

    private static FeedStall feed(long wNeed, long wHave, long aNeed, long aHave) {
        return new FeedStall(new BufferPorts.Port("weight", wNeed, wHave).factor(),
                new BufferPorts.Port("input", aNeed, aHave).factor());
    }

    /** Fast, literal and plain agree bit for bit; literal cycles = closed form = the fast array's busy cycles. */
    private static long assertAgreeExactly(GemmCase g, FeedStall feed) {
        PeArray pe = new PeArray(g.spec(), g.datapath(), feed);
        long[] fast = g.runFast(pe);
        long[] literal = g.acc().clone();
        LiteralSystolicArray.Run run = new LiteralSystolicArray(g.spec(), g.datapath(), feed).run(g.w(), g.wOff(),
                g.wStride(), g.x(), g.xOff(), g.xStride(), g.m(), g.k(), g.n(), literal, g.accOff(), g.accStride());
        long[] plain = g.plainGemm();
        assertArrayEquals(plain, fast, () -> "fast vs plain GEMM: " + g + " " + feed);
        assertArrayEquals(plain, literal, () -> "literal vs plain GEMM: " + g + " " + feed);
        long cycles = feed.tileCycles(g.spec(), g.m(), g.k(), g.n());
        assertEquals(cycles, run.cycles(), () -> "literal cycles vs FeedStall: " + g + " " + feed);
        assertEquals(cycles, pe.busyCycles(), g::toString);
        assertEquals((long) g.m() * g.k() * g.n(), run.macs(), g::toString);
        return cycles;
    }
}
