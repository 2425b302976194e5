package org.msqsim.core.hw.accel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.msqsim.core.fixed.DspKind;
import org.msqsim.core.fixed.Sp2Format;
import org.msqsim.core.mapping.AcceleratorFixtures;
import org.msqsim.core.mapping.GemmShape;
import org.msqsim.core.mapping.OutputStage;
import org.msqsim.core.mapping.PlanOutcome;
import org.msqsim.core.mapping.PoolRows;
import org.msqsim.core.mapping.TileBytes;
import org.msqsim.core.mapping.TilePlan;
import org.msqsim.core.mapping.TilePlanner;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.Dataflow;
import org.msqsim.core.trace.ChromeTrace;
import org.msqsim.core.trace.TraceSink;

/**
 * The accelerator over combinations of dataflow, array shape, packing, buffer size and GEMM shape,
 * with the invariants checked after each run: every output equals the plain integer GEMM, counted
 * MACs equal the GEMM's, the latency is at least the analytic lower bound max(compute, memory),
 * buffers never overflowed (the buffer models throw), and the same inputs give the same cycles.
 */
class MsqAcceleratorTest {

    static Stream<Arguments> designs() {
        SplittableRandom rnd = new SplittableRandom(2026);
        Stream.Builder<Arguments> b = Stream.builder();
        Dataflow[] dfs = {Dataflow.OUTPUT_STATIONARY, Dataflow.WEIGHT_STATIONARY, Dataflow.DOT_PRODUCT};
        for (int i = 0; i < 24; i++) {
            Dataflow df = dfs[i % 3];
            int bits = i % 2 == 0 ? 4 : 8;
            int packing = bits == 4 ? new int[] {1, 2, 4}[i % 3] : new int[] {1, 2}[i % 2];
            boolean dspOnly = i % 7 == 3;
            boolean lutOnly = i % 7 == 5;
            AcceleratorSpec spec = AcceleratorFixtures.design(df, lutOnly ? 0 : 1 + rnd.nextInt(6),
                    1 + rnd.nextInt(6), packing, dspOnly ? 0 : 1 + rnd.nextInt(6), 1 + rnd.nextInt(6),
                    new long[] {512, 4096, 65536}[i % 3], bits, 1 + i % 3);
            int m = 1 + rnd.nextInt(40);
            int mLut = dspOnly ? 0 : lutOnly ? m : rnd.nextInt(m + 1);
            b.add(Arguments.of(spec, new GemmShape(m - mLut, mLut, 1 + rnd.nextInt(70), 1 + rnd.nextInt(50)),
                    1000L + i));
        }
        return b.build();
    }

    @ParameterizedTest
    @MethodSource("designs")
    void bitExactAndWithinBounds(AcceleratorSpec spec, GemmShape g, long seed) {
        PlanOutcome outcome = new TilePlanner(spec).plan(g);
        assertInstanceOf(PlanOutcome.Planned.class, outcome, outcome.toString());
        TilePlan plan = ((PlanOutcome.Planned) outcome).plan();
        SplittableRandom rnd = new SplittableRandom(seed);
        Sp2Format f = Sp2Format.of(spec.weightBits());
        int q = (1 << (spec.weightBits() - 1)) - 1;
        int[] w = rnd.ints((long) g.mDsp() * g.k(), -q, q + 1).toArray();
        int[] codes = rnd.ints((long) g.mLut() * g.k(), 0, f.codeCount()).toArray();
        int[] x = rnd.ints((long) g.k() * g.n(), 0, 1 << spec.activationBits()).toArray();
        AcceleratorRun run = new MsqAccelerator(spec, DspKind.DSP48E2, TraceSink.NONE)
                .run(new GemmJob(g, w, codes, x), plan);

        assertArrayEquals(plainGemm(w, g.mDsp(), g.k(), x, g.n(), c -> c), run.dspAcc());
        assertArrayEquals(plainGemm(codes, g.mLut(), g.k(), x, g.n(), f::valueInt), run.lutAcc());
        assertEquals(g.macs(), run.macs());
        assertEquals(0, run.overflows());
        assertTrue(run.latencyPs() >= lowerBoundPs(spec, g), run.latencyPs() + " < " + lowerBoundPs(spec, g));
        assertTrue(run.peakInput() <= spec.inputBuffer().capacityBytes());
        assertTrue(run.peakWeight() <= spec.weightBuffer().capacityBytes());
        assertTrue(run.peakOutput() <= spec.outputBuffer().capacityBytes());
        assertTrue(run.ddrUtilisation() <= 1.0 + 1e-9, "DDR utilisation " + run.ddrUtilisation());

        AcceleratorRun again = new MsqAccelerator(spec, DspKind.DSP48E2, TraceSink.NONE)
                .run(GemmJob.timingOnly(g), plan);
        assertEquals(run.latencyPs(), again.latencyPs(), "timing-only and bit-exact runs take the same time");
        assertEquals(run.stalls(), again.stalls());
    }

    /**
     * A fused output stage (issue 13 point 3) changes traffic, not values: a fused add reads the skip
     * tensor (one activation per output) beside the same stores; a fused pool writes each pooled
     * output once and nothing else; the accumulators are those of the plain stage. On 1, 2 and 4 ports.
     */
    @Test
    void fusedOutputStageMovesTheSkipAndThePooledBytes() {
        int checked = 0;
        for (int ports : new int[] {1, 2, 4}) {
            AcceleratorSpec spec = AcceleratorFixtures.design(Dataflow.OUTPUT_STATIONARY, 4, 3, 4, 4, 3, 4096, 4, ports);
            PoolRows pool = new PoolRows(3, 3, 2, 1, 12, 12, 6, 6);
            GemmShape plain = new GemmShape(13, 9, 27, 144, Optional.empty());
            GemmShape add = new GemmShape(13, 9, 27, 144, Optional.empty(), new OutputStage(true, Optional.empty()));
            GemmShape pooled = new GemmShape(13, 9, 27, 144, Optional.empty(), new OutputStage(false, Optional.of(pool)));
            TilePlan plan = ((PlanOutcome.Planned) new TilePlanner(spec).plan(plain)).plan();
            SplittableRandom rnd = new SplittableRandom(ports);
            int[] w = rnd.ints(13L * 27, -7, 8).toArray();
            int[] codes = rnd.ints(9L * 27, 0, Sp2Format.of(4).codeCount()).toArray();
            int[] x = rnd.ints(27L * 144, 0, 16).toArray();
            AcceleratorRun a = new MsqAccelerator(spec, DspKind.DSP48E2, TraceSink.NONE).run(new GemmJob(plain, w, codes, x), plan);
            AcceleratorRun b = new MsqAccelerator(spec, DspKind.DSP48E2, TraceSink.NONE).run(new GemmJob(add, w, codes, x), plan);
            AcceleratorRun c = new MsqAccelerator(spec, DspKind.DSP48E2, TraceSink.NONE).run(new GemmJob(pooled, w, codes, x), plan);
            assertArrayEquals(a.dspAcc(), b.dspAcc());
            assertArrayEquals(a.lutAcc(), c.lutAcc());
            assertEquals(a.ddrBytesWritten(), b.ddrBytesWritten(), "a fused add writes the sum instead of the conv output");
            assertTrue(b.ddrBytesRead() >= a.ddrBytesRead() + TileBytes.packed(22L * 144, 4), "the skip tensor is read");
            assertTrue(c.ddrBytesWritten() >= TileBytes.packed(22L * 36, 4) && c.ddrBytesWritten() < a.ddrBytesWritten(),
                    "pooled outputs written: " + c.ddrBytesWritten() + " of " + a.ddrBytesWritten());
            assertEquals(a.ddrBytesRead(), c.ddrBytesRead());
            assertTrue(b.latencyPs() >= a.latencyPs(), "one more stream cannot make the GEMM faster");
            checked++;
        }
        assertEquals(3, checked);
    }

    /** max(compute at full occupancy of each core, every operand read once at the sustained rate). */
    static long lowerBoundPs(AcceleratorSpec spec, GemmShape g) {
        double compute = 0;
        if (g.mDsp() > 0) {
            var c = spec.dspCore().orElseThrow();
            compute = Math.max(compute, (double) g.mDsp() * g.k() * g.n() / c.peakMacsPerCycle() * 1e12 / c.clockHz());
        }
        if (g.mLut() > 0) {
            var c = spec.lutCore().orElseThrow();
            compute = Math.max(compute, (double) g.mLut() * g.k() * g.n() / c.peakMacsPerCycle() * 1e12 / c.clockHz());
        }
        long bytes = TileBytes.packed((long) g.m() * g.k(), spec.weightBits())
                + TileBytes.packed((long) g.k() * g.n(), spec.activationBits())
                + TileBytes.packed((long) g.m() * g.n(), spec.activationBits());
        double memory = bytes / spec.ddr().sustainedBytesPerSecond() * 1e12;
        return (long) Math.floor(Math.max(compute, memory));
    }

    static long[] plainGemm(int[] w, int m, int k, int[] x, int n, IntUnaryOperator value) {
        long[] c = new long[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                long s = 0;
                for (int t = 0; t < k; t++) {
                    s += (long) value.applyAsInt(w[i * k + t]) * x[t * n + j];
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    @Test
    void traceHasATrackPerCoreAndStream() {
        AcceleratorSpec spec = AcceleratorFixtures.design(Dataflow.OUTPUT_STATIONARY, 4, 4, 4, 4, 4, 4096, 4, 3);
        GemmShape g = new GemmShape(20, 12, 64, 40);
        TilePlan plan = ((PlanOutcome.Planned) new TilePlanner(spec).plan(g)).plan();
        ChromeTrace trace = new ChromeTrace("test");
        new MsqAccelerator(spec, DspKind.DSP48E2, trace).run(GemmJob.timingOnly(g), plan);
        assertTrue(trace.eventCount() > 10);
    }
}
