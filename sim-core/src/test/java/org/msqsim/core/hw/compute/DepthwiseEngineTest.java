package org.msqsim.core.hw.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.msqsim.core.spec.DepthwiseEngineSpec;

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
