package org.msqsim.models.quant;

import org.msqsim.models.tensor.FloatMatrix;

/**
 * Chooses a row's scale α as the exact minimiser of the row's quantization MSE — the same criterion
 * for both schemes, so neither is favoured by how α is picked (the MSQ paper does not say how α is
 * set; this is our documented choice).
 *
 * <p>Method: with nearest-level rounding, a weight {@code w} sits at magnitude level {@code M_j}
 * while {@code |w|/α} lies between the midpoints {@code m_(j−1)} and {@code m_j}. So the MSE is a
 * piecewise quadratic in α with breakpoints {@code α = |w|/m_j}; inside one piece the levels are
 * fixed and {@code n·MSE(α) = Σw² − 2α·S1 + α²·S2} with {@code S1 = Σ|w|·M}, {@code S2 = Σ M²}, whose
 * minimum is at {@code α = S1/S2} clamped to the piece. Sweeping α downward from +∞, every
 * breakpoint moves one weight up one level, so S1 and S2 update in O(1). The breakpoints of step j
 * are {@code |w_i|/m_j}, already descending when the weights are sorted by magnitude, so a heap
 * merges the per-step lists: O(n·k·log k) for n weights and k levels. The global minimum is exact,
 * deterministic and needs no grid.
 *
 * <p>The parts: {@link MagnitudeSort} sorts the magnitudes; {@link PrunedSweep} (any number of level
 * steps) and {@link BranchFreeSweep} (up to 8, finite magnitudes) sweep the breakpoints, both with the
 * tables of {@link SweepTables} and the stop of {@link PruneBound}, visiting the same breakpoints in
 * the same order with the same arithmetic, so either gives the same α to the last bit. The sweep as
 * first written, without the stop, is kept in test code as the reference both are held to.
 */
public final class ScaleSearch {

    private ScaleSearch() {
    }

    public static ScaledRow best(double[] row, RowQuantizer quantizer) {
        return best(row, sortedMagnitudes(row), quantizer);
    }

    /**
     * {@code |row|} sorted ascending: compute it once per row when both schemes are searched. Rows of
     * widened floats (as {@link FloatMatrix#row} hands them out) take a radix sort ({@link MagnitudeSort}).
     */
    public static double[] sortedMagnitudes(double[] row) {
        return MagnitudeSort.sorted(row);
    }

    /** {@link #best(double[], RowQuantizer)} with the row's sorted magnitudes already at hand. */
    public static ScaledRow best(double[] row, double[] a, RowQuantizer quantizer) {
        if (a.length == 0 || a[a.length - 1] == 0) {
            return new ScaledRow(0, 0, new int[row.length]);
        }
        return quantize(row, quantizer, bestAlpha(a, quantizer.unitMagnitudes()));
    }

    /**
     * The MSE-optimal α over sorted magnitudes {@code a} (not all zero) and unit levels {@code mags}:
     * the branch-free sweep where it applies, else the general one (the same α either way).
     */
    static double bestAlpha(double[] a, double[] mags) {
        return BranchFreeSweep.applies(a, mags) ? BranchFreeSweep.bestAlpha(a, mags) : PrunedSweep.bestAlpha(a, mags);
    }

    /** The row quantized at a given α (nearest codes), with its MSE. */
    public static ScaledRow quantize(double[] row, RowQuantizer quantizer, double alpha) {
        int[] codes = new int[row.length];
        double sum = 0;
        for (int i = 0; i < row.length; i++) {
            codes[i] = alpha == 0 ? 0 : quantizer.nearestCode(row[i] / alpha);
            double e = row[i] - alpha * quantizer.unitValue(codes[i]);
            sum += e * e;
        }
        return new ScaledRow(alpha, sum / row.length, codes);
    }

    static double mse(double[] row, RowQuantizer quantizer, double alpha) {
        return quantize(row, quantizer, alpha).mse();
    }
}
