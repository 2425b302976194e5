package org.msqsim.models.quant;

import java.util.Arrays;

/**
 * The scale search's sweep for up to {@link #MAX_STEPS} level steps (fixed point up to 4 bits, SP2 up
 * to 5) and finite magnitudes: the same breakpoints as {@link PrunedSweep} in the same order with the
 * same arithmetic and the same stop ({@link PruneBound}), so the same α to the last bit, only cheaper
 * to find. Each step's next key is computed one breakpoint ahead, so the division is off the path from
 * one breakpoint to the next, and the step with the largest key (the lowest index among equal keys, as
 * the linear scan picks) comes from a branch-free 8-way tournament. Keys are −1 (exhausted, or a
 * padding step) or positive, never NaN, since every magnitude is finite.
 *
 * <p>A deliberately hand-optimised hot loop: {@link #bestAlpha} is longer than a method should be so
 * that the eight keys stay in registers.
 */
final class BranchFreeSweep {
    /** The most level steps the 8-way tournament holds. */
    static final int MAX_STEPS = 8;

    /** Magnitudes must stay below this: finite, and far from overflow in every sum of the sweep. */
    private static final double MAX_MAGNITUDE = 1e100;

    /** An exhausted step's key: negative, so below every positive double's bit pattern. */
    private static final long EXHAUSTED = -1L;

    private BranchFreeSweep() {
    }

    /** Whether this sweep takes sorted magnitudes {@code a} (not empty) at unit levels {@code mags}. */
    static boolean applies(double[] a, double[] mags) {
        return mags.length - 1 <= MAX_STEPS && a[a.length - 1] < MAX_MAGNITUDE;
    }

    /**
     * The MSE-optimal α over sorted magnitudes {@code a} (not all zero) and unit levels {@code mags},
     * where {@link #applies} holds.
     */
    static double bestAlpha(double[] a, double[] mags) {
        int n = a.length;
        int steps = mags.length - 1;
        double sumSq = SweepTables.sumOfSquares(a);
        int nz = SweepTables.leadingZeros(a);
        double[] mid = new double[MAX_STEPS];
        double[] dM = new double[MAX_STEPS];
        double[] dM2 = new double[MAX_STEPS];
        SweepTables.levelSteps(mags, mid, dM, dM2);
        int[] ptr = new int[MAX_STEPS];
        // Keys as their bit patterns: for positive doubles the signed long order is the value order,
        // and −1 (exhausted) is below every live key. Live keys are below 2^63 − 2^52, so the
        // differences taken below cannot overflow, and their sign bit selects without a branch:
        // which step is next is data-dependent, and a branch there mispredicts.
        long[] key = new long[MAX_STEPS];
        long[] next = new long[MAX_STEPS]; // the key step j will have after its next breakpoint
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
}
