package org.msqsim.models.quant;

import java.util.Arrays;

/**
 * The scale search as first written (linear or heap merge of every breakpoint, no pruning, {@code Arrays.sort}),
 * kept verbatim as the reference the production {@link ScaleSearch} must match bit for bit.
 *
 * <p>Original description: chooses a row's scale α as the exact minimiser of the row's quantization MSE — the same criterion
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
 */
final class ReferenceScaleSearch {

    private ReferenceScaleSearch() {
    }

    public static ScaledRow best(double[] row, RowQuantizer quantizer) {
        return best(row, sortedMagnitudes(row), quantizer);
    }

    /** {@code |row|} sorted ascending: compute it once per row when both schemes are searched. */
    public static double[] sortedMagnitudes(double[] row) {
        double[] a = new double[row.length];
        for (int i = 0; i < row.length; i++) {
            a[i] = Math.abs(row[i]);
        }
        Arrays.sort(a);
        return a;
    }

    /** {@link #best(double[], RowQuantizer)} with the row's sorted magnitudes already at hand. */
    public static ScaledRow best(double[] row, double[] a, RowQuantizer quantizer) {
        double[] mags = quantizer.unitMagnitudes();
        int steps = mags.length - 1;
        double sumSq = 0;
        for (double v : a) {
            sumSq += v * v;
        }
        int nz = 0;
        while (nz < a.length && a[nz] == 0) {
            nz++;
        }
        if (nz == a.length) {
            return new ScaledRow(0, 0, new int[row.length]);
        }
        double[] mid = new double[steps];
        double[] dM = new double[steps];
        double[] dM2 = new double[steps];
        for (int j = 0; j < steps; j++) {
            mid[j] = (mags[j] + mags[j + 1]) / 2;
            dM[j] = mags[j + 1] - mags[j];
            dM2[j] = mags[j + 1] * mags[j + 1] - mags[j] * mags[j];
        }
        // ptr[j]: index into a of the next weight to cross midpoint j (descending magnitude);
        // key[j]: the α at which it crosses, −1 once step j is exhausted.
        int[] ptr = new int[steps];
        double[] key = new double[steps];
        Arrays.fill(ptr, a.length - 1);
        for (int j = 0; j < steps; j++) {
            key[j] = a[a.length - 1] / mid[j];
        }
        StepHeap heap = steps > LINEAR_SCAN_STEPS ? new StepHeap(key) : null;
        double s1 = 0;
        double s2 = 0;
        double hi = Double.POSITIVE_INFINITY;
        double bestAlpha = a[a.length - 1]; // any α works while S2 = 0; refined below
        double bestErr = sumSq;
        while (true) {
            int j = heap != null ? heap.top() : argMax(key);
            double lo = j < 0 ? 0 : key[j];
            if (s2 > 0) {
                double alpha = Math.max(lo, Math.min(hi, s1 / s2));
                double err = sumSq - 2 * alpha * s1 + alpha * alpha * s2;
                if (err < bestErr && alpha > 0) {
                    bestErr = err;
                    bestAlpha = alpha;
                }
            }
            if (j < 0) {
                break;
            }
            s1 += a[ptr[j]] * dM[j];
            s2 += dM2[j];
            ptr[j]--;
            key[j] = ptr[j] >= nz ? a[ptr[j]] / mid[j] : -1;
            if (heap != null) {
                heap.update();
            }
            hi = lo;
        }
        return quantize(row, quantizer, bestAlpha);
    }

    /** Up to this many level steps a linear scan finds the next breakpoint faster than a heap. */
    static final int LINEAR_SCAN_STEPS = 16;

    /** The step with the largest key, or −1 if every key is negative (exhausted). */
    private static int argMax(double[] key) {
        int best = -1;
        double bk = -1;
        for (int j = 0; j < key.length; j++) {
            if (key[j] > bk) {
                bk = key[j];
                best = j;
            }
        }
        return best;
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

    /** A max-heap of step indices over their keys (−1 when a step is exhausted). */
    private static final class StepHeap {
        private final int[] heap;
        private final double[] key;

        StepHeap(double[] key) {
            this.key = key;
            this.heap = new int[key.length];
            for (int i = 0; i < heap.length; i++) {
                heap[i] = i;
            }
            for (int i = heap.length / 2 - 1; i >= 0; i--) {
                siftDown(i);
            }
        }

        /** The step with the largest key, or −1 if every step is exhausted. */
        int top() {
            return heap.length == 0 || key[heap[0]] < 0 ? -1 : heap[0];
        }

        /** Restore order after the top's key decreased. */
        void update() {
            siftDown(0);
        }

        private void siftDown(int i) {
            int n = heap.length;
            while (true) {
                int l = 2 * i + 1;
                if (l >= n) {
                    return;
                }
                int c = l + 1 < n && key[heap[l + 1]] > key[heap[l]] ? l + 1 : l;
                if (key[heap[c]] <= key[heap[i]]) {
                    return;
                }
                int t = heap[i];
                heap[i] = heap[c];
                heap[c] = t;
                i = c;
            }
        }
    }
}
