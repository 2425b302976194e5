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
    /** Input-channel lanes per PE (V) and the reduction steps of V indices each, {@code ceil(k/V)}. */
    final int channels;
    final int steps;
    private final PeKernel kernel;
    private final int[][] w;
    private final int[][] x;
    private final long[][] value;
    private final long[][] exact;
    private final long[] laneSum;
    private final long[] laneExact;
    long macs;
    long overflowEvents;

    LiteralTile(PeKernel kernel, int channels, int[] w, int wOff, int wRowStride, int[] x, int xOff, int xRowStride,
                int m, int k, int n, long[] acc, int accOff, int accRowStride) {
        this.kernel = kernel;
        this.m = m;
        this.k = k;
        this.n = n;
        this.channels = channels;
        this.steps = (k + channels - 1) / channels;
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

    /**
     * The lane weights of filter group g at reduction step s, as the top feeder drives them: per
     * input-channel lane v, those of κ = s·V + v (zero past k: idle lanes multiply zeros).
     */
    void weights(int g, int step, int[][] out) {
        for (int v = 0; v < channels; v++) {
            int kappa = step * channels + v;
            for (int l = 0; l < lanes; l++) {
                out[v][l] = kappa < k ? w[g * lanes + l][kappa] : 0;
            }
        }
    }

    /** The activations of reduction step s for a pixel, one per input-channel lane (zero past k). */
    void activations(int step, int pixel, int[] out) {
        for (int v = 0; v < channels; v++) {
            int kappa = step * channels + v;
            out[v] = kappa < k ? x[kappa][pixel] : 0;
        }
    }

    /** Real reduction indices in step s (the last step may be partly idle lanes). */
    int realChannels(int step) {
        return Math.min(channels, k - step * channels);
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
