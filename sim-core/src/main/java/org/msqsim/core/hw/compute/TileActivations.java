package org.msqsim.core.hw.compute;

/**
 * A tile's activations as the PE kernels' dots want them: pixel-major, {@code byPixel[j·k + κ] =
 * x[κ][j]}, so that each pixel's k activations are contiguous, with the smallest and largest value
 * (the kernels' in-range fast paths test them once per tile). {@link PeArray}'s scratch: refilled
 * per tile, grown to the largest tile and then never reallocated; not thread-safe.
 */
final class TileActivations {

    private int[] byPixel = new int[0];
    private int k;
    private int n;
    private int min;
    private int max;

    /** Loads {@code x[κ][j] = x[xOff + κ·xRowStride + j]} for {@code κ < k, j < n}. */
    void load(int[] x, int xOff, int xRowStride, int k, int n) {
        if (byPixel.length < k * n) {
            byPixel = new int[k * n];
        }
        int[] xT = byPixel;
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (int kk = 0; kk < k; kk++) {
            int row = xOff + kk * xRowStride;
            for (int j = 0; j < n; j++) {
                int v = x[row + j];
                xT[j * k + kk] = v;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        this.k = k;
        this.n = n;
        this.min = lo;
        this.max = hi;
    }

    /** The activations pixel-major; longer than {@code k·n} once a larger tile has passed. */
    int[] byPixel() {
        return byPixel;
    }

    /** Reduction length: activations per pixel. */
    int k() {
        return k;
    }

    /** Pixels. */
    int n() {
        return n;
    }

    int min() {
        return min;
    }

    int max() {
        return max;
    }
}
