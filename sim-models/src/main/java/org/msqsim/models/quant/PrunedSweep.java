package org.msqsim.models.quant;

import java.util.Arrays;

/**
 * The scale search's sweep for any number of level steps (see {@link ScaleSearch} for the method):
 * it visits the breakpoints in exactly the order and with exactly the arithmetic of the plain sweep,
 * so the α it returns is the same to the last bit, and stops early where {@link PruneBound} shows no
 * later piece can win. The next breakpoint comes from a linear scan of the steps' keys, or from a
 * {@link StepHeap} past {@link #LINEAR_SCAN_STEPS} steps. A row whose values are not finite is never
 * pruned.
 */
final class PrunedSweep {
    /** Up to this many level steps a linear scan finds the next breakpoint faster than a heap. */
    static final int LINEAR_SCAN_STEPS = 16;

    private PrunedSweep() {
    }

    /** The MSE-optimal α over sorted magnitudes {@code a} (not all zero) and unit levels {@code mags}. */
    static double bestAlpha(double[] a, double[] mags) {
        int steps = mags.length - 1;
        int n = a.length;
        double sumSq = SweepTables.sumOfSquares(a);
        int nz = SweepTables.leadingZeros(a);
        double[] mid = new double[steps];
        double[] dM = new double[steps];
        double[] dM2 = new double[steps];
        SweepTables.levelSteps(mags, mid, dM, dM2);
        // ptr[j]: index into a of the next weight to cross midpoint j (descending magnitude);
        // key[j]: the α at which it crosses, −1 once step j is exhausted.
        int[] ptr = new int[steps];
        double[] key = new double[steps];
        Arrays.fill(ptr, n - 1);
        for (int j = 0; j < steps; j++) {
            key[j] = a[n - 1] / mid[j];
        }
        StepHeap heap = steps > LINEAR_SCAN_STEPS ? new StepHeap(key) : null;
        PruneBound prune = new PruneBound(a, nz, sumSq);
        double s1 = 0;
        double s2 = 0;
        double hi = Double.POSITIVE_INFINITY;
        double bestAlpha = a[n - 1]; // any α works while S2 = 0; refined below
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
            if (prune.due() && prune.rulesOut(lo, bestErr)) {
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
        return bestAlpha;
    }

    /** The step with the largest key (the lowest among equal keys), or −1 if every key is negative (exhausted). */
    private static int argMax(double[] key) {
        int best = -1;
        double bk = -1;
        for (int j = 0; j < key.length; j++) {
            // Select without a branch: which step is next is data-dependent and unpredictable.
            double kj = key[j];
            boolean greater = kj > bk;
            best = greater ? j : best;
            bk = greater ? kj : bk;
        }
        return best;
    }
}
