package org.msqsim.core.hw.compute;

import java.util.Arrays;
import java.util.Objects;
import org.msqsim.core.fixed.FixedFormat;
import org.msqsim.core.fixed.Overflow;
import org.msqsim.core.fixed.Sp2Mac;
import org.msqsim.core.spec.DepthwiseEngineSpec;

/**
 * A literal, cycle-stepped model of the {@link DepthwiseEngine}: one loop iteration per clock, each
 * lane a three-stage pipeline of registers (operands, product, accumulator), windows issued one tap
 * per clock in {@code DepthwiseEngine}'s order, the cycle count taken from when the last output is
 * written — never from the formula. The fixed-point lanes multiply integer weights; the SP2 lanes
 * multiply the SP2 <i>codes</i> with the shift-add datapath ({@link Sp2Mac}), so the SP2 products are
 * formed as the hardware forms them, not from the integer weights the fast engine uses. The reference
 * the fast engine is tested against; small layers only, plainness over speed.
 *
 * <p>Input port: with a feed of {@code f} clocks per tap ({@link BufferPorts#engineStall}), each tap's
 * activations take {@code f} clocks to read; on the first {@code f − 1} of them the clock enable is low
 * and no register of any lane changes (a stall). Once every tap is issued, the pipeline empties
 * without reading the buffer.
 */
public final class LiteralDepthwiseEngine {

    /** Cycles until the last output was written, MACs done (padding taps are not work), overflow events. */
    public record Run(long cycles, long macs, long overflowEvents) {
    }

    private final DepthwiseEngineSpec spec;
    private final FixedFormat accumulator;
    private final FixedFormat sp2Accumulator;
    /** Clocks the feeder takes to read one tap's activations (1: the input port keeps up). */
    private final int feed;

    /** Fixed-point channels only. */
    public LiteralDepthwiseEngine(DepthwiseEngineSpec spec) {
        this.spec = spec;
        this.accumulator = FixedFormat.signedInt(spec.accumulatorBits(), Overflow.WRAP);
        this.sp2Accumulator = null;
        this.feed = 1;
    }

    /** SP2 lanes for weights of {@code weightBits}. */
    public LiteralDepthwiseEngine(DepthwiseEngineSpec spec, int weightBits) {
        this(spec, weightBits, 1);
    }

    /** SP2 lanes for weights of {@code weightBits}, {@code feed} clocks per tap read (class comment). */
    public LiteralDepthwiseEngine(DepthwiseEngineSpec spec, int weightBits, int feed) {
        if (feed < 1) {
            throw new IllegalArgumentException("feed clocks per tap must be >= 1, got " + feed);
        }
        this.spec = spec;
        this.accumulator = FixedFormat.signedInt(spec.accumulatorBits(), Overflow.WRAP);
        this.sp2Accumulator = FixedFormat.signedInt(spec.sp2AccumulatorBits(weightBits), Overflow.WRAP);
        this.feed = feed;
    }

    /** Same operands and output layout as {@link DepthwiseEngine#compute}, every channel fixed-point. */
    public Run run(DepthwiseEngine.Layer l, int[] in, int[] w, long[] out) {
        return run(l, in, w, null, null, null, out);
    }

    /**
     * Channel {@code c} SP2 where {@code sp2[c]}: its lanes multiply {@code codes[c·R·S + tap]} with
     * {@code mac}; other channels multiply {@code w}. {@code sp2} null: every channel fixed-point.
     */
    public Run run(DepthwiseEngine.Layer l, int[] in, int[] w, boolean[] sp2, int[] codes, Sp2Mac mac, long[] out) {
        int ho = l.outH();
        int wo = l.outW();
        int taps = l.r() * l.s();
        int[] fixedCh = channels(l.c(), sp2, false);
        int[] sp2Ch = channels(l.c(), sp2, true);
        if (sp2Ch.length > 0) {
            Objects.requireNonNull(codes, "codes");
            Objects.requireNonNull(mac, "mac");
            if (sp2Accumulator == null || !spec.hasSp2Lanes()) {
                throw new IllegalArgumentException("SP2 channels on an engine without SP2 lanes or weight width");
            }
        }
        long pixelGroups = ((long) ho * wo + spec.pixels() - 1) / spec.pixels();
        // lane kinds: [0, fixedLanes) fixed-point, then the SP2 lanes
        int fixedLanes = spec.lanes();
        int lanes = fixedLanes + spec.sp2Lanes();
        long fixedWindows = pixelGroups * ((fixedCh.length + spec.channels() - 1) / spec.channels());
        long sp2Windows = spec.hasSp2Lanes() ? pixelGroups * ((sp2Ch.length + spec.sp2Channels() - 1)
                / spec.sp2Channels()) : 0;
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
        long cycle = 0;
        long issue = 0; // the tap clock the lanes are on: it advances only when its read is complete
        long tapClocks = Math.max(fixedWindows, sp2Windows) * taps;
        int reading = 0; // clocks spent so far reading the current tap's activations
        for (; written < total; cycle++) {
            if (issue < tapClocks && ++reading < feed) {
                continue; // stall: the feeder is still reading this tap's words; no register changes
            }
            reading = 0;
            for (int lane = 0; lane < lanes; lane++) {
                boolean sp2Lane = lane >= fixedLanes;
                FixedFormat width = sp2Lane ? sp2Accumulator : accumulator;
                // stage 3: the accumulator takes last clock's product; the window's last tap writes the output
                if (prodOut[lane] >= 0) {
                    long a = prodTap[lane] == 0 ? 0 : acc[lane];
                    long e = prodTap[lane] == 0 ? 0 : exact[lane];
                    acc[lane] = width.fit(a + prod[lane]);
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
                prod[lane] = sp2Lane && opOut[lane] >= 0 ? mac.multiply((int) opW[lane], (int) opX[lane])
                        : opW[lane] * opX[lane];
                // stage 1: this clock's tap of the lane's window, if any
                opOut[lane] = -1;
                int k = sp2Lane ? lane - fixedLanes : lane;
                int perPixel = sp2Lane ? spec.sp2Channels() : spec.channels();
                int[] list = sp2Lane ? sp2Ch : fixedCh;
                long windows = sp2Lane ? sp2Windows : fixedWindows;
                if (issue < windows * taps) {
                    long channelGroups = windows / pixelGroups;
                    long window = issue / taps;
                    int tap = (int) (issue % taps);
                    long pg = window / channelGroups;
                    long cg = window % channelGroups;
                    long pixel = pg * spec.pixels() + k / perPixel;
                    long slot = cg * perPixel + k % perPixel;
                    if (pixel < (long) ho * wo && slot < list.length) {
                        int c = list[(int) slot];
                        int y = (int) (pixel / wo);
                        int x = (int) (pixel % wo);
                        int r = tap / l.s();
                        int s = tap % l.s();
                        int iy = y * l.stride() + r - l.pad();
                        int ix = x * l.stride() + s - l.pad();
                        boolean inside = iy >= 0 && iy < l.h() && ix >= 0 && ix < l.w();
                        opW[lane] = sp2Lane ? codes[c * taps + tap] : w[c * taps + tap];
                        opX[lane] = inside ? in[(c * l.h() + iy) * l.w() + ix] : 0;
                        macs += inside ? 1 : 0;
                        opOut[lane] = (c * ho + y) * wo + x;
                        opTap[lane] = tap;
                    }
                }
            }
            issue++;
        }
        return new Run(cycle, macs, overflows);
    }

    /** The channels of one kind, in channel order. */
    private static int[] channels(int c, boolean[] sp2, boolean wantSp2) {
        int[] out = new int[c];
        int n = 0;
        for (int i = 0; i < c; i++) {
            if ((sp2 != null && sp2[i]) == wantSp2) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
