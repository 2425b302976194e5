package org.msqsim.models.quant;

/**
 * Symmetric m-bit fixed-point: codes are the integers {@code q ∈ [−Q, Q]} with {@code Q = 2^(m−1) − 1}
 * (narrow range: the code −2^(m−1) is not used, so the level set is symmetric and the DSP48E1 4-lane
 * packing, which needs narrow-range weights (FINN {@code mvu_4sx4u}), applies). Value {@code α·q/Q}.
 * The code is the two's complement integer the DSP multiplies by. Rounding: to nearest, ties away
 * from zero; values beyond ±α clamp to ±Q.
 */
public final class FixedPointQuantizer implements RowQuantizer {
    private final int bits;
    private final int q;
    private final double[] magnitudes;
    /** {@code unitValue(code)} at index {@code code + q}, computed as {@code code / (double) q}. */
    private final double[] values;

    public FixedPointQuantizer(int bits) {
        if (bits < 2 || bits > 16) {
            throw new IllegalArgumentException("fixed-point weight width must be 2..16 bits, got " + bits);
        }
        this.bits = bits;
        this.q = (1 << (bits - 1)) - 1;
        this.magnitudes = new double[q + 1];
        for (int i = 0; i <= q; i++) {
            magnitudes[i] = i / (double) q;
        }
        this.values = new double[2 * q + 1];
        for (int code = -q; code <= q; code++) {
            values[code + q] = code / (double) q;
        }
    }

    @Override
    public Scheme scheme() {
        return Scheme.FIXED;
    }

    @Override
    public int bits() {
        return bits;
    }

    @Override
    public int nearestCode(double x) {
        double scaled = Math.abs(x) * q;
        long mag = (long) Math.floor(scaled + 0.5);
        int m = (int) Math.min(q, mag);
        return x < 0 ? -m : m;
    }

    @Override
    public double unitValue(int code) {
        return code >= -q && code <= q ? values[code + q] : code / (double) q;
    }

    @Override
    public int intWeight(int code) {
        return code;
    }

    @Override
    public int unitDenominator() {
        return q;
    }

    @Override
    public double[] unitMagnitudes() {
        return magnitudes.clone();
    }
}
