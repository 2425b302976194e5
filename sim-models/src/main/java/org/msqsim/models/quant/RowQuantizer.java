package org.msqsim.models.quant;

/**
 * Quantizes one weight row to integer codes at a given scale α. A code's real value is
 * {@code α · unitValue(code)}, where unit values lie in [−1, 1] and are symmetric about 0.
 */
public sealed interface RowQuantizer permits FixedPointQuantizer, Sp2Quantizer {

    Scheme scheme();

    int bits();

    /** The code nearest to {@code x} (in units of α, any real). */
    int nearestCode(double x);

    /** The real value of a code in units of α, in [−1, 1]. */
    double unitValue(int code);

    /** The integer the datapath multiplies by: the code's value in units of α / {@link #unitDenominator()}. */
    int intWeight(int code);

    /** Denominator turning {@link #intWeight} into a unit value: Q = 2^(m−1)−1 for fixed, 2^L for SP2. */
    int unitDenominator();

    /**
     * Sorted non-negative unit levels (the magnitudes this scheme can represent, zero first); the
     * scale search uses them.
     */
    double[] unitMagnitudes();
}
