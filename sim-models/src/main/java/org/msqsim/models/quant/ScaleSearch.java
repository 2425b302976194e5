package org.msqsim.models.quant;

import java.util.Arrays;

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
 */
public final class ScaleSearch {

    private ScaleSearch() {
    }

    public static ScaledRow best(double[] row, RowQuantizer quantizer) {
        return best(row, sortedMagnitudes(row), quantizer);
    }

    /**
     * {@code |row|} sorted ascending: compute it once per row when both schemes are searched.
     *
     * <p>When every value is a {@code float} widened to {@code double} (as {@link
     * org.msqsim.models.tensor.FloatMatrix#row} hands them out), the magnitudes are sorted by an LSD
     * radix sort on their {@code float} bit patterns, which order non-negative floats exactly as their
     * values; otherwise by {@link Arrays#sort(double[])}. A sorted array of values is unique, so both
     * give the same array.
     */
    public static double[] sortedMagnitudes(double[] row) {
        int n = row.length;
        double[] a = new double[n];
        if (n >= RADIX_MIN_LENGTH && allFloats(row)) {
            int[] bits = new int[n];
            for (int i = 0; i < n; i++) {
                bits[i] = Float.floatToRawIntBits((float) row[i]) & 0x7fffffff; // |v|; −0 becomes +0
            }
            radixSort(bits);
            for (int i = 0; i < n; i++) {
                a[i] = Float.intBitsToFloat(bits[i]);
            }
            return a;
        }
        for (int i = 0; i < n; i++) {
            a[i] = Math.abs(row[i]);
        }
        Arrays.sort(a);
        return a;
    }

    /** Below this length {@link Arrays#sort(double[])} (an insertion sort there) is as fast. */
    private static final int RADIX_MIN_LENGTH = 128;

    /** True when every value is exactly a float (NaN is not, so such rows take the general path). */
    private static boolean allFloats(double[] row) {
        for (double v : row) {
            if ((double) (float) v != v) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sorts non-negative ints ascending: LSD radix on four 8-bit digits (small histograms, so short
     * rows pay little), skipping a digit that every value shares (often the top, exponent, digit).
     */
    private static void radixSort(int[] v) {
        int n = v.length;
        int[] count = new int[4 << 8];
        for (int x : v) {
            count[x & 0xff]++;
            count[256 + ((x >>> 8) & 0xff)]++;
            count[512 + ((x >>> 16) & 0xff)]++;
            count[768 + (x >>> 24)]++;
        }
        int[] tmp = new int[n];
        int[] src = v;
        int[] dst = tmp;
        for (int pass = 0; pass < 4; pass++) {
            int base = pass << 8;
            int shift = pass * 8;
            if (count[base + ((src[0] >>> shift) & 0xff)] == n) {
                continue; // every value has the same digit: this pass would not move anything
            }
            int sum = 0;
            for (int d = base; d < base + 256; d++) {
                int c = count[d];
                count[d] = sum;
                sum += c;
            }
            for (int x : src) {
                dst[count[base + ((x >>> shift) & 0xff)]++] = x;
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        if (src != v) {
            System.arraycopy(src, 0, v, 0, n);
        }
    }

    /** {@link #best(double[], RowQuantizer)} with the row's sorted magnitudes already at hand. */
    public static ScaledRow best(double[] row, double[] a, RowQuantizer quantizer) {
        if (a.length == 0 || a[a.length - 1] == 0) {
            return new ScaledRow(0, 0, new int[row.length]);
        }
        return quantize(row, quantizer, bestAlpha(a, quantizer.unitMagnitudes()));
    }

    // ---- shared by both sweeps: the row's sums and the level steps, in one fixed order of operations

    private static double sumOfSquares(double[] a) {
        double sumSq = 0;
        for (double v : a) {
            sumSq += v * v;
        }
        return sumSq;
    }

    /** How many of the sorted magnitudes are zero (they lead). */
    private static int leadingZeros(double[] a) {
        int nz = 0;
        while (nz < a.length && a[nz] == 0) {
            nz++;
        }
        return nz;
    }

    private static double sumFrom(double[] a, int from) {
        double sum = 0;
        for (int i = from; i < a.length; i++) {
            sum += a[i];
        }
        return sum;
    }

    /** Per step j between unit levels j and j+1: its midpoint, its width and its difference of squares. */
    private static void levelSteps(double[] mags, double[] mid, double[] dM, double[] dM2) {
        for (int j = 0; j < mags.length - 1; j++) {
            mid[j] = (mags[j] + mags[j + 1]) / 2;
            dM[j] = mags[j + 1] - mags[j];
            dM2[j] = mags[j + 1] * mags[j + 1] - mags[j] * mags[j];
        }
    }

    /**
     * The stop both sweeps share. Once α has come down to {@code lo}, every later piece has α ≤ lo,
     * where every weight above lo is clipped, so {@code n·MSE ≥ Σ_(a_i > lo) (a_i − lo)²}; the weights
     * above lo are {@code a[clip..n-1]}, and t0, t1, t2 their count, sum and sum of squares, grown as
     * lo falls. Checked every {@link #PRUNE_CHECK_EVERY} breakpoints, never for rows below
     * {@link #PRUNE_MIN_MAGNITUDE}.
     */
    private static final class PruneBound {
        private final double[] a;
        private final double sumSq;
        private final double sumA;
        private final double nnz;
        private final boolean prunable;
        private int untilCheck = PRUNE_CHECK_EVERY;
        private int clip;
        private double t0;
        private double t1;
        private double t2;

        PruneBound(double[] a, int nz, double sumSq) {
            this.a = a;
            this.sumSq = sumSq;
            this.sumA = sumFrom(a, nz);
            this.nnz = a.length - nz;
            this.prunable = a[a.length - 1] >= PRUNE_MIN_MAGNITUDE;
            this.clip = a.length;
        }

        /** Whether this breakpoint is one where the bound is checked. */
        boolean due() {
            if (!prunable || --untilCheck != 0) {
                return false;
            }
            untilCheck = PRUNE_CHECK_EVERY;
            return true;
        }

        /** Whether no piece with α ≤ {@code lo} can come within the margin of {@code bestErr}. */
        boolean rulesOut(double lo, double bestErr) {
            while (clip > 0 && a[clip - 1] > lo) {
                double v = a[--clip];
                t0++;
                t1 += v;
                t2 += v * v;
            }
            double bound = t2 - 2 * lo * t1 + lo * lo * t0;
            double margin = PRUNE_MARGIN * (sumSq + 2 * lo * sumA + lo * lo * nnz);
            return bound > bestErr + margin;
        }
    }

    /** Breakpoints taken between two checks of the pruning bound. */
    private static final int PRUNE_CHECK_EVERY = 16;

    /**
     * Relative slack of the pruning test, far above the rounding error of the sweep's sums (at most
     * about {@code n·k·2^-53} relative, 1e-10 for a million breakpoints): the sweep stops only when
     * no later piece can come within this margin of the best error found.
     */
    private static final double PRUNE_MARGIN = 1e-9;

    /**
     * Rows whose largest magnitude is below this are swept without pruning: their squares fall to
     * subnormals or 0 (1e-140² = 1e-280 is still normal), where the relative margin vanishes and the
     * bound and the best error lose their precision. Real rows (floats, ≥ 1e-45) are far above it.
     */
    private static final double PRUNE_MIN_MAGNITUDE = 1e-140;

    /**
     * The MSE-optimal α over sorted magnitudes {@code a} (not all zero) and unit levels {@code mags}.
     *
     * <p>The sweep visits the breakpoints in exactly the order and with exactly the arithmetic of the
     * plain sweep described above, so the α it returns is the same to the last bit. What it adds is
     * a stop: once α has come down to {@code lo}, every later piece has α ≤ lo, where every weight
     * above {@code lo} is clipped, so {@code n·MSE(α) ≥ Σ_(a_i > lo) (a_i − lo)²}. When that lower
     * bound exceeds the best error found so far (with a margin far above the rounding of either
     * side), no later piece can win and the rest of the sweep — often more than half of it — is
     * skipped. A row whose values are not finite is never pruned.
     */
    static double bestAlpha(double[] a, double[] mags) {
        int steps = mags.length - 1;
        if (steps <= 8 && a[a.length - 1] < 1e100) { // finite, and far from overflow in every sum below
            return bestAlpha8(a, mags);
        }
        int n = a.length;
        double sumSq = sumOfSquares(a);
        int nz = leadingZeros(a);
        double[] mid = new double[steps];
        double[] dM = new double[steps];
        double[] dM2 = new double[steps];
        levelSteps(mags, mid, dM, dM2);
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

    /**
     * {@link #bestAlpha} for up to 8 level steps (fixed point up to 4 bits, SP2 up to 5) and finite
     * magnitudes: the same breakpoints in the same order with the same arithmetic and the same stop,
     * only cheaper to find. Each step's next key is computed one breakpoint ahead, so the division
     * is off the path from one breakpoint to the next, and the step with the largest key (the lowest
     * index among equal keys, as the linear scan picks) comes from a branch-free 8-way tournament.
     * Keys are −1 (exhausted, or a padding step) or positive, never NaN, since every magnitude is
     * finite.
     */
    /** An exhausted step's key: negative, so below every positive double's bit pattern. */
    private static final long EXHAUSTED = -1L;

    private static double bestAlpha8(double[] a, double[] mags) {
        int n = a.length;
        int steps = mags.length - 1;
        double sumSq = sumOfSquares(a);
        int nz = leadingZeros(a);
        double[] mid = new double[8];
        double[] dM = new double[8];
        double[] dM2 = new double[8];
        levelSteps(mags, mid, dM, dM2);
        int[] ptr = new int[8];
        // Keys as their bit patterns: for positive doubles the signed long order is the value order,
        // and −1 (exhausted) is below every live key. Live keys are below 2^63 − 2^52, so the
        // differences taken below cannot overflow, and their sign bit selects without a branch:
        // which step is next is data-dependent, and a branch there mispredicts.
        long[] key = new long[8];
        long[] next = new long[8]; // the key step j will have after its next breakpoint
        Arrays.fill(key, EXHAUSTED);
        Arrays.fill(next, EXHAUSTED);
        for (int j = 0; j < steps; j++) {
            ptr[j] = n - 1;
            key[j] = Double.doubleToRawLongBits(a[n - 1] / mid[j]);
            next[j] = n - 2 >= nz ? Double.doubleToRawLongBits(a[n - 2] / mid[j]) : EXHAUSTED;
        }
        PruneBound prune = new PruneBound(a, nz, sumSq);
        double s1 = 0;
        double s2 = 0;
        double hi = Double.POSITIVE_INFINITY;
        // The best so far, kept as an ordered long key and bits so that its update is branch-free too:
        // a piece beats the best at random (the MSE wiggles from piece to piece). orderKey keeps the
        // order of {@code <} for the non-NaN errors here.
        long bestAlphaBits = Double.doubleToRawLongBits(a[n - 1]);
        long bestErrKey = orderKey(sumSq);
        // The eight keys live in registers; the next step is an 8-way tournament in which a node takes
        // its right child only when strictly greater, so equal keys go to the lowest step, as the
        // linear scan of the general sweep picks them.
        long k0 = key[0];
        long k1 = key[1];
        long k2 = key[2];
        long k3 = key[3];
        long k4 = key[4];
        long k5 = key[5];
        long k6 = key[6];
        long k7 = key[7];
        while (true) {
            long g01 = (k0 - k1) >> 63; // −1 when k1 > k0
            long g23 = (k2 - k3) >> 63;
            long g45 = (k4 - k5) >> 63;
            long g67 = (k6 - k7) >> 63;
            long v01 = k0 ^ ((k0 ^ k1) & g01);
            long v23 = k2 ^ ((k2 ^ k3) & g23);
            long v45 = k4 ^ ((k4 ^ k5) & g45);
            long v67 = k6 ^ ((k6 ^ k7) & g67);
            int i01 = (int) (g01 & 1);
            int i23 = 2 | (int) (g23 & 1);
            int i45 = 4 | (int) (g45 & 1);
            int i67 = 6 | (int) (g67 & 1);
            long g03 = (v01 - v23) >> 63;
            long g47 = (v45 - v67) >> 63;
            long v03 = v01 ^ ((v01 ^ v23) & g03);
            long v47 = v45 ^ ((v45 ^ v67) & g47);
            int i03 = i01 ^ ((i01 ^ i23) & (int) g03);
            int i47 = i45 ^ ((i45 ^ i67) & (int) g47);
            long g07 = (v03 - v47) >> 63;
            long kj = v03 ^ ((v03 ^ v47) & g07);
            int j = i03 ^ ((i03 ^ i47) & (int) g07);
            if (kj < 0) {
                j = -1; // every step exhausted
            }
            double lo = j < 0 ? 0 : Double.longBitsToDouble(kj);
            if (s2 > 0) {
                double alpha = Math.max(lo, Math.min(hi, s1 / s2));
                double err = sumSq - 2 * alpha * s1 + alpha * alpha * s2;
                long errKey = orderKey(err);
                long alphaBits = Double.doubleToRawLongBits(alpha);
                // err < best (a signed less-than that cannot overflow) and alpha > 0, as a mask
                long d = errKey - bestErrKey;
                long better = ((d ^ ((errKey ^ bestErrKey) & (d ^ errKey))) >> 63) & (-alphaBits >> 63);
                bestErrKey ^= (bestErrKey ^ errKey) & better;
                bestAlphaBits ^= (bestAlphaBits ^ alphaBits) & better;
            }
            if (j < 0) {
                break;
            }
            if (prune.due() && prune.rulesOut(lo, fromOrderKey(bestErrKey))) {
                break;
            }
            int p = ptr[j];
            s1 += a[p] * dM[j];
            s2 += dM2[j];
            ptr[j] = p - 1;
            long nk = next[j];
            next[j] = p - 2 >= nz ? Double.doubleToRawLongBits(a[p - 2] / mid[j]) : EXHAUSTED;
            k0 ^= (k0 ^ nk) & (((long) (j ^ 0) - 1) >> 63);
            k1 ^= (k1 ^ nk) & (((long) (j ^ 1) - 1) >> 63);
            k2 ^= (k2 ^ nk) & (((long) (j ^ 2) - 1) >> 63);
            k3 ^= (k3 ^ nk) & (((long) (j ^ 3) - 1) >> 63);
            k4 ^= (k4 ^ nk) & (((long) (j ^ 4) - 1) >> 63);
            k5 ^= (k5 ^ nk) & (((long) (j ^ 5) - 1) >> 63);
            k6 ^= (k6 ^ nk) & (((long) (j ^ 6) - 1) >> 63);
            k7 ^= (k7 ^ nk) & (((long) (j ^ 7) - 1) >> 63);
            hi = lo;
        }
        return Double.longBitsToDouble(bestAlphaBits);
    }

    /**
     * A long whose signed order is the order of the double {@code d} (not NaN; −0.0 sorts below
     * +0.0, which cannot matter here: an error of −0.0 cannot arise, as a sum is −0.0 only when
     * its terms are, and sumSq is not).
     */
    private static long orderKey(double d) {
        long b = Double.doubleToRawLongBits(d);
        return b ^ ((b >> 63) & Long.MAX_VALUE);
    }

    private static double fromOrderKey(long k) {
        return Double.longBitsToDouble(k ^ ((k >> 63) & Long.MAX_VALUE));
    }

    /** Up to this many level steps a linear scan finds the next breakpoint faster than a heap. */
    static final int LINEAR_SCAN_STEPS = 16;

    /** The step with the largest key, or −1 if every key is negative (exhausted). */
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
