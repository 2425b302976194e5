package org.msqsim.core.hw.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.msqsim.core.fixed.Overflow;
import org.msqsim.core.hw.compute.GemmCase.Kind;
import org.msqsim.core.spec.Dataflow;
import org.msqsim.core.spec.Drain;
import org.msqsim.core.spec.MacKind;
import org.msqsim.core.spec.PeArraySpec;

/**
 * Column sets (issue 13 point 5b; {@link PeArraySpec#setsFor}): the fast {@link PeArray}, the literal
 * {@link LiteralSystolicArray} — each set fed its own pixels at its first column — and a plain integer
 * GEMM agree on every output bit, and the literal cycle count equals {@link ArrayTiming#tileCycles},
 * over seeded random (shape × dataflow × MAC kind × N) and the edge cases: G = C, G = C/2, G = 1,
 * N not dividing C, ragged last folds, packed DSP lanes, LUT SP2 PEs, vector PEs.
 */
class ColumnSetsTest {

    private static final Dataflow[] SYSTOLIC = {Dataflow.OUTPUT_STATIONARY, Dataflow.WEIGHT_STATIONARY};

    @Test
    void setsForPicksTheLargestPowerOfTwoWhoseSetsHoldTheGroups() {
        PeArraySpec a = new PeArraySpec("c", MacKind.DSP, Dataflow.OUTPUT_STATIONARY, 16, 45, 4, 1, 32)
                .withColumnSets(4); // slices of 11 columns: sets of 11 (s = 4), 22 (s = 2), or the whole 45
        assertEquals(4, a.setsFor(1));
        assertEquals(4, a.setsFor(11));
        assertEquals(2, a.setsFor(12));
        assertEquals(2, a.setsFor(16)); // ResNet-18's 64 filters on a 4-lane core
        assertEquals(2, a.setsFor(22));
        assertEquals(1, a.setsFor(23));
        assertEquals(1, a.setsFor(45));
        assertEquals(1, a.setsFor(900));
        assertEquals(1, a.withColumnSets(1).setsFor(1));
        // the ResNet-18 64-filter tile: 2 sets of 16 rows, 3,136 pixels in 98 folds of 32 instead of 196 of 16
        long none = ArrayTiming.tileCycles(a.withColumnSets(1), 64, 576, 3136);
        long two = ArrayTiming.tileCycles(a, 64, 576, 3136);
        assertEquals(196L * (576 + 32 + 16 - 2), none);
        assertEquals(98L * (576 + 32 + 16 - 2), two);
    }

    @Test
    void closedFormsEqualTheFoldByFoldSums() {
        SplittableRandom rnd = new SplittableRandom(0xC015);
        for (int i = 0; i < 20_000; i++) {
            int rows = 1 + rnd.nextInt(i % 2 == 0 ? 8 : 64);
            int cols = 2 + rnd.nextInt(i % 3 == 0 ? 8 : 90);
            int n = Integer.highestOneBit(cols);
            int sets = 1 << rnd.nextInt(Integer.numberOfTrailingZeros(n) + 1);
            int groups = 1 + rnd.nextInt(i % 5 == 0 ? 4 : cols);
            int k = 1 + rnd.nextInt(i % 7 == 0 ? 4 : 3000);
            int px = 1 + rnd.nextInt(i % 11 == 0 ? 9 : 13_000);
            Dataflow d = SYSTOLIC[i % 2];
            PeArraySpec a = new PeArraySpec("c", MacKind.DSP, d, rows, cols, 1, 1, 32).withColumnSets(sets);
            int s = a.setsFor(groups);
            assertEquals(ArrayTiming.withSetsByFolds(d, rows, cols, s, groups, k, px),
                    ArrayTiming.tileCycles(a, groups, k, px), () -> a + " g" + groups + " k" + k + " n" + px);
            assertTrue(ArrayTiming.tileCycles(a, groups, k, px)
                    <= ArrayTiming.tileCycles(a.withColumnSets(1), groups, k, px), a::toString);
        }
    }

    @Test
    void randomTilesAgreeBitAndCycleExact() {
        SplittableRandom rnd = new SplittableRandom(0x5E75);
        int split = 0;
        for (int c = 0; c < 500; c++) {
            Kind kind = Kind.values()[(c / 2) % Kind.values().length];
            int cols = 2 + rnd.nextInt(11);
            int sets = 1 << (1 + rnd.nextInt(Integer.numberOfTrailingZeros(Integer.highestOneBit(cols))));
            int v = c % 5 == 4 ? 1 + rnd.nextInt(4) : 1;
            GemmCase g = GemmCase.random(rnd, SYSTOLIC[c % 2], kind, 1 + rnd.nextInt(6), cols,
                    1 + rnd.nextInt(2 * cols), 1 + rnd.nextInt(20), 1 + rnd.nextInt(40), 48, Overflow.WRAP, v,
                    false).withColumnSets(sets);
            split += g.spec().setsFor((g.m() + g.spec().packing() - 1) / g.spec().packing()) > 1 ? 1 : 0;
            assertAgreeExactly(g);
        }
        assertTrue(split > 150, "too few tiles on several sets: " + split);
    }

    /** G = C, G = C/2, G = 1, N not dividing C, a ragged last fold, for every kind and dataflow. */
    @Test
    void edgeCases() {
        SplittableRandom rnd = new SplittableRandom(5);
        int[][] shapes = { // rows, cols, sets, groups, k, n
            {4, 8, 8, 8, 5, 9}, {4, 8, 8, 4, 5, 9}, {4, 8, 8, 1, 5, 33}, {4, 8, 2, 4, 3, 17}, {3, 7, 4, 1, 6, 13},
            {3, 7, 4, 2, 6, 13}, {3, 7, 4, 3, 6, 13}, {3, 7, 4, 4, 6, 13}, {2, 5, 4, 1, 1, 1}, {1, 2, 2, 1, 4, 3},
            {5, 9, 8, 1, 7, 41}, {4, 6, 4, 1, 2, 15}, {2, 45 / 5, 8, 2, 9, 11},
        };
        for (Dataflow d : SYSTOLIC) {
            for (Kind kind : Kind.values()) {
                for (int[] s : shapes) {
                    GemmCase base = GemmCase.random(rnd, d, kind, s[0], s[1], 1, s[4], s[5], 48, Overflow.WRAP);
                    int m = s[3] * base.spec().packing() - (s[3] > 1 && base.spec().packing() > 1 ? 1 : 0);
                    GemmCase g = GemmCase.random(rnd, d, kind, s[0], s[1], m, s[4], s[5], 48, Overflow.WRAP)
                            .withColumnSets(s[2]);
                    assertAgreeExactly(g);
                }
            }
        }
    }

    /** Narrow accumulators: the sets change no add order, so both models clamp or wrap alike. */
    @Test
    void narrowAccumulatorsOverflowIdentically() {
        SplittableRandom rnd = new SplittableRandom(0x0F5E7);
        long events = 0;
        for (int c = 0; c < 150; c++) {
            Overflow mode = c % 4 < 2 ? Overflow.SATURATE : Overflow.WRAP;
            GemmCase g = GemmCase.random(rnd, SYSTOLIC[c % 2], Kind.values()[(c / 4) % Kind.values().length],
                    1 + rnd.nextInt(4), 4 + rnd.nextInt(5), 1 + rnd.nextInt(6), 8 + rnd.nextInt(17),
                    1 + rnd.nextInt(20), 8 + rnd.nextInt(3), mode).withColumnSets(4);
            PeArray pe = new PeArray(g.spec(), g.datapath());
            long[] fast = g.runFast(pe);
            long[] literal = g.acc().clone();
            LiteralSystolicArray.Run run = g.runLiteral(literal);
            assertArrayEquals(fast, literal, g::toString);
            assertEquals(pe.overflowEvents(), run.overflowEvents(), g::toString);
            assertArrayEquals(mode == Overflow.SATURATE ? HardwareOrder.saturating(g) : HardwareOrder.wrapped(g), fast,
                    g::toString);
            events += pe.overflowEvents();
        }
        assertTrue(events > 50, "too few overflows to test anything: " + events);
    }

    /** Overlapped drain on sets: the O(1) form equals the controller's fold-by-fold schedule. */
    @Test
    void overlappedClosedFormEqualsTheFoldByFoldSchedule() {
        SplittableRandom rnd = new SplittableRandom(0x0C5E7);
        for (int i = 0; i < 20_000; i++) {
            int rows = 1 + rnd.nextInt(i % 2 == 0 ? 8 : 64);
            int cols = 2 + rnd.nextInt(i % 3 == 0 ? 8 : 90);
            int sets = 1 << rnd.nextInt(Integer.numberOfTrailingZeros(Integer.highestOneBit(cols)) + 1);
            int groups = 1 + rnd.nextInt(i % 5 == 0 ? 4 : cols);
            int k = 1 + rnd.nextInt(i % 7 == 0 ? 4 : i % 2 == 0 ? 3 * rows : 3000);
            int px = 1 + rnd.nextInt(i % 11 == 0 ? 9 : i % 2 == 0 ? 40 * rows : 13_000);
            PeArraySpec a = new PeArraySpec("c", MacKind.DSP, Dataflow.OUTPUT_STATIONARY, rows, cols, 1, 1, 32)
                    .withDrain(Drain.OVERLAPPED).withColumnSets(sets);
            int s = a.setsFor(groups);
            assertEquals(ArrayTiming.outputStationaryOverlappedWithSetsByFolds(rows, cols, s, groups, k, px),
                    ArrayTiming.tileCycles(a, groups, k, px), () -> a + " g" + groups + " k" + k + " n" + px);
            assertTrue(ArrayTiming.tileCycles(a, groups, k, px)
                    <= ArrayTiming.tileCycles(a.withColumnSets(1), groups, k, px), a::toString);
            assertTrue(ArrayTiming.tileCycles(a, groups, k, px)
                    <= ArrayTiming.tileCycles(a.withDrain(Drain.IN_PLACE), groups, k, px), a::toString);
        }
    }

    /**
     * Overlapped drain on sets: fast = literal = plain GEMM on every bit and cycle over every kind, vector
     * PEs and packings, ragged last folds (sets of unequal rows), k below and above R; and the shared
     * schedule is tight: starting each fold one cycle earlier breaks a check in some set whenever the
     * drain sets a gap.
     */
    @Test
    void overlappedDrainOnSetsAgreesBitAndCycleExactAndIsTight() {
        SplittableRandom rnd = new SplittableRandom(0x0D5E7);
        int split = 0;
        int tight = 0;
        for (int c = 0; c < 400; c++) {
            Kind kind = Kind.values()[c % Kind.values().length];
            int cols = 2 + rnd.nextInt(11);
            int sets = 1 << (1 + rnd.nextInt(Integer.numberOfTrailingZeros(Integer.highestOneBit(cols))));
            int v = c % 5 == 4 ? 1 + rnd.nextInt(4) : 1;
            int rows = 1 + rnd.nextInt(6);
            GemmCase g = GemmCase.random(rnd, Dataflow.OUTPUT_STATIONARY, kind, rows, cols,
                    1 + rnd.nextInt(2 * cols), 1 + rnd.nextInt(c % 2 == 0 ? 3 * v : 20 * v), 1 + rnd.nextInt(60),
                    48, Overflow.WRAP, v, false).withColumnSets(sets).withDrain(Drain.OVERLAPPED);
            int s = g.spec().setsFor((g.m() + g.spec().packing() - 1) / g.spec().packing());
            split += s > 1 ? 1 : 0;
            assertAgreeExactly(g);
            int steps = (g.k() + v - 1) / v;
            if (s > 1 && g.n() > s * rows && steps < rows) {
                assertThrows(IllegalStateException.class, () -> g.runLiteral(g.acc().clone(), 1), g::toString);
                tight++;
            }
            FeedStall feed = new FeedStall(1 + rnd.nextInt(3), 1 + rnd.nextInt(2));
            PeArray pe = new PeArray(g.spec(), g.datapath(), feed);
            long[] fast = g.runFast(pe);
            long[] literal = g.acc().clone();
            LiteralSystolicArray.Run run = new LiteralSystolicArray(g.spec(), g.datapath(), feed).run(g.w(), g.wOff(),
                    g.wStride(), g.x(), g.xOff(), g.xStride(), g.m(), g.k(), g.n(), literal, g.accOff(), g.accStride());
            assertArrayEquals(fast, literal, g::toString);
            assertEquals(pe.busyCycles(), run.cycles(), () -> "stalled cycles: " + g + " " + feed);
        }
        assertTrue(split > 120, "too few tiles on several sets: " + split);
        assertTrue(tight > 30, "too few cases where the drain sets a gap: " + tight);
    }

    /** The overlapped drain on sets over the edge shapes (G = C, C/2, 1, N not dividing C, ragged folds). */
    @Test
    void overlappedDrainOnSetsEdgeCases() {
        SplittableRandom rnd = new SplittableRandom(7);
        int[][] shapes = { // rows, cols, sets, groups, k, n
            {4, 8, 8, 8, 5, 9}, {4, 8, 8, 4, 5, 9}, {4, 8, 8, 1, 5, 33}, {4, 8, 2, 4, 3, 17}, {3, 7, 4, 1, 6, 13},
            {3, 7, 4, 2, 1, 13}, {3, 7, 4, 3, 2, 25}, {2, 5, 4, 1, 1, 1}, {1, 2, 2, 1, 4, 3}, {5, 9, 8, 1, 7, 41},
            {4, 6, 4, 1, 2, 15}, {6, 4, 4, 1, 1, 50}, {6, 4, 2, 2, 9, 13},
        };
        for (Kind kind : Kind.values()) {
            for (int[] s : shapes) {
                GemmCase base = GemmCase.random(rnd, Dataflow.OUTPUT_STATIONARY, kind, s[0], s[1], 1, s[4], s[5], 48,
                        Overflow.WRAP);
                int m = s[3] * base.spec().packing() - (s[3] > 1 && base.spec().packing() > 1 ? 1 : 0);
                GemmCase g = GemmCase.random(rnd, Dataflow.OUTPUT_STATIONARY, kind, s[0], s[1], m, s[4], s[5], 48,
                        Overflow.WRAP).withColumnSets(s[2]).withDrain(Drain.OVERLAPPED);
                assertAgreeExactly(g);
            }
        }
    }

    @Test
    void invalidColumnSetsAreRejected() {
        PeArraySpec os = new PeArraySpec("c", MacKind.LUT_SP2, Dataflow.OUTPUT_STATIONARY, 4, 6, 1, 1, 32);
        assertThrows(IllegalArgumentException.class, () -> os.withColumnSets(3));
        assertThrows(IllegalArgumentException.class, () -> os.withColumnSets(8));
        assertThrows(IllegalArgumentException.class, () -> os.withColumnSets(0));
        assertEquals(2, os.withDrain(Drain.OVERLAPPED).withColumnSets(2).columnSets()); // overlappedDrain… below
        assertEquals(2, os.withDataflow(Dataflow.DOT_PRODUCT).withColumnSets(2).columnSets()); // DotProductColumnSetsTest
        assertEquals(2, os.withColumnSets(4).withShape(4, 3).columnSets());
    }

    private static void assertAgreeExactly(GemmCase g) {
        PeArray pe = new PeArray(g.spec(), g.datapath());
        long[] fast = g.runFast(pe);
        long[] literal = g.acc().clone();
        LiteralSystolicArray.Run run = g.runLiteral(literal);
        long[] plain = g.plainGemm();
        assertArrayEquals(plain, fast, () -> "fast vs plain GEMM: " + g);
        assertArrayEquals(plain, literal, () -> "literal vs plain GEMM: " + g);
        long mkn = (long) g.m() * g.k() * g.n();
        long cycles = ArrayTiming.tileCycles(g.spec(), g.m(), g.k(), g.n());
        assertEquals(cycles, run.cycles(), () -> "literal cycles vs ArrayTiming: " + g);
        assertEquals(cycles, pe.busyCycles(), g::toString);
        assertEquals(mkn, run.macs(), g::toString);
        long peak = g.spec().peakMacsPerCycle();
        assertTrue(cycles >= (mkn + peak - 1) / peak, () -> "below the analytic bound: " + g);
    }
}
