package org.msqsim.models.quant;

/**
 * The stop both sweeps of the scale search share. Once α has come down to {@code lo}, every later
 * piece has α ≤ lo, where every weight above lo is clipped, so {@code n·MSE ≥ Σ_(a_i > lo) (a_i − lo)²};
 * the weights above lo are {@code a[clip..n-1]}, and t0, t1, t2 their count, sum and sum of squares,
 * grown as lo falls. When that lower bound exceeds the best error found so far (with a margin far
 * above the rounding of either side), no later piece can win and the rest of the sweep — often more
 * than half of it — is skipped. Checked every {@link #CHECK_EVERY} breakpoints, never for rows below
 * {@link #MIN_MAGNITUDE}.
 */
final class PruneBound {
    /** Breakpoints taken between two checks of the bound. */
    private static final int CHECK_EVERY = 16;

    /**
     * Relative slack of the test, far above the rounding error of the sweep's sums (at most about
     * {@code n·k·2^-53} relative, 1e-10 for a million breakpoints): the sweep stops only when no later
     * piece can come within this margin of the best error found.
     */
    private static final double MARGIN = 1e-9;

    /**
     * Rows whose largest magnitude is below this are swept without pruning: their squares fall to
     * subnormals or 0 (1e-140² = 1e-280 is still normal), where the relative margin vanishes and the
     * bound and the best error lose their precision. Real rows (floats, ≥ 1e-45) are far above it.
     */
    private static final double MIN_MAGNITUDE = 1e-140;

    private final double[] a;
    private final double sumSq;
    private final double sumA;
    private final double nnz;
    private final boolean prunable;
    private int untilCheck = CHECK_EVERY;
    private int clip;
    private double t0;
    private double t1;
    private double t2;

    /** Over sorted magnitudes {@code a}, of which the first {@code nz} are zero, with Σa² {@code sumSq}. */
    PruneBound(double[] a, int nz, double sumSq) {
        this.a = a;
        this.sumSq = sumSq;
        this.sumA = SweepTables.sumFrom(a, nz);
        this.nnz = a.length - nz;
        this.prunable = a[a.length - 1] >= MIN_MAGNITUDE;
        this.clip = a.length;
    }

    /** Whether this breakpoint is one where the bound is checked. */
    boolean due() {
        if (!prunable || --untilCheck != 0) {
            return false;
        }
        untilCheck = CHECK_EVERY;
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
        double margin = MARGIN * (sumSq + 2 * lo * sumA + lo * lo * nnz);
        return bound > bestErr + margin;
    }
}
