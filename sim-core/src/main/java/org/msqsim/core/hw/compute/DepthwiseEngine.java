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
 * <p><b>Values.</b> Each output accumulates its R·S products {@code w[c][tap]·x[c][y][x]} (zero where
 * the window reads padding) in κ = tap order in a wrapping accumulator of the declared width; WRAP is
 * associative, so the fast path wraps once per output. An overflow event is an output whose
 * accumulator ends off its exact sum.
 */
public final class DepthwiseEngine {
    /** Clocks from a tap's operands being registered to its output being written: product, accumulator. */
    public static final int PIPELINE = 2;

    private final DepthwiseEngineSpec spec;
    private final FixedFormat accumulator;

    public DepthwiseEngine(DepthwiseEngineSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.accumulator = FixedFormat.signedInt(spec.accumulatorBits(), Overflow.WRAP);
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
        long pixelGroups = ceilDiv((long) l.outH() * l.outW(), spec.pixels());
        long channelGroups = ceilDiv(l.c(), spec.channels());
        return pixelGroups * channelGroups * l.r() * l.s() + PIPELINE;
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
        int ho = l.outH();
        int wo = l.outW();
        Objects.checkFromIndexSize(0, l.c() * l.h() * l.w(), in.length);
        Objects.checkFromIndexSize(0, l.c() * l.r() * l.s(), w.length);
        Objects.checkFromIndexSize(0, l.c() * ho * wo, out.length);
        long overflows = 0;
        for (int c = 0; c < l.c(); c++) {
            int plane = c * l.h() * l.w();
            int taps = c * l.r() * l.s();
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
                    long v = accumulator.fit(sum);
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
