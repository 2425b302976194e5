package org.msqsim.core.hw.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.msqsim.core.fixed.Sp2Format;
import org.msqsim.core.fixed.Sp2Mac;
import org.msqsim.core.spec.DepthwiseEngineSpec;
import org.msqsim.core.spec.MacKind;

/**
 * The fast {@link DepthwiseEngine}, the literal {@link LiteralDepthwiseEngine} and a plain integer
 * depthwise convolution agree on every output bit, and the literal cycle count equals
 * {@link DepthwiseEngine#cycles}, over random (engine shape × layer shape × widths) with fixed seeds;
 * narrow accumulators wrap identically and count the same overflow events.
 */
class DepthwiseEngineTest {

    @Test
    void randomLayersAgreeBitAndCycleExact() {
        SplittableRandom rnd = new SplittableRandom(0xD3A7L);
        for (int c = 0; c < 300; c++) {
            DepthwiseEngineSpec spec = new DepthwiseEngineSpec(1 + rnd.nextInt(5), 1 + rnd.nextInt(6), 24, 32);
            Case k = Case.random(rnd, 8, 8);
            long[] fast = new long[k.outLen()];
            long[] literal = new long[k.outLen()];
            long fo = new DepthwiseEngine(spec).compute(k.l, k.in, k.w, fast);
            LiteralDepthwiseEngine.Run run = new LiteralDepthwiseEngine(spec).run(k.l, k.in, k.w, literal);
            long[] plain = k.plain();
            assertArrayEquals(plain, fast, k::toString);
            assertArrayEquals(plain, literal, k::toString);
            assertEquals(0, fo, k::toString);
            assertEquals(0, run.overflowEvents(), k::toString);
            assertEquals(DepthwiseEngine.cycles(spec, k.l), run.cycles(), () -> spec + " " + k);
            assertEquals(k.realMacs(), run.macs(), k::toString);
            assertTrue(run.cycles() >= (k.l.macs() + spec.lanes() - 1) / spec.lanes(), k::toString);
        }
    }

    /** The DPU B4096 engine (4 pixels × 16 channels) on MobileNet-v2's first depthwise layer shape. */
    @Test
    void dpuEngineClosedForm() {
        DepthwiseEngineSpec dpu = new DepthwiseEngineSpec(4, 16, 24, 32);
        DepthwiseEngine.Layer l = new DepthwiseEngine.Layer(32, 112, 112, 3, 3, 1, 1);
        // 12,544 pixels / 4 = 3,136 pixel groups × 2 channel groups × 9 taps + 2
        assertEquals(3_136L * 2 * 9 + 2, DepthwiseEngine.cycles(dpu, l));
        assertEquals(32L * 112 * 112 * 9, l.macs());
    }

    @Test
    void narrowAccumulatorsWrapIdentically() {
        SplittableRandom rnd = new SplittableRandom(0x0DDL);
        long events = 0;
        for (int c = 0; c < 200; c++) {
            DepthwiseEngineSpec spec = new DepthwiseEngineSpec(1 + rnd.nextInt(4), 1 + rnd.nextInt(4),
                    8 + rnd.nextInt(4), 32);
            Case k = Case.random(rnd, 8, 8);
            long[] fast = new long[k.outLen()];
            long[] literal = new long[k.outLen()];
            long fo = new DepthwiseEngine(spec).compute(k.l, k.in, k.w, fast);
            LiteralDepthwiseEngine.Run run = new LiteralDepthwiseEngine(spec).run(k.l, k.in, k.w, literal);
            assertArrayEquals(fast, literal, k::toString);
            assertEquals(fo, run.overflowEvents(), k::toString);
            long[] plain = k.plain();
            int drop = 64 - spec.accumulatorBits();
            for (int i = 0; i < plain.length; i++) {
                assertEquals((plain[i] << drop) >> drop, fast[i], k::toString);
            }
            events += fo;
        }
        assertTrue(events > 100, "too few overflows to test anything: " + events);
    }

    /**
     * MSQ's per-channel split: SP2 channels on the SP2 lanes (the literal model forms their products
     * from the codes with the shift-add datapath), fixed-point channels on the fixed-point lanes; the
     * fast engine, the literal one and a plain per-channel integer convolution wrapped at each lane
     * kind's width agree bit for bit, on overflow events, and on cycles with the closed form; at 4 and
     * 8 bits, with wide and narrow accumulators, including all-SP2 and all-fixed layers.
     */
    @Test
    void sp2AndFixedChannelsAgreeBitAndCycleExact() {
        SplittableRandom rnd = new SplittableRandom(0x5B2DL);
        long events = 0;
        for (int c = 0; c < 400; c++) {
            int wBits = rnd.nextBoolean() ? 4 : 8;
            int aBits = rnd.nextBoolean() ? 4 : 8;
            boolean narrow = c % 2 == 1;
            DepthwiseEngineSpec spec = new DepthwiseEngineSpec(1 + rnd.nextInt(4), 1 + rnd.nextInt(4),
                    rnd.nextBoolean() ? MacKind.DSP : MacKind.LUT_FIXED, 1 + rnd.nextInt(4),
                    narrow ? 8 + rnd.nextInt(4) : 24, 32);
            Case k = Case.random(rnd, wBits, aBits);
            Sp2Format f = Sp2Format.of(wBits);
            boolean[] sp2 = new boolean[k.l.c()];
            int mode = rnd.nextInt(4); // 0: all fixed, 1: all SP2, else mixed
            int taps = k.l.r() * k.l.s();
            int[] codes = new int[k.w.length];
            int[] w = k.w.clone();
            int sp2Count = 0;
            for (int ch = 0; ch < sp2.length; ch++) {
                sp2[ch] = mode == 1 || (mode > 1 && rnd.nextBoolean());
                sp2Count += sp2[ch] ? 1 : 0;
                for (int t = 0; t < taps; t++) {
                    // the largest magnitude, either sign, as often as any other code
                    int code = rnd.nextInt(4) == 0 ? f.codeOf(f.maxMagnitudeInt(), rnd.nextBoolean())
                            : rnd.nextInt(f.codeCount());
                    codes[ch * taps + t] = code;
                    if (sp2[ch]) {
                        w[ch * taps + t] = f.valueInt(code);
                    }
                }
            }
            long[] fast = new long[k.outLen()];
            long[] literal = new long[k.outLen()];
            long fo = new DepthwiseEngine(spec, wBits).compute(k.l, k.in, w, sp2, fast);
            LiteralDepthwiseEngine.Run run = new LiteralDepthwiseEngine(spec, wBits).run(k.l, k.in, w, sp2, codes,
                    new Sp2Mac(f, aBits, false), literal);
            long[] plain = new Case(k.l, k.in, w).plain();
            int plane = k.l.outH() * k.l.outW();
            for (int i = 0; i < plain.length; i++) {
                int bits = sp2[i / plane] ? spec.sp2AccumulatorBits(wBits) : spec.accumulatorBits();
                int drop = 64 - bits;
                assertEquals((plain[i] << drop) >> drop, fast[i], k::toString);
            }
            assertArrayEquals(fast, literal, k::toString);
            assertEquals(fo, run.overflowEvents(), k::toString);
            assertEquals(DepthwiseEngine.cycles(spec, k.l, sp2Count), run.cycles(), () -> spec + " " + k);
            assertEquals(k.realMacs(), run.macs(), k::toString);
            events += fo;
        }
        assertTrue(events > 50, "too few overflows to test anything: " + events);
    }

    /**
     * The input port (issue 13 point 10): an engine reading {@code pixels × (channels + sp2Channels) × A}
     * bits a tap clock from an input buffer of {@code banks × width} bits stalls {@code ceil(need/have) − 1}
     * clocks per tap. Over random engines, layers, widths, SP2/fixed splits and ports from 1 bit to 1.5×
     * the demand (and the edges: exactly the demand, one bit short, one bit): the fast engine, the literal
     * one (lanes frozen on stall clocks) and the plain per-channel integer convolution agree on every bit
     * and overflow event; the literal cycles equal the closed form; no stall when the port carries the
     * demand; a wider port never adds a cycle; the stall is exactly {@code (f − 1)} per tap clock.
     */
    @Test
    void inputPortStallsAgreeBitAndCycleExact() {
        SplittableRandom rnd = new SplittableRandom(0xF33DL);
        int stalled = 0;
        for (int c = 0; c < 300; c++) {
            int wBits = rnd.nextBoolean() ? 4 : 8;
            int aBits = rnd.nextBoolean() ? 4 : 8;
            DepthwiseEngineSpec spec = new DepthwiseEngineSpec(1 + rnd.nextInt(4), 1 + rnd.nextInt(4),
                    rnd.nextBoolean() ? MacKind.DSP : MacKind.LUT_FIXED, rnd.nextInt(4),
                    c % 3 == 0 ? 8 + rnd.nextInt(4) : 24, 32);
            long need = BufferPorts.engineActivationNeedBits(spec, aBits);
            assertEquals(((long) spec.lanes() + spec.sp2Lanes()) * aBits, need);
            long have = switch (c % 6) {
                case 0 -> need;
                case 1 -> Math.max(1, need - 1);
                case 2 -> 1;
                default -> 1 + rnd.nextLong(need + need / 2);
            };
            int feed = new BufferPorts.Port("input", need, have).factor();
            assertEquals(have >= need ? 1 : (need + have - 1) / have, feed);
            Case k = Case.random(rnd, wBits, aBits);
            Sp2Format f = Sp2Format.of(wBits);
            boolean[] sp2 = new boolean[k.l.c()];
            int taps = k.l.r() * k.l.s();
            int[] codes = new int[k.w.length];
            int[] w = k.w.clone();
            int sp2Count = 0;
            for (int ch = 0; ch < sp2.length; ch++) {
                sp2[ch] = spec.hasSp2Lanes() && rnd.nextBoolean();
                sp2Count += sp2[ch] ? 1 : 0;
                for (int t = 0; t < taps; t++) {
                    int code = rnd.nextInt(4) == 0 ? f.codeOf(f.maxMagnitudeInt(), rnd.nextBoolean())
                            : rnd.nextInt(f.codeCount());
                    codes[ch * taps + t] = code;
                    if (sp2[ch]) {
                        w[ch * taps + t] = f.valueInt(code);
                    }
                }
            }
            long[] fast = new long[k.outLen()];
            long[] literal = new long[k.outLen()];
            long fo = new DepthwiseEngine(spec, wBits).compute(k.l, k.in, w, sp2, fast);
            LiteralDepthwiseEngine.Run run = new LiteralDepthwiseEngine(spec, wBits, feed).run(k.l, k.in, w, sp2,
                    codes, new Sp2Mac(f, aBits, false), literal);
            long[] plain = new Case(k.l, k.in, w).plain();
            int plane = k.l.outH() * k.l.outW();
            for (int i = 0; i < plain.length; i++) {
                int drop = 64 - (sp2[i / plane] ? spec.sp2AccumulatorBits(wBits) : spec.accumulatorBits());
                assertEquals((plain[i] << drop) >> drop, fast[i], k::toString);
            }
            assertArrayEquals(fast, literal, k::toString);
            assertEquals(fo, run.overflowEvents(), k::toString);
            assertEquals(k.realMacs(), run.macs(), k::toString);
            long closed = DepthwiseEngine.cycles(spec, k.l, sp2Count, feed);
            long free = DepthwiseEngine.cycles(spec, k.l, sp2Count);
            assertEquals(closed, run.cycles(), () -> spec + " feed " + feed + " " + k);
            assertEquals((free - DepthwiseEngine.PIPELINE) * feed + DepthwiseEngine.PIPELINE, closed, k::toString);
            assertEquals(closed - free, DepthwiseEngine.stallCycles(spec, k.l, sp2Count, feed), k::toString);
            if (have >= need) {
                assertEquals(free, closed, k::toString);
            }
            // a wider port never adds a cycle
            long prev = Long.MAX_VALUE;
            for (long h = 1; h <= need + 1; h++) {
                long cy = DepthwiseEngine.cycles(spec, k.l, sp2Count, new BufferPorts.Port("input", need, h).factor());
                assertTrue(cy <= prev, k::toString);
                prev = cy;
            }
            stalled += feed > 1 ? 1 : 0;
        }
        assertTrue(stalled > 100, "too few stalled cases to test anything: " + stalled);
        assertThrows(IllegalArgumentException.class, () -> DepthwiseEngine.cycles(
                new DepthwiseEngineSpec(1, 1, 24, 1), new DepthwiseEngine.Layer(1, 3, 3, 3, 3, 1, 1), 0, 0));
    }

    /** The SP2 lanes' accumulator is L − (W − 1) bits wider: +0 at 4 bits (L = 3), +8 at 8 bits (L = 15). */
    @Test
    void sp2AccumulatorWidth() {
        DepthwiseEngineSpec e = new DepthwiseEngineSpec(2, 2, MacKind.LUT_FIXED, 2, 13, 1);
        assertEquals(13, e.sp2AccumulatorBits(4));
        assertEquals(21, e.sp2AccumulatorBits(8));
    }

    /** Both lane kinds at once: the layer takes the slower kind's windows. */
    @Test
    void laneKindsRunSideBySide() {
        DepthwiseEngineSpec e = new DepthwiseEngineSpec(4, 8, MacKind.LUT_FIXED, 4, 16, 8);
        DepthwiseEngine.Layer l = new DepthwiseEngine.Layer(32, 8, 8, 3, 3, 1, 1);
        // 64 pixels / 4 = 16 pixel groups; 20 fixed channels / 8 = 3 groups; 12 SP2 / 4 = 3 groups
        assertEquals(16L * 3 * 9 + 2, DepthwiseEngine.cycles(e, l, 12));
        // 4 SP2 channels: fixed 28 / 8 = 4 groups beat SP2's 1
        assertEquals(16L * 4 * 9 + 2, DepthwiseEngine.cycles(e, l, 4));
        assertEquals(16L * 4 * 9 + 2, DepthwiseEngine.cycles(e, l, 0));
        assertThrows(IllegalArgumentException.class,
                () -> DepthwiseEngine.cycles(new DepthwiseEngineSpec(4, 8, 16, 8), l, 1));
        boolean[] sp2 = new boolean[32];
        sp2[3] = true;
        assertThrows(IllegalArgumentException.class, () -> new DepthwiseEngine(e).compute(l, new int[32 * 64],
                new int[32 * 9], sp2, new long[32 * 64]));
    }

    @Test
    void badShapesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new DepthwiseEngine.Layer(1, 2, 2, 5, 5, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new DepthwiseEngine.Layer(0, 2, 2, 1, 1, 1, 0));
    }

    /** A random layer with weights and activations at their extremes as often as in between. */
    private record Case(DepthwiseEngine.Layer l, int[] in, int[] w) {
        static Case random(SplittableRandom rnd, int wBits, int aBits) {
            int r = 1 + rnd.nextInt(5);
            int s = 1 + rnd.nextInt(5);
            int stride = 1 + rnd.nextInt(2);
            int pad = rnd.nextInt(3);
            int h = Math.max(1, r - 2 * pad) + rnd.nextInt(8);
            int w = Math.max(1, s - 2 * pad) + rnd.nextInt(8);
            DepthwiseEngine.Layer l = new DepthwiseEngine.Layer(1 + rnd.nextInt(20), h, w, r, s, stride, pad);
            int[] in = new int[l.c() * h * w];
            int aMax = (1 << aBits) - 1;
            for (int i = 0; i < in.length; i++) {
                in[i] = rnd.nextInt(4) == 0 ? aMax : rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(aMax + 1);
            }
            int[] wt = new int[l.c() * r * s];
            int wMax = (1 << (wBits - 1)) - 1;
            for (int i = 0; i < wt.length; i++) {
                wt[i] = rnd.nextInt(4) == 0 ? (rnd.nextBoolean() ? wMax : -wMax - 1) : rnd.nextInt(-wMax - 1, wMax + 1);
            }
            return new Case(l, in, wt);
        }

        int outLen() {
            return l.c() * l.outH() * l.outW();
        }

        long[] plain() {
            long[] out = new long[outLen()];
            for (int c = 0; c < l.c(); c++) {
                for (int y = 0; y < l.outH(); y++) {
                    for (int x = 0; x < l.outW(); x++) {
                        long sum = 0;
                        for (int r = 0; r < l.r(); r++) {
                            for (int s = 0; s < l.s(); s++) {
                                int iy = y * l.stride() + r - l.pad();
                                int ix = x * l.stride() + s - l.pad();
                                if (iy >= 0 && iy < l.h() && ix >= 0 && ix < l.w()) {
                                    sum += (long) w[(c * l.r() + r) * l.s() + s] * in[(c * l.h() + iy) * l.w() + ix];
                                }
                            }
                        }
                        out[(c * l.outH() + y) * l.outW() + x] = sum;
                    }
                }
            }
            return out;
        }

        long realMacs() {
            long n = 0;
            for (int y = 0; y < l.outH(); y++) {
                for (int x = 0; x < l.outW(); x++) {
                    for (int r = 0; r < l.r(); r++) {
                        for (int s = 0; s < l.s(); s++) {
                            int iy = y * l.stride() + r - l.pad();
                            int ix = x * l.stride() + s - l.pad();
                            n += iy >= 0 && iy < l.h() && ix >= 0 && ix < l.w() ? 1 : 0;
                        }
                    }
                }
            }
            return n * l.c();
        }

        @Override
        public String toString() {
            return l.toString();
        }
    }
}
