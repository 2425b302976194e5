package org.msqsim.core.hw.compute;

import java.util.Arrays;

/**
 * The registers of an {@code r × c} systolic fold, for {@link LiteralSystolicArray}: per PE an
 * activation register of V input-channel lanes (moving right), a weight register of V × p lane
 * weights (moving down in OS, loaded from the top and held in WS) and p lane registers (the OS accumulators, which become the
 * drain shift chain, or the WS partial sum moving down), plus an OS packed PE's P chain.
 *
 * <p>Every datum carries the tags the hardware keeps implicit in its timing — κ of an operand, the
 * pixel of a partial sum — so that the literal model can check that operands which meet in a PE
 * belong together instead of trusting the skew. Tag −1 marks a bubble.
 */
final class PeGrid {

    final int[][][] act;
    final int[][] actK;
    final int[][] actPixel;
    final int[][][][] w;
    final int[][] wK;
    final long[][][] sum;
    final long[][][] exact;
    final long[][][] chain;
    final int[][] sumPixel;
    /** OS: MACs the PE has done in this fold. */
    final int[][] done;

    PeGrid(int r, int c, int lanes, int channels) {
        act = new int[r][c][channels];
        actK = filled(r, c);
        actPixel = filled(r, c);
        w = new int[r][c][channels][lanes];
        wK = filled(r, c);
        sum = new long[r][c][lanes];
        exact = new long[r][c][lanes];
        chain = new long[r][c][lanes];
        sumPixel = filled(r, c);
        done = new int[r][c];
    }

    private static int[][] filled(int r, int c) {
        int[][] a = new int[r][c];
        for (int[] row : a) {
            Arrays.fill(row, -1);
        }
        return a;
    }

    /**
     * The activation register of row i's first PE latches the left feeder ({@code values}, one per
     * input-channel lane): step κ = −1 for a bubble.
     */
    void actFromEdge(int i, int kappa, int[] values, int pixel) {
        actFromEdge(i, 0, kappa, values, pixel);
    }

    /**
     * The activation register of (i, j) latches a feeder instead of its left neighbour: column 0's,
     * or a column set's first column's ({@code j > 0}), whose boundary mux selects the set's stream.
     */
    void actFromEdge(int i, int j, int kappa, int[] values, int pixel) {
        System.arraycopy(values, 0, act[i][j], 0, values.length);
        actK[i][j] = kappa;
        actPixel[i][j] = kappa >= 0 ? pixel : -1;
    }

    /** The activation register of (i, j) latches that of (i, j − 1). */
    void actFromLeft(int i, int j) {
        System.arraycopy(act[i][j - 1], 0, act[i][j], 0, act[i][j].length);
        actK[i][j] = actK[i][j - 1];
        actPixel[i][j] = actPixel[i][j - 1];
    }

    /** The weight register of (i, j) latches that of (i − 1, j). */
    void weightFromAbove(int i, int j) {
        for (int v = 0; v < w[i][j].length; v++) {
            System.arraycopy(w[i - 1][j][v], 0, w[i][j][v], 0, w[i][j][v].length);
        }
        wK[i][j] = wK[i - 1][j];
    }

    /** The lane registers of (i, j) latch those of (i − 1, j): a partial sum or a draining result. */
    void sumFromAbove(int i, int j) {
        System.arraycopy(sum[i - 1][j], 0, sum[i][j], 0, sum[i][j].length);
        System.arraycopy(exact[i - 1][j], 0, exact[i][j], 0, exact[i][j].length);
        sumPixel[i][j] = sumPixel[i - 1][j];
    }

    /** A PE about to combine operands that do not belong together: the model's skew is wrong. */
    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("systolic data movement broken: " + what);
        }
    }
}
