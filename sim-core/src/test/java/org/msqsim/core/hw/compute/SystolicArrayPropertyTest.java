package org.msqsim.core.hw.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.msqsim.core.fixed.DspKind;
import org.msqsim.core.fixed.Overflow;
import org.msqsim.core.fixed.PackedDspMac;
import org.msqsim.core.hw.compute.GemmCase.Kind;
import org.msqsim.core.spec.Dataflow;
import org.msqsim.core.spec.Drain;
import org.msqsim.core.spec.MacKind;
import org.msqsim.core.spec.PeArraySpec;
import org.junit.jupiter.api.Test;

/**
 * The fast {@link PeArray}, the literal {@link LiteralSystolicArray} and a plain integer GEMM agree
 * on every output bit, and the literal cycle count equals {@link ArrayTiming#tileCycles}, over
 * random (array shape × dataflow × MAC kind × widths × tile shape) with fixed seeds (STYLE 11).
 * Invariants checked after every case: counted MACs = m·k·n, cycles ≥ the analytic lower bound.
 */
class SystolicArrayPropertyTest {

    private static final Dataflow[] SYSTOLIC = {Dataflow.OUTPUT_STATIONARY, Dataflow.WEIGHT_STATIONARY};

    @Test
    void randomTilesAgreeBitAndCycleExact() {
        SplittableRandom rnd = new SplittableRandom(0x4D53_5153L);
        for (int c = 0; c < 600; c++) {
            GemmCase g = GemmCase.random(rnd, SYSTOLIC[c % 2], Kind.values()[(c / 2) % Kind.values().length],
                    1 + rnd.nextInt(8), 1 + rnd.nextInt(8), 1 + rnd.nextInt(24), 1 + rnd.nextInt(24),
                    1 + rnd.nextInt(24), 48, Overflow.WRAP);
            assertAgreeExactly(g);
        }
    }

    /**
     * Vector PEs (V input-channel lanes reduced per PE and clock) and double-pumped DSP slices: the
     * same three-way agreement and cycle equality, with k not a multiple of V (idle lanes in the last
     * step), V = 1 … 16 (the DPU's ICP reaches 16), every kind and dataflow.
     */
    @Test
    void vectorPesAgreeBitAndCycleExact() {
        SplittableRandom rnd = new SplittableRandom(0x5EC7_0A5L);
        int[] lanes = {2, 3, 4, 8, 16};
        for (int c = 0; c < 400; c++) {
            Kind kind = Kind.values()[(c / 2) % Kind.values().length];
            int v = lanes[rnd.nextInt(lanes.length)];
            boolean pumped = v % 2 == 0 && rnd.nextBoolean();
            GemmCase g = GemmCase.random(rnd, SYSTOLIC[c % 2], kind, 1 + rnd.nextInt(6), 1 + rnd.nextInt(6),
                    1 + rnd.nextInt(20), 1 + rnd.nextInt(40), 1 + rnd.nextInt(20), 48, Overflow.WRAP, v, pumped);
            assertAgreeExactly(g);
        }
    }

    /** Vector PEs with narrow accumulators: both models clamp or wrap at the same V-product sums. */
    @Test
    void vectorPesOverflowIdentically() {
        SplittableRandom rnd = new SplittableRandom(0x0F1_0A5L);
        long events = 0;
        for (int c = 0; c < 200; c++) {
            Overflow mode = c % 4 < 2 ? Overflow.SATURATE : Overflow.WRAP;
            int v = 2 + rnd.nextInt(7);
            GemmCase g = GemmCase.random(rnd, SYSTOLIC[c % 2], Kind.values()[(c / 4) % Kind.values().length],
                    1 + rnd.nextInt(5), 1 + rnd.nextInt(5), 1 + rnd.nextInt(10), 8 + rnd.nextInt(30),
                    1 + rnd.nextInt(10), 8 + rnd.nextInt(3), mode, v, v % 2 == 0 && rnd.nextBoolean());
            PeArray pe = new PeArray(g.spec(), g.datapath());
            overflowsLikeTheHardware(g, mode, pe);
            events += pe.overflowEvents();
        }
        assertTrue(events > 100, "too few overflows to test anything: " + events);
    }

    /**
     * The overlapped drain ({@link Drain#OVERLAPPED}): the same three-way agreement and cycle equality
     * over every kind, scalar and vector PEs, double pumping and packings, with tiles that leave a
     * short last pixel fold and a narrow last group fold (the fold gaps {@code max(k, 2r − r')} and the
     * latest-ending fold), k below, at and above r. And the schedule is tight: starting every fold one
     * cycle earlier breaks one of the literal model's checks whenever a gap is set by the drain (r).
     */
    @Test
    void overlappedDrainAgreesBitAndCycleExactAndIsTight() {
        SplittableRandom rnd = new SplittableRandom(0x0DD_0A1L);
        int[] lanes = {1, 1, 2, 3, 4, 8, 16};
        int tight = 0;
        for (int c = 0; c < 500; c++) {
            Kind kind = Kind.values()[c % Kind.values().length];
            int v = lanes[rnd.nextInt(lanes.length)];
            boolean pumped = v % 2 == 0 && rnd.nextBoolean();
            int rows = 1 + rnd.nextInt(7);
            int k = 1 + rnd.nextInt(c % 3 == 0 ? 3 * v : 24 * v);
            GemmCase g = GemmCase.random(rnd, Dataflow.OUTPUT_STATIONARY, kind, rows, 1 + rnd.nextInt(6),
                    1 + rnd.nextInt(20), k, 1 + rnd.nextInt(30), 48, Overflow.WRAP, v, pumped)
                    .withDrain(Drain.OVERLAPPED);
            assertAgreeExactly(g);
            int steps = (k + v - 1) / v;
            boolean folds = g.n() > rows || (g.m() + g.spec().packing() - 1) / g.spec().packing() > g.spec().cols();
            if (folds && steps < Math.min(rows, g.n())) {
                assertThrows(IllegalStateException.class, () -> g.runLiteral(g.acc().clone(), 1), g::toString);
                tight++;
            }
        }
        assertTrue(tight > 50, "too few cases where the drain sets the gap: " + tight);
    }

    /** The overlapped drain over the edge shapes, and never slower than its in-place twin. */
    @Test
    void overlappedDrainEdgeCases() {
        SplittableRandom rnd = new SplittableRandom(11);
        int[][] shapes = { // rows, cols, m, k, n
            {1, 1, 1, 1, 1}, {1, 1, 5, 7, 3}, {1, 1, 9, 1, 1}, {3, 2, 7, 1, 5}, {3, 2, 7, 5, 1},
            {4, 4, 1, 9, 9}, {2, 3, 3, 4, 6}, {2, 2, 6, 2, 2}, {8, 8, 3, 24, 24}, {8, 1, 24, 8, 1},
            {4, 1, 3, 1, 9}, {5, 2, 9, 2, 11},
        };
        for (Kind kind : Kind.values()) {
            for (int[] s : shapes) {
                GemmCase g = GemmCase.random(rnd, Dataflow.OUTPUT_STATIONARY, kind, s[0], s[1], s[2], s[3], s[4], 48,
                        Overflow.WRAP);
                assertAgreeExactly(g.withDrain(Drain.OVERLAPPED));
                assertTrue(ArrayTiming.tileCycles(g.spec().withDrain(Drain.OVERLAPPED), g.m(), g.k(), g.n())
                        <= ArrayTiming.tileCycles(g.spec(), g.m(), g.k(), g.n()), g::toString);
            }
        }
    }

    @Test
    void overlappedDrainRefusesASaturatingAccumulator() {
        PeArraySpec spec = new PeArraySpec("core", MacKind.LUT_SP2, Dataflow.OUTPUT_STATIONARY, 4, 4, 1, 1, 32)
                .withDrain(Drain.OVERLAPPED);
        PeDatapath sat = PeDatapath.of(4, 4, false).withOverflow(Overflow.SATURATE);
        assertThrows(IllegalArgumentException.class, () -> new PeArray(spec, sat));
        assertThrows(IllegalArgumentException.class, () -> new PeArraySpec("core", MacKind.DSP,
                Dataflow.WEIGHT_STATIONARY, 4, 4, 1, 1, 32, 1, false, false, Drain.OVERLAPPED));
    }

    /** 1×1 arrays, k = 1, n = 1, m = 1 and m not a multiple of the packing, for every kind and dataflow. */
    @Test
    void edgeCases() {
        SplittableRandom rnd = new SplittableRandom(7);
        int[][] shapes = { // rows, cols, m, k, n
            {1, 1, 1, 1, 1}, {1, 1, 5, 7, 3}, {1, 1, 9, 1, 1}, {3, 2, 7, 1, 5}, {3, 2, 7, 5, 1},
            {4, 4, 1, 9, 9}, {2, 3, 3, 4, 6}, {2, 2, 6, 2, 2}, {8, 8, 3, 24, 24}, {8, 1, 24, 8, 1},
        };
        for (Dataflow d : SYSTOLIC) {
            for (Kind kind : Kind.values()) {
                for (int[] s : shapes) {
                    assertAgreeExactly(GemmCase.random(rnd, d, kind, s[0], s[1], s[2], s[3], s[4], 48, Overflow.WRAP));
                }
            }
        }
    }

    /**
     * Narrow accumulators that overflow. SATURATE: both models clamp at the same adds, which an
     * independent reference of the hardware's add order confirms; WRAP: the bits are the plain sum
     * modulo 2^bits. Both models count the same overflow events.
     */
    @Test
    void narrowAccumulatorsOverflowIdentically() {
        SplittableRandom rnd = new SplittableRandom(0x5A7L);
        long events = 0;
        int clamped = 0;
        for (int c = 0; c < 200; c++) {
            Overflow mode = c % 4 < 2 ? Overflow.SATURATE : Overflow.WRAP;
            GemmCase g = GemmCase.random(rnd, SYSTOLIC[c % 2], Kind.values()[(c / 4) % Kind.values().length],
                    1 + rnd.nextInt(6), 1 + rnd.nextInt(6), 1 + rnd.nextInt(12), 8 + rnd.nextInt(17),
                    1 + rnd.nextInt(12), 8 + rnd.nextInt(3), mode);
            PeArray pe = new PeArray(g.spec(), g.datapath());
            long[] fast = overflowsLikeTheHardware(g, mode, pe);
            events += pe.overflowEvents();
            long[] plain = g.plainGemm();
            for (int i = 0; i < g.m(); i++) {
                for (int j = 0; j < g.n(); j++) {
                    long v = fast[g.accIndex(i, j)];
                    assertTrue(pe.accumulatorFormat().fits(v), g::toString);
                    clamped += mode == Overflow.SATURATE && v != plain[g.accIndex(i, j)] ? 1 : 0;
                }
            }
        }
        assertTrue(events > 100, "too few overflows to test anything: " + events);
        assertTrue(clamped > 100, "too few saturated outputs: " + clamped);
    }

    /**
     * Misuse shows as wrong bits, the same in both models: −2^(W−1) weights on a packed DSP declared
     * narrow-range (on DSP48E1 4-lane the top lane's −8 wraps the 25-bit pre-adder, FINN's reason for
     * NARROW_WEIGHTS). The literal PE's one-cycle lane products must add up to what the chained P gives.
     */
    @Test
    void packedMisuseGivesTheSameWrongBitsInBothModels() {
        SplittableRandom rnd = new SplittableRandom(0xBAD);
        int cases = 0;
        int wrong = 0;
        for (int c = 0; c < 300; c++) {
            GemmCase g = GemmCase.random(rnd, SYSTOLIC[c % 2], c % 4 < 2 ? Kind.DSP4 : Kind.DSP2,
                    1 + rnd.nextInt(6), 1 + rnd.nextInt(6), 1 + rnd.nextInt(12), 1 + rnd.nextInt(24),
                    1 + rnd.nextInt(12), 48, Overflow.WRAP);
            if (!g.datapath().narrowWeights()) {
                continue;
            }
            int outOfRange = -(1 << (g.datapath().weightBits() - 1));
            for (int i = 0; i < g.m(); i++) {
                for (int kk = 0; kk < g.k(); kk++) {
                    if (rnd.nextInt(3) == 0) {
                        g.w()[g.wOff() + i * g.wStride() + kk] = outOfRange;
                    }
                }
            }
            long[] fast = g.runFast(new PeArray(g.spec(), g.datapath()));
            long[] literal = g.acc().clone();
            g.runLiteral(literal);
            assertArrayEquals(fast, literal, g::toString);
            cases++;
            wrong += Arrays.equals(fast, g.plainGemm()) ? 0 : 1;
        }
        assertTrue(cases > 100 && wrong > 10, cases + " misuse cases, " + wrong + " with wrong bits");
    }

    /**
     * Packed DSPs at their default chain, which the accumulator bounds (issue 13 point 9: counters of
     * FINN's widths), on long reductions at the operands' extremes (every weight at its most positive or
     * most negative, every activation at its largest) and at random: P resolves into the accumulator
     * every {@code PackedDspMac#chainOf} products, and the fast model, the literal model and the
     * independent reference of the hardware's add order agree bit for bit and on overflow events. A
     * guard counts the cases whose reduction took several chains.
     */
    @Test
    void packedDefaultChainsAtTheAccumulatorBoundAgreeAtExtremes() {
        SplittableRandom rnd = new SplittableRandom(0xC4A1);
        int multiChain = 0;
        for (int c = 0; c < 160; c++) {
            Overflow mode = c % 2 == 0 ? Overflow.WRAP : Overflow.SATURATE;
            Kind kind = c % 4 < 2 ? Kind.DSP4 : Kind.DSP2;
            int accBits = (kind == Kind.DSP4 ? 8 : 16) + rnd.nextInt(8);
            GemmCase r = GemmCase.random(rnd, SYSTOLIC[(c / 4) % 2], kind, 1 + rnd.nextInt(4), 1 + rnd.nextInt(4),
                    1 + rnd.nextInt(6), 40 + rnd.nextInt(300), 1 + rnd.nextInt(4), accBits, mode);
            GemmCase g = new GemmCase(r.spec(), r.datapath().withChainLength(0), r.m(), r.k(), r.n(), r.w(), r.wOff(),
                    r.wStride(), r.x(), r.xOff(), r.xStride(), r.acc(), r.accOff(), r.accStride());
            PeDatapath d = g.datapath();
            PackedDspMac mac = new PackedDspMac(d.dspKind(), d.weightBits(), d.actBits(), d.actSigned(),
                    g.spec().packing(), d.narrowWeights());
            if (c % 3 != 2) { // extremes; every third case keeps its random operands
                int wMax = mac.weightMax();
                int w = c % 3 == 0 ? wMax : mac.weightMin();
                for (int i = 0; i < g.m(); i++) {
                    for (int kk = 0; kk < g.k(); kk++) {
                        g.w()[g.wOff() + i * g.wStride() + kk] = w;
                    }
                }
                for (int kk = 0; kk < g.k(); kk++) {
                    for (int j = 0; j < g.n(); j++) {
                        g.x()[g.xOff() + kk * g.xStride() + j] = mac.actMax();
                    }
                }
            }
            overflowsLikeTheHardware(g, mode, new PeArray(g.spec(), g.datapath()));
            boolean os = g.spec().dataflow() == Dataflow.OUTPUT_STATIONARY;
            multiChain += os && g.k() > mac.chainOf(accBits, 1) ? 1 : 0;
        }
        assertTrue(multiChain > 20, "too few reductions longer than one chain: " + multiChain);
    }

    @Test
    void packedChainLongerThanExactIsRejected() {
        PeArraySpec spec = new PeArraySpec("core", MacKind.DSP, Dataflow.OUTPUT_STATIONARY, 4, 4, 2, 1, 32);
        int deepest = new PackedDspMac(DspKind.DSP48E2, 8, 8, false, 2).maxExactDepth();
        PeDatapath dp = PeDatapath.of(8, 8, false).withChainLength(deepest + 1);
        assertThrows(IllegalArgumentException.class, () -> new PeArray(spec, dp));
        PeArraySpec dot = new PeArraySpec("core", MacKind.DSP, Dataflow.DOT_PRODUCT, 4, 4, 1, 1, 32);
        assertThrows(IllegalArgumentException.class, () -> new LiteralSystolicArray(dot, PeDatapath.of(8, 8, false)));
    }

    /**
     * Runs a narrow-accumulator case on both models: the same bits and overflow events, and the bits
     * of the independent reference of the hardware's add order. Returns the fast model's outputs.
     */
    private static long[] overflowsLikeTheHardware(GemmCase g, Overflow mode, PeArray pe) {
        long[] fast = g.runFast(pe);
        long[] literal = g.acc().clone();
        LiteralSystolicArray.Run run = g.runLiteral(literal);
        assertArrayEquals(fast, literal, g::toString);
        assertEquals(pe.overflowEvents(), run.overflowEvents(), g::toString);
        long[] expected = mode == Overflow.SATURATE ? HardwareOrder.saturating(g) : HardwareOrder.wrapped(g);
        assertArrayEquals(expected, fast, g::toString);
        return fast;
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
        assertEquals(mkn, pe.macs(), g::toString);
        assertEquals(mkn, run.macs(), g::toString);
        assertEquals(0, pe.overflowEvents(), g::toString);
        assertEquals(0, run.overflowEvents(), g::toString);
        long peak = g.spec().peakMacsPerCycle();
        assertTrue(cycles >= (mkn + peak - 1) / peak, () -> "below the analytic bound: " + g);
    }
}
