package org.msqsim.models.quant;

/**
 * What both sweeps of the scale search compute before their first breakpoint: the row's sums over
 * its sorted magnitudes and the per-step tables of the unit levels, each in one fixed order of
 * operations (the sweeps' α depends on it to the last bit).
 */
final class SweepTables {
    private SweepTables() {
    }

    static double sumOfSquares(double[] a) {
        double sumSq = 0;
        for (double v : a) {
            sumSq += v * v;
        }
        return sumSq;
    }

    /** How many of the sorted magnitudes are zero (they lead). */
    static int leadingZeros(double[] a) {
        int nz = 0;
        while (nz < a.length && a[nz] == 0) {
            nz++;
        }
        return nz;
    }

    static double sumFrom(double[] a, int from) {
        double sum = 0;
        for (int i = from; i < a.length; i++) {
            sum += a[i];
        }
        return sum;
    }

    /**
     * Per step j between unit levels j and j+1: its midpoint, its width and its difference of squares,
     * into the first {@code mags.length − 1} entries of each array.
     */
    static void levelSteps(double[] mags, double[] mid, double[] dM, double[] dM2) {
        for (int j = 0; j < mags.length - 1; j++) {
            mid[j] = (mags[j] + mags[j + 1]) / 2;
            dM[j] = mags[j + 1] - mags[j];
            dM2[j] = mags[j + 1] * mags[j + 1] - mags[j] * mags[j];
        }
    }
}
