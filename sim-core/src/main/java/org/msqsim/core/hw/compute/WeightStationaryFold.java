package org.msqsim.core.hw.compute;

import static org.msqsim.core.hw.compute.PeGrid.check;

import java.util.Arrays;

/**
 * One literal weight-stationary fold ({@link ArrayTiming}): rows = reduction steps k0.. (V
 * input-channel lanes each; V = 1: one reduction index),
 * columns = filter groups g0... For r cycles the weights shift in from the top (the first pushed
 * ends in the bottom row); then {@code x[k0+i][pixel τ]} enters row i at cycle r + τ + i and moves
 * right, and the partial sum of (group g0+j, pixel τ) enters column j's top at cycle r + τ + j and
 * moves down a row per cycle, leaving from the bottom PE's adder. What enters the top is the
 * output's running sum (a DSP's P cascade or a fabric adder chain) or, for a packed DSP, a zero
 * chain whose lanes the output accumulators add at the bottom. A {@link FeedStall} freezes the
 * array for {@code weights() − 1} clocks before each preload clock and {@code activations() − 1}
 * before each streaming clock (⌈n/s⌉ of them with s column sets, the sets streaming side by side).
 * Used once, by {@link LiteralSystolicArray}.
 *
 * <p><b>Column sets</b> ({@code sets} &gt; 1): up to s sets of c columns side by side, each holding
 * the same weights (the top edge fans each group's stream out to every set) and streaming ⌈n/s⌉ of
 * the tile's pixels (the last set maybe fewer): set q's local pixel τ — tile pixel {@code q·⌈n/s⌉ + τ}
 * — enters row i at the set's first column at cycle r + τ + i (the boundary mux takes the set's stream),
 * and its partial sum enters the top of the set's column j at cycle r + τ + j.
 */
final class WeightStationaryFold {

    private final LiteralTile t;
    private final PeKernel kernel;
    private final FeedStall feed;
    private final PeGrid g;
    private final int k0;
    private final int r;
    private final int g0;
    private final int c;
    /** Pixels each set streams, ⌈n/s⌉, the pixels of each used set, and the grid's columns (used sets × c). */
    private final int perSet;
    private final int[] setPixels;
    private final int width;
    /** The column carries a P chain from zero (packed DSP), not the output's running sum. */
    private final boolean chain;
    private int emitted;
    private final int[] edge;
    private final long[] laneSums;
    private final long[] scratch;

    /** One reduction fold of r rows from {@code k0} on {@code sets} column sets of c used columns each. */
    WeightStationaryFold(LiteralTile t, PeKernel kernel, FeedStall feed, int k0, int r, int sets, int g0, int c) {
        this.t = t;
        this.feed = feed;
        this.kernel = kernel;
        this.perSet = (t.n + sets - 1) / sets;
        int used = (t.n + perSet - 1) / perSet;
        this.setPixels = new int[used];
        for (int q = 0; q < used; q++) {
            setPixels[q] = Math.min(perSet, t.n - q * perSet);
        }
        this.width = used * c;
        this.g = new PeGrid(r, width, t.lanes, t.channels);
        this.edge = new int[t.channels];
        this.laneSums = new long[t.lanes];
        this.scratch = new long[t.lanes];
        this.k0 = k0;
        this.r = r;
        this.g0 = g0;
        this.c = c;
        this.chain = kernel.columnCarriesChain();
    }

    /** Steps the fold until the last partial sum has left; returns its cycles. */
    long run() {
        long stalled = 0; // clocks on which the array waits for a read (FeedStall): no register changes
        for (int cycle = 0; cycle < r; cycle++) {
            stalled += feed.weights() - 1; // the feeder reads one row of weights (fanned out to every set)

            for (int j = 0; j < width; j++) {
                for (int i = r - 1; i > 0; i--) {
                    g.weightFromAbove(i, j);
                }
                g.wK[0][j] = k0 + r - 1 - cycle;
                t.weights(g0 + j % c, g.wK[0][j], g.w[0][j]);
            }
        }
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < width; j++) {
                check(g.wK[i][j] == k0 + i, "PE (" + i + "," + j + ") holds weight κ=" + g.wK[i][j]);
            }
        }
        long cycle = r;
        for (; emitted < c * t.n; cycle++) {
            if (cycle - r < perSet) { // row 0 of each set takes its pixel cycle − r: the feeder reads them
                stalled += feed.activations() - 1;
            }
            for (int j = width - 1; j >= 0; j--) { // right to left, bottom to top: neighbours' old registers
                for (int i = r - 1; i >= 0; i--) {
                    step(cycle, i, j);
                }
            }
        }
        return cycle + stalled;
    }

    private void step(long cycle, int i, int j) {
        int q = j / c; // the column's set
        int jj = j % c; // its column within the set: its group and its partial sums' skew
        if (jj == 0) { // the set's first column: the row's stream for this set (the boundary mux)
            long px = cycle - r - i;
            boolean valid = px >= 0 && px < setPixels[q];
            int pixel = (int) (q * (long) perSet + px);
            if (valid) {
                t.activations(k0 + i, pixel, edge);
            }
            g.actFromEdge(i, j, valid ? k0 + i : -1, edge, pixel);
        } else {
            g.actFromLeft(i, j);
        }
        if (i == 0) {
            long px = cycle - r - jj;
            g.sumPixel[0][j] = px >= 0 && px < setPixels[q] ? q * perSet + (int) px : -1;
            if (g.sumPixel[0][j] >= 0 && chain) {
                Arrays.fill(g.sum[0][j], 0);
            } else if (g.sumPixel[0][j] >= 0) {
                t.load(g0 + jj, g.sumPixel[0][j], g.sum[0][j], g.exact[0][j]);
            }
        } else {
            g.sumFromAbove(i, j);
        }
        if (g.actK[i][j] >= 0 || g.sumPixel[i][j] >= 0) {
            check(g.actK[i][j] == g.wK[i][j] && g.actPixel[i][j] == g.sumPixel[i][j], "PE (" + i + "," + j
                    + ") at cycle " + cycle + ": activation (κ=" + g.actK[i][j] + ", pixel " + g.actPixel[i][j]
                    + ") meets weight κ=" + g.wK[i][j] + ", partial sum of pixel " + g.sumPixel[i][j]);
            kernel.vectorProducts(g.w[i][j], g.act[i][j], t.channels, laneSums, scratch);
            kernel.accumulate(laneSums, g.sum[i][j], g.exact[i][j]);
            t.macs += (long) t.realLanes(g0 + jj) * t.realChannels(k0 + i);
            if (i == r - 1) {
                t.store(g0 + jj, g.sumPixel[i][j], g.sum[i][j], g.exact[i][j], chain);
                emitted++;
            }
        }
    }
}
