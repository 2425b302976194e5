package org.msqsim.models.quant;

/**
 * Per-tensor activation quantizer. Unsigned after a ReLU: codes {@code 0 … 2^a − 1}, value
 * {@code s·code}. Signed otherwise: symmetric narrow range {@code −(2^(a−1) − 1) … 2^(a−1) − 1}, so
 * zero is exact and the level set is symmetric. The scale is calibrated to the tensor's largest
 * magnitude (max calibration: nothing clips; a documented, common choice — percentile calibration
 * would trade clipping for resolution and is left to the user's own scale via {@link #withScale}).
 * Rounding: to nearest, ties away from zero.
 */
public final class ActivationQuantizer {
    private final int bits;
    private final boolean signed;
    private final double scale;

    private ActivationQuantizer(int bits, boolean signed, double scale) {
        if (bits < 2 || bits > 16) {
            throw new IllegalArgumentException("activation width must be 2..16 bits, got " + bits);
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("activation scale must be positive and finite, got " + scale);
        }
        this.bits = bits;
        this.signed = signed;
        this.scale = scale;
    }

    /** A quantizer whose largest code represents the largest magnitude in {@code values}. */
    public static ActivationQuantizer calibrate(double[] values, int bits, boolean signed) {
        double maxAbs = 0;
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("activation values must be finite, found " + v);
            }
            if (!signed && v < 0) {
                throw new IllegalArgumentException("unsigned activations must be >= 0, found " + v);
            }
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        int maxCode = signed ? (1 << (bits - 1)) - 1 : (1 << bits) - 1;
        return new ActivationQuantizer(bits, signed, maxAbs == 0 ? 1.0 : maxAbs / maxCode);
    }

    public static ActivationQuantizer withScale(int bits, boolean signed, double scale) {
        return new ActivationQuantizer(bits, signed, scale);
    }

    public int bits() {
        return bits;
    }

    public boolean signed() {
        return signed;
    }

    public double scale() {
        return scale;
    }

    public int minCode() {
        return signed ? -((1 << (bits - 1)) - 1) : 0;
    }

    public int maxCode() {
        return signed ? (1 << (bits - 1)) - 1 : (1 << bits) - 1;
    }

    public int quantize(double v) {
        double x = v / scale;
        long r = (long) (Math.signum(x) * Math.floor(Math.abs(x) + 0.5));
        return (int) Math.max(minCode(), Math.min(maxCode(), r));
    }

    public int[] quantize(double[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = quantize(values[i]);
        }
        return out;
    }

    public double dequantize(int code) {
        return code * scale;
    }
}
