package org.msqsim.core.hw.compute;

/**
 * The edges of the literal array: the tile's operands as the feeders hold them (weights padded to
 * whole filter groups with zero lanes, as the hardware feeds them) and the output accumulators the
 * array's bottom port writes into. Keeps each output's exact integer beside its register so that
 * overflow events are counted by the same rule as {@link PeArray}. Small-case use only: plain
 * arrays, allocated per run.
 */
final class LiteralTile {

    final int m;
    final int k;
    final int n;
    final int lanes;
    final int groups;
    private final PeKernel kernel;
    private final int[][] w;
    private final int[][] x;
    private final long[][] value;
    private final long[][] exact;
    private final long[] laneSum;
    private final long[] laneExact;
    long macs;
    long overflowEvents;

    LiteralTile(PeKernel kernel, int[] w, int wOff, int wRowStride, int[] x, int xOff, int xRowStride,
                int m, int k, int n, long[] acc, int accOff, int accRowStride) {
        this.kernel = kernel;
        this.m = m;
        this.k = k;
        this.n = n;
        this.lanes = kernel.lanes();
        this.groups = (m + lanes - 1) / lanes;
        this.w = new int[groups * lanes][k];
        this.x = new int[k][n];
        this.value = new long[m][n];
        this.exact = new long[m][n];
        this.laneSum = new long[lanes];
        this.laneExact = new long[lanes];
        for (int i = 0; i < m; i++) {
            System.arraycopy(w, wOff + i * wRowStride, this.w[i], 0, k);
            System.arraycopy(acc, accOff + i * accRowStride, value[i], 0, n);
            System.arraycopy(acc, accOff + i * accRowStride, exact[i], 0, n);
        }
        for (int kk = 0; kk < k; kk++) {
            System.arraycopy(x, xOff + kk * xRowStride, this.x[kk], 0, n);
        }
    }

    /** The lane weights of filter group g at reduction index κ, as the top feeder drives them. */
    void weights(int g, int kappa, int[] out) {
        for (int l = 0; l < lanes; l++) {
            out[l] = w[g * lanes + l][kappa];
        }
    }

    int activation(int kappa, int pixel) {
        return x[kappa][pixel];
    }

    /** Real filters in group g (the last group of a tile may be partly padding). */
    int realLanes(int g) {
        return Math.min(lanes, m - g * lanes);
    }

    /** An output's register and exact sum loaded into a PE's (or column top's) lane registers. */
    void load(int g, int pixel, long[] sum, long[] ex) {
        for (int l = 0; l < lanes; l++) {
            int f = g * lanes + l;
            sum[l] = f < m ? value[f][pixel] : 0;
            ex[l] = f < m ? exact[f][pixel] : 0;
        }
    }

    /**
     * A result leaving the array's bottom edge into its output accumulators, as the kernel drains it
     * ({@link PeKernel#drain}: a DSP P is read out, a {@code chain} — a packed WS column's partial
     * sum — is resolved and added, fabric lanes are stored); a readout that overflowed is counted.
     */
    void store(int g, int pixel, long[] sum, long[] ex, boolean chain) {
        load(g, pixel, laneSum, laneExact);
        if (kernel.drain(sum, ex, chain, laneSum, laneExact)) {
            overflowEvents++;
        }
        for (int l = 0; l < realLanes(g); l++) {
            value[g * lanes + l][pixel] = laneSum[l];
            exact[g * lanes + l][pixel] = laneExact[l];
        }
    }

    /** Writes the outputs back; fabric outputs that end off their exact sum count as overflow events. */
    void finish(long[] acc, int accOff, int accRowStride) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                if (value[i][j] != exact[i][j]) {
                    overflowEvents++;
                }
                acc[accOff + i * accRowStride + j] = value[i][j];
            }
        }
    }
}
