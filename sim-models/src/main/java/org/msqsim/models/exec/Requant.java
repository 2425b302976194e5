package org.msqsim.models.exec;

import org.msqsim.core.fixed.FixedFormat;
import org.msqsim.core.fixed.Overflow;
import org.msqsim.core.fixed.QuantizedMultiplier;
import org.msqsim.core.fixed.Requantizer;
import org.msqsim.core.fixed.Rounding;
import org.msqsim.models.layer.Activation;
import org.msqsim.models.layer.QTensor;
import org.msqsim.models.layer.Shape;
import org.msqsim.models.quant.ActivationQuantizer;

/**
 * How msqsim's "compiler" quantizes a layer's output, and the integer hardware that applies it.
 * Calibration (our documented choice): the output scale maps the largest real output of this input
 * to the largest code (max calibration, as {@link ActivationQuantizer}).
 * Each weight row has its own scale, so each output channel gets its own 16-bit multiplier and
 * shift (a per-channel requantizer; 16 bits fit a DSP48's 18-bit port). Outputs are unsigned after
 * a ReLU/ReLU6 and signed (symmetric range) without one; ReLU6 clamps at 6 real units.
 */
final class Requant {
    static final int MULTIPLIER_BITS = 16;
    /** Accumulators reach the requantizer at most this wide (the cores' accumulators are narrower). */
    static final int ACC_BITS = 40;
    /**
     * A row's scale from which every non-zero accumulator saturates: {@code |acc·scale| >= 2^15}
     * exceeds every code of at most 15 bits (msqsim's are 3..8). Such a scale arises when a row's
     * step is far above the layer's output step, e.g. a row with one huge weight whose outputs are
     * all cut by the ReLU; the 16-bit multiplier cannot hold it (it would need a left shift), and the
     * hardware needs none: it clamps.
     */
    static final double SATURATING_SCALE = 0x1p15;

    private Requant() {
    }

    /**
     * Requantizes {@code acc} ({@code rows × n}) whose row {@code r} has real step {@code step[r]}
     * into a tensor of {@code bits}-bit codes.
     */
    static QTensor apply(long[] acc, double[] step, int n, Activation act, int bits, Shape out) {
        boolean signed = act == Activation.NONE;
        long maxCode = signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
        double realMax = 0;
        for (int r = 0; r < step.length; r++) {
            for (int j = 0; j < n; j++) {
                double v = acc[r * n + j] * step[r];
                realMax = Math.max(realMax, signed ? Math.abs(v) : v);
            }
        }
        if (act == Activation.RELU6) {
            realMax = Math.min(realMax, 6.0);
        }
        double sOut = realMax > 0 ? realMax / maxCode : 1.0;
        FixedFormat fmt = new FixedFormat(bits, 0, signed, Rounding.HALF_AWAY, Overflow.SATURATE);
        int[] codes = new int[step.length * n];
        for (int r = 0; r < step.length; r++) {
            double scale = step[r] / sOut;
            if (!(scale >= 0x1p-40)) {
                continue; // an all-zero row (α = 0) or a step too small to reach one code: outputs stay 0
            }
            if (scale >= SATURATING_SCALE) {
                saturate(acc, r * n, codes, n, fmt);
                continue;
            }
            Requantizer rq = Requantizer.of(QuantizedMultiplier.of(scale, MULTIPLIER_BITS), ACC_BITS, fmt, 0, !signed);
            rq.applyAll(acc, r * n, codes, r * n, n);
        }
        return new QTensor(out, codes, sOut, signed);
    }

    /**
     * Adds each row's real bias to its accumulators as an integer at the row's step,
     * {@code round(bias[r]/step[r])} (the bias the hardware adds before requantizing); a row whose
     * step is 0 (all weights 0) gets none.
     */
    static void addBias(long[] acc, double[] step, int n, double[] bias) {
        for (int r = 0; r < step.length; r++) {
            if (!(step[r] > 0)) {
                continue;
            }
            double q = Math.rint(bias[r] / step[r]);
            long b = (long) Math.max(-0x1p38, Math.min(0x1p38, q)); // beyond any code: it saturates
            for (int j = 0; j < n; j++) {
                acc[r * n + j] += b;
            }
        }
    }

    /**
     * Codes of a row whose scale saturates, as the requantizer would give them: the format's largest
     * code for a positive accumulator, its smallest for a negative one (0 when unsigned, as after a
     * ReLU), 0 for 0.
     */
    private static void saturate(long[] acc, int off, int[] codes, int n, FixedFormat fmt) {
        for (int j = 0; j < n; j++) {
            long a = acc[off + j];
            codes[off + j] = (int) (a == 0 ? 0 : a > 0 ? fmt.max() : fmt.min());
        }
    }
}
