package org.msqsim.core.hw.accel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.msqsim.core.fixed.DspKind;
import org.msqsim.core.fixed.Sp2Format;
import org.msqsim.core.mapping.AcceleratorFixtures;
import org.msqsim.core.mapping.GemmShape;
import org.msqsim.core.mapping.OutputStageRate;
import org.msqsim.core.mapping.PlanOutcome;
import org.msqsim.core.mapping.TileGrid;
import org.msqsim.core.mapping.TilePlan;
import org.msqsim.core.mapping.TilePlanner;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.Dataflow;
import org.msqsim.core.trace.TraceSink;

/**
 * The output stage's requantizer lanes on the store path (issue 13 point 10): a tile's {@code rows · tn}
 * results take {@code ceil(rows · tn / lanes)} control clocks beside its store. A narrow stage binds with
 * the closed-form latency and the same accumulators; a wide one moves nothing; bit-exact and timing-only
 * runs agree on every ps.
 */
class OutputStageTimingTest {
    /** The fixtures' control clock, 100 MHz: 10,000 ps a clock, so clocks add exactly in ps. */
    private static final long CLOCK_PS = 10_000;

    static AcceleratorSpec lanes(AcceleratorSpec s, int n) {
        return s.withFusion(s.fusion().withLanes(OptionalInt.of(n)));
    }

    private record Operands(int[] w, int[] codes, int[] x) {
    }

    private static Operands operands(AcceleratorSpec spec, GemmShape g, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int q = (1 << (spec.weightBits() - 1)) - 1;
        return new Operands(rnd.ints((long) g.mDsp() * g.k(), -q, q + 1).toArray(),
                rnd.ints((long) g.mLut() * g.k(), 0, Sp2Format.of(spec.weightBits()).codeCount()).toArray(),
                rnd.ints((long) g.k() * g.n(), 0, 1 << spec.activationBits()).toArray());
    }

    private static AcceleratorRun run(AcceleratorSpec spec, GemmShape g, TilePlan plan, Operands o) {
        AcceleratorRun exact = new MsqAccelerator(spec, DspKind.DSP48E2, TraceSink.NONE)
                .run(new GemmJob(g, o.w(), o.codes(), o.x()), plan);
        AcceleratorRun timing = new MsqAccelerator(spec, DspKind.DSP48E2, TraceSink.NONE).run(GemmJob.timingOnly(g), plan);
        assertEquals(exact.latencyPs(), timing.latencyPs(), "bit-exact and timing-only runs take the same time");
        assertEquals(exact.stalls(), timing.stalls());
        return exact;
    }

    private static TilePlan plan(AcceleratorSpec spec, GemmShape g) {
        PlanOutcome p = new TilePlanner(spec).plan(g);
        return ((PlanOutcome.Planned) p).plan();
    }

    /**
     * One output tile on a one-lane stage: the layer ends {@code m · n} control clocks after its compute, where
     * a 4,096-lane stage ends it when the store's DMA is done; the output stage alone held the difference.
     */
    @Test
    void aOneLaneStageHoldsTheOnlyStoreForAllItsResults() {
        AcceleratorSpec spec = AcceleratorFixtures.design(Dataflow.OUTPUT_STATIONARY, 4, 3, 4, 4, 3, 65536, 4, 2);
        GemmShape g = new GemmShape(10, 3, 16, 8);
        TilePlan p = plan(spec, g);
        assertEquals(1, new TileGrid(g, p).outputTiles(), "the test needs one output tile: " + p);
        Operands o = operands(spec, g, 7);
        AcceleratorRun wide = run(lanes(spec, 4096), g, p, o);
        AcceleratorRun narrow = run(lanes(spec, 1), g, p, o);
        long computeEnd = wide.latencyPs() - wide.stalls().finalStoreDrain();
        long results = (long) g.m() * g.n();
        assertTrue(wide.stalls().finalStoreDrain() > CLOCK_PS, "the DMA, not the one clock of 4,096 lanes, ends the wide run");
        assertEquals(0, wide.stalls().outputStage());
        assertEquals(computeEnd + results * CLOCK_PS, narrow.latencyPs());
        assertEquals(results * CLOCK_PS - wide.stalls().finalStoreDrain(), narrow.stalls().outputStage());
        assertEquals(wide.stalls().memory(), narrow.stalls().memory(), "the stage's hold is not memory time: one lane "
                + "waits on DDR exactly as long as 4,096 lanes");
        assertArrayEquals(wide.dspAcc(), narrow.dspAcc());
        assertArrayEquals(wide.lutAcc(), narrow.lutAcc());
        assertEquals(wide.ddrBytesRead(), narrow.ddrBytesRead());
        assertEquals(wide.ddrBytesWritten(), narrow.ddrBytesWritten());
    }

    static Stream<Arguments> manyTiles() {
        return Stream.of(Arguments.of(Dataflow.OUTPUT_STATIONARY, 1, 2), Arguments.of(Dataflow.WEIGHT_STATIONARY, 1, 3),
                Arguments.of(Dataflow.WEIGHT_STATIONARY, 2, 3), Arguments.of(Dataflow.OUTPUT_STATIONARY, 3, 4));
    }

    static Stream<Dataflow> dataflows() {
        return Stream.of(Dataflow.values());
    }

    /**
     * Many output tiles, stages of L1 and L2 lanes that both bind (each tile's requantization far longer than its
     * compute and DMA): the stores run back to back from the first tile's end, so the latencies differ by exactly
     * {@code Σ (ceil(r·tn / L1) − ceil(r·tn / L2))} control clocks over the output tiles; the values never move.
     */
    @ParameterizedTest
    @MethodSource("manyTiles")
    void boundStagesDifferByTheirClosedForm(Dataflow df, int l1, int l2) {
        AcceleratorSpec spec = AcceleratorFixtures.design(df, 8, 8, 4, 8, 8, 4096, 4, 2);
        GemmShape g = new GemmShape(9, 5, 6, 600);
        TilePlan p = plan(spec, g);
        TileGrid grid = new TileGrid(g, p);
        assertTrue(grid.outputTiles() > 3, "the test needs several output tiles: " + p);
        Operands o = operands(spec, g, 11);
        AcceleratorRun a = run(lanes(spec, l1), g, p, o);
        AcceleratorRun b = run(lanes(spec, l2), g, p, o);
        OutputStageRate r1 = new OutputStageRate(l1, spec.controlClockHz());
        OutputStageRate r2 = new OutputStageRate(l2, spec.controlClockHz());
        long diff = 0;
        for (int t = 0; t < grid.outputTiles(); t++) {
            int s = grid.firstStepOf(t);
            long results = (long) grid.rows(s) * grid.tn(s);
            diff += r1.ps(results) - r2.ps(results);
        }
        assertEquals(diff, a.latencyPs() - b.latencyPs(), df + " " + l1 + " vs " + l2 + " lanes, " + p);
        assertTrue(a.stalls().outputStage() > 0 && b.stalls().outputStage() > 0);
        assertArrayEquals(a.dspAcc(), b.dspAcc());
        assertArrayEquals(a.lutAcc(), b.lutAcc());
    }

    /**
     * A compute-bound GEMM (long k) on a stage that keeps up (64 lanes: every tile's requantization shorter than
     * its store's DMA): the run is exactly that of a 4,096-lane stage, every ps and every stall.
     */
    @ParameterizedTest
    @MethodSource("dataflows")
    void aStageThatKeepsUpMovesNothing(Dataflow df) {
        AcceleratorSpec spec = AcceleratorFixtures.design(df, 4, 3, 4, 4, 3, 65536, 4, 2);
        GemmShape g = new GemmShape(30, 10, 700, 40);
        TilePlan p = plan(spec, g);
        Operands o = operands(spec, g, 3);
        assertEquals(4, spec.outputLanes(), "the default: the wider core's rows");
        AcceleratorRun rows = run(lanes(spec, 64), g, p, o);
        AcceleratorRun wide = run(lanes(spec, 4096), g, p, o);
        assertEquals(wide.latencyPs(), rows.latencyPs());
        assertEquals(wide.stalls(), rows.stalls());
        assertEquals(0, rows.stalls().outputStage());
        assertArrayEquals(wide.dspAcc(), rows.dspAcc());
    }

    /** The planner's estimate charges the same stage: a one-lane stage never estimates below its requantization. */
    @Test
    void thePlannerSeesTheStage() {
        AcceleratorSpec spec = AcceleratorFixtures.design(Dataflow.OUTPUT_STATIONARY, 2, 2, 2, 2, 2, 512, 4, 1);
        GemmShape g = new GemmShape(9, 5, 6, 90);
        AcceleratorSpec one = lanes(spec, 1);
        TilePlan p = plan(one, g);
        AcceleratorRun r = run(one, g, p, operands(one, g, 5));
        assertTrue(r.latencyPs() >= (long) g.m() * g.n() * CLOCK_PS, "every result a control clock");
        assertTrue(r.stalls().outputStage() > 0);
    }
}
