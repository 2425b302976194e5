package org.msqsim.core.hw.compute;

import static org.msqsim.core.hw.compute.PeGrid.check;

import java.util.Arrays;

/**
 * One literal output-stationary fold ({@link ArrayTiming}): rows = pixels p0.., columns = filter
 * groups g0... Time runs in reduction steps κ of V input-channel lanes each (V = 1: one reduction
 * index). {@code x[κ][pixel p0+i]} enters row i at cycle κ + i and moves right;
 * {@code w[group g0+j][κ]} enters column j at cycle κ + j and moves down; each PE accumulates its
 * output in place, preloaded with the output's running sum. A column drains once its bottom PE has
 * done its k-th MAC: each cycle the bottom register leaves and the column's registers shift down,
 * so r results take r cycles (SCALE-Sim's drain). A {@link FeedStall} freezes the array for
 * {@code streaming() − 1} clocks before each of the k streaming clocks. Used once, by {@link LiteralSystolicArray}.
 */
final class OutputStationaryFold {

    private final LiteralTile t;
    private final PeKernel kernel;
    private final FeedStall feed;
    private final PeGrid g;
    private final int p0;
    private final int r;
    private final int g0;
    private final int c;
    private final long[] drainFrom;
    private final int[] emitted;
    private final int[] edge;
    private final long[] laneSums;
    private final long[] scratch;

    OutputStationaryFold(LiteralTile t, PeKernel kernel, FeedStall feed, int p0, int r, int g0, int c) {
        this.t = t;
        this.feed = feed;
        this.kernel = kernel;
        this.g = new PeGrid(r, c, t.lanes, t.channels);
        this.edge = new int[t.channels];
        this.laneSums = new long[t.lanes];
        this.scratch = new long[t.lanes];
        this.p0 = p0;
        this.r = r;
        this.g0 = g0;
        this.c = c;
        this.drainFrom = new long[c];
        this.emitted = new int[c];
    }

    /** Steps the fold until the last result has left; returns its cycles. */
    long run() {
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                t.load(g0 + j, p0 + i, g.sum[i][j], g.exact[i][j]);
                g.sumPixel[i][j] = p0 + i;
            }
        }
        Arrays.fill(drainFrom, Long.MAX_VALUE);
        int drained = 0;
        long cycle = 0; // clocks on which the array advances
        long stalled = 0; // clocks on which it waits for the feeders' read (FeedStall): no register changes
        for (; drained < c; cycle++) {
            if (cycle < t.steps) { // row 0 and column 0 take step `cycle`: the feeders read it
                stalled += feed.streaming() - 1;
            }
            for (int j = c - 1; j >= 0; j--) { // right to left, bottom to top: neighbours' old registers
                for (int i = r - 1; i >= 0; i--) {
                    step(cycle, i, j);
                }
                if (cycle >= drainFrom[j] && emitted[j] < r && drainOnce(cycle, j)) {
                    drained++;
                }
            }
        }
        return cycle + stalled;
    }

    private void step(long cycle, int i, int j) {
        if (j == 0) {
            long kk = cycle - i;
            boolean valid = kk >= 0 && kk < t.steps;
            if (valid) {
                t.activations((int) kk, p0 + i, edge);
            }
            g.actFromEdge(i, valid ? (int) kk : -1, edge, p0 + i);
        } else {
            g.actFromLeft(i, j);
        }
        if (i == 0) {
            long kk = cycle - j;
            g.wK[0][j] = kk >= 0 && kk < t.steps ? (int) kk : -1;
            if (g.wK[0][j] >= 0) {
                t.weights(g0 + j, (int) kk, g.w[0][j]);
            }
        } else {
            g.weightFromAbove(i, j);
        }
        if (g.actK[i][j] >= 0 || g.wK[i][j] >= 0) {
            mac(cycle, i, j);
            if (i == r - 1 && g.done[i][j] == t.steps) {
                for (int ii = 0; ii < r; ii++) {
                    check(g.done[ii][j] == t.steps, "column " + j + " drains before PE row " + ii + " finished");
                }
                drainFrom[j] = cycle + 1;
            }
        }
    }

    private void mac(long cycle, int i, int j) {
        int kk = g.actK[i][j];
        check(cycle < drainFrom[j] && kk == g.wK[i][j] && kk == g.done[i][j], "PE (" + i + "," + j
                + ") at cycle " + cycle + ": activation κ=" + kk + " meets weight κ=" + g.wK[i][j] + " after "
                + g.done[i][j] + " MACs");
        int done = ++g.done[i][j];
        t.macs += (long) t.realLanes(g0 + j) * t.realChannels(kk);
        kernel.vectorProducts(g.w[i][j], g.act[i][j], t.channels, laneSums, scratch);
        if (kernel.accumulateStationary(laneSums, g.sum[i][j], g.exact[i][j], g.chain[i][j], done, t.steps)) {
            t.overflowEvents++;
        }
    }

    /** One drain cycle of column j; returns whether its last result has now left. */
    private boolean drainOnce(long cycle, int j) {
        check(g.sumPixel[r - 1][j] >= 0, "column " + j + " drains an empty register at cycle " + cycle);
        t.store(g0 + j, g.sumPixel[r - 1][j], g.sum[r - 1][j], g.exact[r - 1][j], false);
        for (int i = r - 1; i > 0; i--) {
            g.sumFromAbove(i, j);
        }
        g.sumPixel[0][j] = -1;
        return ++emitted[j] == r;
    }
}
