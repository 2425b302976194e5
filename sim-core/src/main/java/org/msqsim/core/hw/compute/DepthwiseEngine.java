package org.msqsim.core.hw.compute;

import java.util.Objects;
import org.msqsim.core.fixed.FixedFormat;
import org.msqsim.core.fixed.Overflow;
import org.msqsim.core.spec.DepthwiseEngineSpec;

/**
 * The depthwise engine at layer granularity ({@link DepthwiseEngineSpec}): exact cycles in closed
 * form and the layer's outputs, bit-exact at the declared accumulator width, without stepping
 * cycles (STYLE 3); {@link LiteralDepthwiseEngine} steps the same lanes clock by clock and the tests
 * hold the two to the same bits and cycles.
 *
 * <p><b>Schedule.</b> The output pixels (row-major) are cut into groups of {@code pixels}, the
 * channels into groups of {@code channels}; each (pixel group, channel group) is one <i>window</i>,
 * whose lanes each compute one output by taking the R·S kernel taps in order (r, then s), one per
 * clock. Windows follow one another without a gap, channel group inside pixel group. A lane is a
 * three-stage pipeline — operand registers, the multiplier's product register, the accumulator — so
 * the last output is written {@value #PIPELINE} clocks after its last tap's operands are registered:
 * {@code cycles = ceil(Ho·Wo / pixels) · ceil(C / channels) · R·S + }{@value #PIPELINE}.
 *
 * <p><b>Two lane kinds.</b> With SP2 lanes ({@link DepthwiseEngineSpec#sp2Channels}), the layer's
 * channels are split by their MSQ scheme: the fixed-point channels, in channel order, are cut into
 * groups of {@code channels} for the fixed-point lanes, the SP2 channels into groups of
 * {@code sp2Channels} for the SP2 lanes; both lane kinds walk the same pixel groups at once, each
 * through its own channel groups, so
 * {@code cycles = ceil(Ho·Wo / pixels) · max(ceil(Cfix / channels), ceil(Csp2 / sp2Channels)) · R·S + }{@value #PIPELINE}
 * (a kind with no channels takes no windows). With no SP2 channel this is the formula above.
 *
 * <p><b>Input port</b> (issue 13 point 10; docs/cost-model.md "Buffer bandwidth"). Every tap clock,
 * each lane's operand register loads the one activation its window's tap reads from the input buffer
 * (the line buffer): the engine has no sliding-window register (none is priced, and the DPU's
 * feature-map banks are sized for one activation per lane a clock), so a tap clock reads
 * {@code pixels × (channels + sp2Channels)} activations ({@link BufferPorts#engineActivationNeedBits}).
 * When the input buffer's {@code banks × width_bits} carry fewer, the feeder takes
 * {@code f = ceil(need / have)} clocks per tap ({@link BufferPorts#engineStall}), the lanes frozen (clock
 * enable low, no register changes) on all but the last: {@code cycles = windows · R·S · f + }{@value #PIPELINE}
 * (the pipeline's last clocks read nothing and are not stretched).
 *
 * <p><b>Values.</b> Each output accumulates its R·S products {@code w[c][tap]·x[c][y][x]} (zero where
 * the window reads padding) in κ = tap order in a wrapping accumulator of its lane kind's width
 * ({@link DepthwiseEngineSpec#accumulatorBits} for fixed-point channels,
 * {@link DepthwiseEngineSpec#sp2AccumulatorBits} for SP2 ones, whose integer weights are SP2 values in
 * units of 2^-L); WRAP is associative, so the fast path wraps once per output. An overflow event is an
 * output whose accumulator ends off its exact sum.
 */
public final class DepthwiseEngine {
    /** Clocks from a tap's operands being registered to its output being written: product, accumulator. */
    public static final int PIPELINE = 2;

    private final DepthwiseEngineSpec spec;
    private final FixedFormat accumulator;
    /** The SP2 lanes' accumulator; null when the weight width is not known (fixed-point channels only). */
    private final FixedFormat sp2Accumulator;

    /** An engine for fixed-point channels only (its SP2 lanes, if any, need the weight width). */
    public DepthwiseEngine(DepthwiseEngineSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.accumulator = FixedFormat.signedInt(spec.accumulatorBits(), Overflow.WRAP);
        this.sp2Accumulator = null;
    }

    /** An engine whose SP2 lanes take weights of {@code weightBits}. */
    public DepthwiseEngine(DepthwiseEngineSpec spec, int weightBits) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.accumulator = FixedFormat.signedInt(spec.accumulatorBits(), Overflow.WRAP);
        this.sp2Accumulator = FixedFormat.signedInt(spec.sp2AccumulatorBits(weightBits), Overflow.WRAP);
    }

    /** One depthwise layer's shape: C channels of H×W, an R×S kernel, stride, zero padding. */
    public record Layer(int c, int h, int w, int r, int s, int stride, int pad) {
        public Layer {
            if (c < 1 || h < 1 || w < 1 || r < 1 || s < 1 || stride < 1 || pad < 0) {
                throw new IllegalArgumentException("bad depthwise layer " + c + "x" + h + "x" + w + " k" + r + "x" + s
                        + " s" + stride + " p" + pad);
            }
            if (h + 2 * pad < r || w + 2 * pad < s) { // the fields are not assigned yet: no outH() here
                throw new IllegalArgumentException("depthwise kernel " + r + "x" + s + " larger than the padded input");
            }
        }

        public int outH() {
            return (h + 2 * pad - r) / stride + 1;
        }

        public int outW() {
            return (w + 2 * pad - s) / stride + 1;
        }

        public long macs() {
            return (long) c * outH() * outW() * r * s;
        }
    }

    /** Cycles of the control clock for the layer, {@value #PIPELINE} of pipeline included. */
    public static long cycles(DepthwiseEngineSpec spec, Layer l) {
        return cycles(spec, l, 0);
    }

    /**
     * Cycles of the control clock for the layer with {@code sp2Channels} of its channels SP2 (on the
     * SP2 lanes) and the rest fixed-point, {@value #PIPELINE} of pipeline included.
     *
     * @throws IllegalArgumentException if the layer has SP2 channels and the engine no SP2 lanes
     */
    public static long cycles(DepthwiseEngineSpec spec, Layer l, int sp2Channels) {
        return cycles(spec, l, sp2Channels, 1);
    }

    /**
     * As {@link #cycles(DepthwiseEngineSpec, Layer, int)}, each tap clock taking {@code feed} clocks to
     * read its activations from the input buffer ({@link BufferPorts#engineStall}; class comment).
     *
     * @throws IllegalArgumentException if {@code feed < 1}, or as the three-argument form
     */
    public static long cycles(DepthwiseEngineSpec spec, Layer l, int sp2Channels, int feed) {
        if (feed < 1) {
            throw new IllegalArgumentException("feed clocks per tap must be >= 1, got " + feed);
        }
        return tapClocks(spec, l, sp2Channels) * feed + PIPELINE;
    }

    /** The stall clocks {@code feed} clocks per tap add to the layer: {@code (feed − 1) ·} tap clocks. */
    public static long stallCycles(DepthwiseEngineSpec spec, Layer l, int sp2Channels, int feed) {
        return cycles(spec, l, sp2Channels, feed) - cycles(spec, l, sp2Channels, 1);
    }

    /** Tap clocks of the layer: windows × R·S (the clocks that read the input buffer). */
    private static long tapClocks(DepthwiseEngineSpec spec, Layer l, int sp2Channels) {
        if (sp2Channels < 0 || sp2Channels > l.c() || (sp2Channels > 0 && !spec.hasSp2Lanes())) {
            throw new IllegalArgumentException(sp2Channels + " SP2 channels of " + l.c() + " on an engine with "
                    + spec.sp2Channels() + " SP2 channel lanes");
        }
        long pixelGroups = ceilDiv((long) l.outH() * l.outW(), spec.pixels());
        long fixedGroups = ceilDiv(l.c() - sp2Channels, spec.channels());
        long sp2Groups = sp2Channels == 0 ? 0 : ceilDiv(sp2Channels, spec.sp2Channels());
        return pixelGroups * Math.max(fixedGroups, sp2Groups) * l.r() * l.s();
    }

    /** The declared accumulator: every output is one of its values. */
    public FixedFormat accumulator() {
        return accumulator;
    }

    /**
     * The layer's accumulators {@code out[c·Ho·Wo + y·Wo + x]} from input codes {@code in[c·H·W + y·W +
     * x]} and weights {@code w[c·R·S + r·S + s]}. Returns the overflow events.
     */
    public long compute(Layer l, int[] in, int[] w, long[] out) {
        return compute(l, in, w, null, out);
    }

    /**
     * As {@link #compute(Layer, int[], int[], long[])}, channel {@code c} SP2 where {@code sp2[c]} (its
     * weights the SP2 integers, in units of 2^-L), accumulated at the SP2 lanes' width; {@code sp2}
     * null means every channel fixed-point.
     *
     * @throws IllegalArgumentException if a channel is SP2 and the engine has no SP2 lanes or was built
     *                                  without the weight width
     */
    public long compute(Layer l, int[] in, int[] w, boolean[] sp2, long[] out) {
        if (sp2 != null) {
            Objects.checkFromIndexSize(0, l.c(), sp2.length);
            for (int c = 0; c < l.c(); c++) {
                if (sp2[c] && (sp2Accumulator == null || !spec.hasSp2Lanes())) {
                    throw new IllegalArgumentException("channel " + c + " is SP2, but the engine has "
                            + spec.sp2Channels() + " SP2 channel lanes" + (sp2Accumulator == null
                            ? " and no weight width" : ""));
                }
            }
        }
        int ho = l.outH();
        int wo = l.outW();
        Objects.checkFromIndexSize(0, l.c() * l.h() * l.w(), in.length);
        Objects.checkFromIndexSize(0, l.c() * l.r() * l.s(), w.length);
        Objects.checkFromIndexSize(0, l.c() * ho * wo, out.length);
        long overflows = 0;
        for (int c = 0; c < l.c(); c++) {
            int plane = c * l.h() * l.w();
            int taps = c * l.r() * l.s();
            FixedFormat acc = sp2 != null && sp2[c] ? sp2Accumulator : accumulator;
            for (int y = 0; y < ho; y++) {
                for (int x = 0; x < wo; x++) {
                    long sum = 0;
                    for (int r = 0; r < l.r(); r++) {
                        int iy = y * l.stride() + r - l.pad();
                        if (iy < 0 || iy >= l.h()) {
                            continue;
                        }
                        for (int s = 0; s < l.s(); s++) {
                            int ix = x * l.stride() + s - l.pad();
                            if (ix >= 0 && ix < l.w()) {
                                sum += (long) w[taps + r * l.s() + s] * in[plane + iy * l.w() + ix];
                            }
                        }
                    }
                    long v = acc.fit(sum);
                    overflows += v != sum ? 1 : 0;
                    out[(c * ho + y) * wo + x] = v;
                }
            }
        }
        return overflows;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
