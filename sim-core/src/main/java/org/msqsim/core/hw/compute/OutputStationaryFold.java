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
 * {@code streaming() − 1} clocks before each of the k streaming clocks (every set streams on the same
 * clocks). Used once, by {@link LiteralSystolicArray}.
 *
 * <p><b>Column sets</b> ({@code sets} &gt; 1, {@code PeArraySpec#setsFor}): the fold's {@code nf}
 * pixels are spread over up to s sets of c columns, ⌈nf/s⌉ rows each (the last sets maybe fewer).
 * Set q's columns are {@code q·c … q·c + c − 1}; column {@code q·c + j} takes group g0 + j's weights
 * at cycle κ + j (the top edge fans each group's stream out to every set), and row i of set q — pixel
 * {@code p0 + q·r + i} — takes its activations from the row's set-q stream at the set's first column
 * at cycle κ + i: the boundary multiplexer selects the stream instead of the left neighbour, whose
 * activations (another set's pixel) stop there. A set with fewer rows has PEs only in those rows.
 * The grid holds the sets side by side; in the array each set starts at a slice boundary, the columns
 * between its last used one and the next boundary idle, which changes no cycle.
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
    /** Rows of each set, and the grid's columns: the used sets × c. */
    private final int[] setRows;
    private final int width;
    private final long[] drainFrom;
    private final int[] emitted;
    private final int[] edge;
    private final long[] laneSums;
    private final long[] scratch;

    /** One fold of {@code nf} pixels from {@code p0} on {@code sets} column sets of c used columns each. */
    OutputStationaryFold(LiteralTile t, PeKernel kernel, FeedStall feed, int p0, int nf, int sets, int g0, int c) {
        this.t = t;
        this.feed = feed;
        this.kernel = kernel;
        this.r = (nf + sets - 1) / sets;
        int used = (nf + r - 1) / r;
        this.setRows = new int[used];
        for (int q = 0; q < used; q++) {
            setRows[q] = Math.min(r, nf - q * r);
        }
        this.width = used * c;
        this.g = new PeGrid(r, width, t.lanes, t.channels);
        this.edge = new int[t.channels];
        this.laneSums = new long[t.lanes];
        this.scratch = new long[t.lanes];
        this.p0 = p0;
        this.g0 = g0;
        this.c = c;
        this.drainFrom = new long[width];
        this.emitted = new int[width];
    }

    /** Steps the fold until the last result has left; returns its cycles. */
    long run() {
        for (int j = 0; j < width; j++) {
            for (int i = 0; i < rowsOf(j); i++) {
                t.load(g0 + j % c, pixel(j, i), g.sum[i][j], g.exact[i][j]);
                g.sumPixel[i][j] = pixel(j, i);
            }
        }
        Arrays.fill(drainFrom, Long.MAX_VALUE);
        int drained = 0;
        long cycle = 0; // clocks on which the array advances
        long stalled = 0; // clocks on which it waits for the feeders' read (FeedStall): no register changes
        for (; drained < width; cycle++) {
            if (cycle < t.steps) { // row 0 and each set's first column take step `cycle`: the feeders read it
                stalled += feed.streaming() - 1;
            }
            for (int j = width - 1; j >= 0; j--) { // right to left, bottom to top: neighbours' old registers
                for (int i = rowsOf(j) - 1; i >= 0; i--) {
                    step(cycle, i, j);
                }
                if (cycle >= drainFrom[j] && emitted[j] < rowsOf(j) && drainOnce(cycle, j)) {
                    drained++;
                }
            }
        }
        return cycle + stalled;
    }

    /** Rows of column j's set. */
    private int rowsOf(int j) {
        return setRows[j / c];
    }

    /** The pixel of row i in column j's set. */
    private int pixel(int j, int i) {
        return p0 + j / c * r + i;
    }

    private void step(long cycle, int i, int j) {
        int jj = j % c; // column within the set: its group and its weights' skew
        if (jj == 0) { // the set's first column: the row's stream for this set (the boundary mux)
            long kk = cycle - i;
            boolean valid = kk >= 0 && kk < t.steps;
            if (valid) {
                t.activations((int) kk, pixel(j, i), edge);
            }
            g.actFromEdge(i, j, valid ? (int) kk : -1, edge, pixel(j, i));
        } else {
            g.actFromLeft(i, j);
        }
        if (i == 0) {
            long kk = cycle - jj;
            g.wK[0][j] = kk >= 0 && kk < t.steps ? (int) kk : -1;
            if (g.wK[0][j] >= 0) {
                t.weights(g0 + jj, (int) kk, g.w[0][j]);
            }
        } else {
            g.weightFromAbove(i, j);
        }
        if (g.actK[i][j] >= 0 || g.wK[i][j] >= 0) {
            mac(cycle, i, j);
            if (i == rowsOf(j) - 1 && g.done[i][j] == t.steps) {
                for (int ii = 0; ii < rowsOf(j); ii++) {
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
        check(g.actPixel[i][j] == pixel(j, i), "PE (" + i + "," + j + ") of pixel " + pixel(j, i)
                + " meets the activation of pixel " + g.actPixel[i][j]);
        t.macs += (long) t.realLanes(g0 + j % c) * t.realChannels(kk);
        kernel.vectorProducts(g.w[i][j], g.act[i][j], t.channels, laneSums, scratch);
        if (kernel.accumulateStationary(laneSums, g.sum[i][j], g.exact[i][j], g.chain[i][j], done, t.steps)) {
            t.overflowEvents++;
        }
    }

    /** One drain cycle of column j; returns whether its last result has now left. */
    private boolean drainOnce(long cycle, int j) {
        int bottom = rowsOf(j) - 1;
        check(g.sumPixel[bottom][j] >= 0, "column " + j + " drains an empty register at cycle " + cycle);
        t.store(g0 + j % c, g.sumPixel[bottom][j], g.sum[bottom][j], g.exact[bottom][j], false);
        for (int i = bottom; i > 0; i--) {
            g.sumFromAbove(i, j);
        }
        g.sumPixel[0][j] = -1;
        return ++emitted[j] == rowsOf(j);
    }
}
