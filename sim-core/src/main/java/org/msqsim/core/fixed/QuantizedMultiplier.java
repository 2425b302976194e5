package org.msqsim.core.fixed;

/**
 * A positive real scale as integer hardware applies it: {@code scale = multiplier · 2^-shift}, with
 * {@code multiplier} an unsigned integer of {@code bits} bits (gemmlowp/TFLite use 31; 15 suits a
 * DSP48's 18-bit port). A product {@code acc × multiplier} followed by a rounding right shift by
 * {@code shift} then multiplies by the scale (see {@link Requantizer}).
 *
 * <p>{@link #of} normalises the multiplier to {@code [2^(bits−1), 2^bits)} as TFLite's
 * {@code QuantizeMultiplier} does: {@code scale = q·2^e} with {@code q ∈ [1/2, 1)} (frexp),
 * {@code multiplier = round(q·2^bits)}, {@code shift = bits − e}, and a multiplier rounded up to
 * {@code 2^bits} is halved with the shift decremented. Error bound: the multiplier is off by at most
 * 1/2, so {@code |multiplier·2^-shift − scale| ≤ 2^-(shift+1)}, and since {@code multiplier ≥ 2^(bits−1)}
 * the relative error of the scale is at most {@code 2^-bits}. A requantized output
 * {@code roundShift(acc·multiplier, shift)} is then within {@code |acc|·scale·2^-bits} plus the
 * rounding mode's own error (1/2 for the round-to-nearest modes, below 1 for TRUNCATE/TOWARD_ZERO) of
 * the real {@code acc·scale}.
 *
 * @param multiplier unsigned, {@code 0 <= multiplier < 2^bits}
 * @param bits       declared multiplier width, 1..31
 * @param shift      right shift, 0..62
 */
public record QuantizedMultiplier(int multiplier, int bits, int shift) {

    public QuantizedMultiplier {
        if (bits < 1 || bits > 31) {
            throw new IllegalArgumentException("multiplier width must be 1..31 bits, got " + bits);
        }
        if (multiplier < 0 || (multiplier >>> bits) != 0) {
            throw new IllegalArgumentException("multiplier " + multiplier + " does not fit unsigned " + bits + " bits");
        }
        if (shift < 0 || shift > 62) {
            throw new IllegalArgumentException("shift must be 0..62, got " + shift);
        }
    }

    /**
     * The nearest {@code bits}-bit normalised multiplier and its shift for a positive finite
     * {@code scale}; throws if the scale needs a shift outside 0..62.
     */
    public static QuantizedMultiplier of(double scale, int bits) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be positive and finite, got " + scale);
        }
        if (bits < 1 || bits > 31) {
            throw new IllegalArgumentException("multiplier width must be 1..31 bits, got " + bits);
        }
        int e = Math.getExponent(scale) + 1; // frexp exponent: scale = q · 2^e, q in [1/2, 1)
        long m = Math.round(Math.scalb(scale, bits - e)); // exact scaling, then round half away (scale > 0)
        if (m == 1L << bits) {
            m >>= 1;
            e++;
        }
        int shift = bits - e;
        if (shift < 0 || shift > 62) {
            throw new IllegalArgumentException("scale " + scale + " needs shift " + shift + " with a " + bits
                    + "-bit multiplier; only 0..62 is supported");
        }
        return new QuantizedMultiplier((int) m, bits, shift);
    }

    /** The scale this pair applies, {@code multiplier · 2^-shift} (exact in a double). */
    public double scale() {
        return Math.scalb((double) multiplier, -shift);
    }
}
