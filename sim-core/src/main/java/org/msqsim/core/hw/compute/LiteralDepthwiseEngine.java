package org.msqsim.core.hw.compute;

import java.util.Arrays;
import org.msqsim.core.fixed.FixedFormat;
import org.msqsim.core.fixed.Overflow;
import org.msqsim.core.spec.DepthwiseEngineSpec;

/**
 * A literal, cycle-stepped model of the {@link DepthwiseEngine}: one loop iteration per clock, each
 * lane a three-stage pipeline of registers (operands, product, accumulator), windows issued one tap
 * per clock in {@code DepthwiseEngine}'s order, the cycle count taken from when the last output is
 * written — never from the formula. The reference the fast engine is tested against; small layers
 * only, plainness over speed.
 */
public final class LiteralDepthwiseEngine {

    /** Cycles until the last output was written, MACs done (padding taps are not work), overflow events. */
    public record Run(long cycles, long macs, long overflowEvents) {
    }

    private final DepthwiseEngineSpec spec;
    private final FixedFormat accumulator;

    public LiteralDepthwiseEngine(DepthwiseEngineSpec spec) {
        this.spec = spec;
        this.accumulator = FixedFormat.signedInt(spec.accumulatorBits(), Overflow.WRAP);
    }

    /** Same operands and output layout as {@link DepthwiseEngine#compute}. */
    public Run run(DepthwiseEngine.Layer l, int[] in, int[] w, long[] out) {
        int lanes = spec.lanes();
        int ho = l.outH();
        int wo = l.outW();
        int taps = l.r() * l.s();
        long pixelGroups = ((long) ho * wo + spec.pixels() - 1) / spec.pixels();
        long channelGroups = (l.c() + spec.channels() - 1) / spec.channels();
        long windows = pixelGroups * channelGroups;
        // per lane: stage-1 operands, stage-2 product, the accumulator; output index −1 = bubble
        long[] opW = new long[lanes];
        long[] opX = new long[lanes];
        int[] opOut = new int[lanes];
        int[] opTap = new int[lanes];
        long[] prod = new long[lanes];
        int[] prodOut = new int[lanes];
        int[] prodTap = new int[lanes];
        long[] acc = new long[lanes];
        long[] exact = new long[lanes];
        Arrays.fill(opOut, -1);
        Arrays.fill(prodOut, -1);
        long macs = 0;
        long overflows = 0;
        long written = 0;
        long total = (long) l.c() * ho * wo;
        long issued = windows * taps; // taps issued, one per clock
        long cycle = 0;
        for (; written < total; cycle++) {
            for (int lane = 0; lane < lanes; lane++) {
                // stage 3: the accumulator takes last clock's product; the window's last tap writes the output
                if (prodOut[lane] >= 0) {
                    long a = prodTap[lane] == 0 ? 0 : acc[lane];
                    long e = prodTap[lane] == 0 ? 0 : exact[lane];
                    acc[lane] = accumulator.fit(a + prod[lane]);
                    exact[lane] = e + prod[lane];
                    if (prodTap[lane] == taps - 1) {
                        out[prodOut[lane]] = acc[lane];
                        overflows += acc[lane] != exact[lane] ? 1 : 0;
                        written++;
                    }
                }
                // stage 2: the multiplier's product register takes last clock's operands
                prodOut[lane] = opOut[lane];
                prodTap[lane] = opTap[lane];
                prod[lane] = opW[lane] * opX[lane];
                // stage 1: this clock's tap of the lane's window, if any
                opOut[lane] = -1;
                if (cycle < issued) {
                    long window = cycle / taps;
                    int tap = (int) (cycle % taps);
                    long pg = window / channelGroups;
                    long cg = window % channelGroups;
                    long pixel = pg * spec.pixels() + lane / spec.channels();
                    long c = cg * spec.channels() + lane % spec.channels();
                    if (pixel < (long) ho * wo && c < l.c()) {
                        int y = (int) (pixel / wo);
                        int x = (int) (pixel % wo);
                        int r = tap / l.s();
                        int s = tap % l.s();
                        int iy = y * l.stride() + r - l.pad();
                        int ix = x * l.stride() + s - l.pad();
                        boolean inside = iy >= 0 && iy < l.h() && ix >= 0 && ix < l.w();
                        opW[lane] = w[(int) c * taps + tap];
                        opX[lane] = inside ? in[((int) c * l.h() + iy) * l.w() + ix] : 0;
                        macs += inside ? 1 : 0;
                        opOut[lane] = (int) ((c * ho + y) * wo + x);
                        opTap[lane] = tap;
                    }
                }
            }
        }
        return new Run(cycle, macs, overflows);
    }
}
