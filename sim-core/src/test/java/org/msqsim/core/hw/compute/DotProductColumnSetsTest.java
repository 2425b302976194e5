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
import org.msqsim.core.spec.MacKind;
import org.msqsim.core.spec.PeArraySpec;

/**
 * Column sets on a dot-product array (issue 13 point 5; {@link ArrayTiming#dotProductIssues},
 * {@link LiteralDotProductArray}): the fast {@link PeArray}, the literal clock-stepped array — each set
 * fed its own pixel's vector through its slice's stream mux, its banks holding the fold's groups — and a
 * plain integer GEMM agree on every output bit, and the literal cycle count equals
 * {@link ArrayTiming#tileCycles}, over seeded random tiles of every PE kind and packing and the edges
 * G = C, C/2, 1, N not dividing C, a ragged last group fold, narrow accumulators.
 */
class DotProductColumnSetsTest {

    @Test
    void theRaggedLastGroupFoldSplitsOverTheSets() {
        // ZC706's dot-product SP2 core, 64 x 62: ResNet-18's 64-filter layers fold 62 + 2 groups
        PeArraySpec a = new PeArraySpec("c", MacKind.LUT_SP2, Dataflow.DOT_PRODUCT, 64, 62, 1, 1, 24);
        long none = ArrayTiming.tileCycles(a, 64, 576, 3136);
        long four = ArrayTiming.tileCycles(a.withColumnSets(4), 64, 576, 3136);
        assertEquals(2L * 3136 * 9 + 1 + 6, none);
        assertEquals((3136L + 784) * 9 + 1 + 6, four); // 2 groups fit a 15-column set: 4 pixels a round
        assertEquals(784L * 9 + 7, ArrayTiming.tileCycles(a.withColumnSets(4), 15, 576, 3136));
        assertEquals(1568L * 9 + 7, ArrayTiming.tileCycles(a.withColumnSets(4), 16, 576, 3136)); // 2 sets of 30
        assertEquals(3136L * 9 + 7, ArrayTiming.tileCycles(a.withColumnSets(4), 31, 576, 3136)); // > 30: one set
    }

    @Test
    void closedFormEqualsTheFoldByFoldSum() {
        SplittableRandom rnd = new SplittableRandom(0xD05E7);
        for (int i = 0; i < 20_000; i++) {
            int rows = 1 + rnd.nextInt(i % 2 == 0 ? 8 : 64);
            int cols = 1 + rnd.nextInt(i % 3 == 0 ? 8 : 90);
            int sets = 1 << rnd.nextInt(Integer.numberOfTrailingZeros(Integer.highestOneBit(cols)) + 1);
            int groups = 1 + rnd.nextInt(i % 5 == 0 ? 4 : 3 * cols);
            int k = 1 + rnd.nextInt(i % 7 == 0 ? 4 : 3000);
            int px = 1 + rnd.nextInt(i % 11 == 0 ? 9 : 13_000);
            PeArraySpec a = new PeArraySpec("c", MacKind.DSP, Dataflow.DOT_PRODUCT, rows, cols, 1, 1, 32)
                    .withColumnSets(sets);
            assertEquals(ArrayTiming.dotProductByFolds(a, groups, k, px), ArrayTiming.tileCycles(a, groups, k, px),
                    () -> a + " g" + groups + " k" + k + " n" + px);
            assertTrue(ArrayTiming.tileCycles(a, groups, k, px)
                    <= ArrayTiming.tileCycles(a.withColumnSets(1), groups, k, px), a::toString);
        }
    }

    @Test
    void randomTilesAgreeBitAndCycleExact() {
        SplittableRandom rnd = new SplittableRandom(0xD075E7);
        int split = 0;
        for (int c = 0; c < 250; c++) {
            Kind kind = Kind.values()[c % Kind.values().length];
            int cols = 1 + rnd.nextInt(12);
            int sets = c % 6 == 0 ? 1 : 1 << rnd.nextInt(Integer.numberOfTrailingZeros(Integer.highestOneBit(cols)) + 1);
            GemmCase g = GemmCase.random(rnd, Dataflow.DOT_PRODUCT, kind, 1 + rnd.nextInt(9), cols,
                    1 + rnd.nextInt(3 * cols * 4), 1 + rnd.nextInt(30), 1 + rnd.nextInt(25), 48, Overflow.WRAP)
                    .withColumnSets(sets);
            int groups = (g.m() + g.spec().packing() - 1) / g.spec().packing();
            int last = groups - (groups - 1) / cols * cols;
            split += g.spec().setsFor(last) > 1 ? 1 : 0;
            assertAgreeExactly(g);
        }
        assertTrue(split > 40, "too few tiles on several sets: " + split);
    }

    /** G = C, C/2, 1, C + 1 (a ragged fold of one group), N not dividing C, for every kind. */
    @Test
    void edgeCases() {
        SplittableRandom rnd = new SplittableRandom(13);
        int[][] shapes = { // rows, cols, sets, groups, k, n
            {4, 8, 8, 8, 5, 9}, {4, 8, 8, 4, 5, 9}, {4, 8, 8, 1, 5, 33}, {4, 8, 2, 4, 3, 17}, {3, 7, 4, 1, 6, 13},
            {3, 7, 4, 2, 6, 13}, {3, 7, 4, 3, 6, 13}, {3, 7, 4, 4, 6, 13}, {2, 5, 4, 1, 1, 1}, {1, 2, 2, 1, 4, 3},
            {5, 9, 8, 10, 7, 41}, {4, 6, 4, 7, 2, 15}, {2, 9, 8, 11, 9, 11}, {8, 6, 2, 15, 17, 5}, {1, 1, 1, 3, 1, 2},
        };
        for (Kind kind : Kind.values()) {
            for (int[] s : shapes) {
                GemmCase base = GemmCase.random(rnd, Dataflow.DOT_PRODUCT, kind, s[0], s[1], 1, s[4], s[5], 48,
                        Overflow.WRAP);
                int m = s[3] * base.spec().packing() - (s[3] > 1 && base.spec().packing() > 1 ? 1 : 0);
                GemmCase g = GemmCase.random(rnd, Dataflow.DOT_PRODUCT, kind, s[0], s[1], m, s[4], s[5], 48,
                        Overflow.WRAP).withColumnSets(s[2]);
                assertAgreeExactly(g);
            }
        }
    }

    /** Narrow accumulators: the sets change no add order, so both models clamp or wrap alike. */
    @Test
    void narrowAccumulatorsOverflowIdentically() {
        SplittableRandom rnd = new SplittableRandom(0xD0F5E7);
        long events = 0;
        for (int c = 0; c < 200; c++) {
            Overflow mode = c % 4 < 2 ? Overflow.SATURATE : Overflow.WRAP;
            GemmCase g = GemmCase.random(rnd, Dataflow.DOT_PRODUCT, Kind.values()[(c / 4) % Kind.values().length],
                    1 + rnd.nextInt(6), 4 + rnd.nextInt(5), 1 + rnd.nextInt(10), 8 + rnd.nextInt(30),
                    1 + rnd.nextInt(12), 8 + rnd.nextInt(3), mode).withColumnSets(4);
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

    /** A short port stretches every issue clock in both models alike. */
    @Test
    void feedStallsStretchTheIssueClocks() {
        SplittableRandom rnd = new SplittableRandom(0xD0F33D);
        for (int c = 0; c < 100; c++) {
            GemmCase g = GemmCase.random(rnd, Dataflow.DOT_PRODUCT, Kind.values()[c % Kind.values().length],
                    1 + rnd.nextInt(6), 2 + rnd.nextInt(8), 1 + rnd.nextInt(12), 1 + rnd.nextInt(20),
                    1 + rnd.nextInt(12), 48, Overflow.WRAP).withColumnSets(2);
            FeedStall feed = new FeedStall(1 + rnd.nextInt(3), 1 + rnd.nextInt(3));
            PeArray pe = new PeArray(g.spec(), g.datapath(), feed);
            long[] fast = g.runFast(pe);
            long[] literal = g.acc().clone();
            LiteralSystolicArray.Run run = new LiteralDotProductArray(g.spec(), g.datapath(), feed).run(g.w(),
                    g.wOff(), g.wStride(), g.x(), g.xOff(), g.xStride(), g.m(), g.k(), g.n(), literal, g.accOff(),
                    g.accStride());
            assertArrayEquals(fast, literal, g::toString);
            assertEquals(pe.busyCycles(), run.cycles(), g::toString);
        }
    }

    @Test
    void theLiteralArrayTakesOnlyDotProductSpecs() {
        PeArraySpec os = new PeArraySpec("c", MacKind.LUT_SP2, Dataflow.OUTPUT_STATIONARY, 4, 6, 1, 1, 32);
        assertThrows(IllegalArgumentException.class,
                () -> new LiteralDotProductArray(os, PeDatapath.of(4, 4, false)));
        assertEquals(4, os.withDataflow(Dataflow.DOT_PRODUCT).withColumnSets(4).columnSets());
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
        assertEquals(pe.overflowEvents(), run.overflowEvents(), g::toString);
        long peak = g.spec().peakMacsPerCycle();
        assertTrue(cycles >= (mkn + peak - 1) / peak, () -> "below the analytic bound: " + g);
    }
}
