package org.msqsim.core.hw.compute;

import static org.msqsim.core.hw.compute.PeGrid.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A literal output-stationary tile with the overlapped drain ({@code Drain.OVERLAPPED},
 * {@link ArrayTiming}): all of a tile's folds on one grid, one loop iteration per clock. Each PE has
 * an accumulator and a shadow register. On a PE's last MAC of a fold its sum goes to the shadow and
 * the accumulator is free for the next fold; each column shifts its shadows down and out at the
 * fold's bottom row, one per cycle, starting the cycle after the bottom row's shadow was written.
 *
 * <p>A shadow takes its upper neighbour's value only while that holds a result of the fold the
 * column is draining (each shadow keeps a valid bit and the fold's parity: two FF and the select
 * LUT, priced in {@code PeArrayCost}); so the next fold's results, written into the shadows
 * row by row as its skewed wavefront ends, wait where they are. The controller starts each fold
 * {@link ArrayTiming#overlappedGap} cycles after the previous one. Every register carries its fold
 * as a tag, and a write into a shadow that still holds an undrained result, a drain that finds the
 * column's output port busy, or operands of different folds or steps meeting in a PE throws: the
 * schedule is checked, not trusted. Cycles are counted until the last result has left.
 *
 * <p>Arithmetic: in the hardware the accumulator restarts from zero and the output's running sum is
 * added at the column's foot; here, as in {@link OutputStationaryFold}, the running sum is loaded
 * into the PE at the fold's first MAC. A wrapping accumulator (every shipped design) gives the same
 * bits either way, since wrapping adds are associative; {@link PeKernel#of} refuses the overlapped
 * drain with a saturating accumulator, whose clamps would fall elsewhere.
 */
final class OverlappedOutputStationary {

    /** One fold: pixels p0.. (r rows), filter groups g0.. (c columns), started at {@code start}. */
    record Fold(int p0, int r, int g0, int c, long start) {
    }

    private final LiteralTile t;
    private final PeKernel kernel;
    private final FeedStall feed;
    private final List<Fold> folds = new ArrayList<>();
    private final PeGrid g;
    private final int rows;
    private final int cols;
    private final int[][] actFold;
    private final int[][] wFold;
    private final int[][] accFold;
    private final long[][][] shSum;
    private final long[][][] shExact;
    private final int[][] shFold;
    private final int[][] shPixel;
    private final int[] draining;
    private final int[] drainLeft;
    private final int[] pending;
    private final int[] edge;
    private final long[] laneSums;
    private final long[] scratch;

    /**
     * @param rowsMax the array's rows, {@code colsMax} its columns
     * @param slack   cycles taken off every gap between folds: 0 for the controller; the tests use 1 to
     *               show that the schedule is tight (an earlier start breaks a check)
     */
    OverlappedOutputStationary(LiteralTile t, PeKernel kernel, int rowsMax, int colsMax, int slack) {
        this(t, kernel, rowsMax, colsMax, slack, FeedStall.NONE);
    }

    /**
     * With {@code feed}: each clock on which a fold's stream enters (row 0 / column 0 take a step, the
     * feeders' read) takes {@link FeedStall#streaming()} clocks, the array frozen on all but the last.
     */
    OverlappedOutputStationary(LiteralTile t, PeKernel kernel, int rowsMax, int colsMax, int slack, FeedStall feed) {
        this(t, kernel, schedule(t, rowsMax, colsMax, slack), feed);
    }

    /** The one-set controller's folds: pixel-fold-major, each started {@link ArrayTiming#overlappedGap} after the last. */
    private static List<Fold> schedule(LiteralTile t, int rowsMax, int colsMax, int slack) {
        List<Fold> folds = new ArrayList<>();
        long start = 0;
        for (int p0 = 0; p0 < t.n; p0 += rowsMax) {
            int r = Math.min(rowsMax, t.n - p0);
            for (int g0 = 0; g0 < t.groups; g0 += colsMax) {
                if (!folds.isEmpty()) {
                    Fold prev = folds.get(folds.size() - 1);
                    start += Math.max(1, ArrayTiming.overlappedGap(t.steps, prev.r(), r) - slack);
                }
                folds.add(new Fold(p0, r, g0, Math.min(colsMax, t.groups - g0), start));
            }
        }
        return folds;
    }

    /**
     * One column set's grid running {@code folds} (its pixels, rows and the controller's starts; column
     * sets, {@link LiteralSystolicArray}): the set's first column takes the row streams of its own pixels.
     */
    OverlappedOutputStationary(LiteralTile t, PeKernel kernel, List<Fold> folds, FeedStall feed) {
        this.t = t;
        this.feed = feed;
        this.kernel = kernel;
        this.folds.addAll(folds);
        int rowsUsed = 0;
        int colsUsed = 0;
        for (Fold f : folds) {
            rowsUsed = Math.max(rowsUsed, f.r());
            colsUsed = Math.max(colsUsed, f.c());
        }
        this.rows = rowsUsed;
        this.cols = colsUsed;
        this.g = new PeGrid(rows, cols, t.lanes, t.channels);
        this.actFold = filled(rows, cols);
        this.wFold = filled(rows, cols);
        this.accFold = filled(rows, cols);
        this.shSum = new long[rows][cols][t.lanes];
        this.shExact = new long[rows][cols][t.lanes];
        this.shFold = filled(rows, cols);
        this.shPixel = filled(rows, cols);
        this.draining = new int[cols];
        this.drainLeft = new int[cols];
        this.pending = new int[cols];
        Arrays.fill(draining, -1);
        Arrays.fill(pending, -1);
        this.edge = new int[t.channels];
        this.laneSums = new long[t.lanes];
        this.scratch = new long[t.lanes];
    }

    private static int[][] filled(int r, int c) {
        int[][] a = new int[r][c];
        for (int[] row : a) {
            Arrays.fill(row, -1);
        }
        return a;
    }

    /** Steps the tile until the last result has left; returns its cycles. */
    long run() {
        long results = 0;
        for (Fold f : folds) {
            results += (long) f.r() * f.c();
        }
        long emitted = 0;
        long cycle = 0; // clocks on which the array advances
        long stalled = 0; // clocks on which it waits for a read (FeedStall): no register changes
        for (; emitted < results; cycle++) {
            if (streaming(cycle, 0, true) >= 0) {
                stalled += feed.streaming() - 1;
            }
            for (int j = cols - 1; j >= 0; j--) { // right to left, bottom to top: neighbours' old registers
                emitted += drain(cycle, j);
                for (int i = rows - 1; i >= 0; i--) {
                    step(cycle, i, j);
                }
            }
        }
        for (int j = 0; j < cols; j++) {
            check(draining[j] < 0 && pending[j] < 0, "column " + j + " still draining after the last result");
        }
        return cycle + stalled;
    }

    /** The fold whose stream passes an edge at offset {@code d} from its start, or −1. */
    private int streaming(long cycle, int offset, boolean row) {
        for (int f = 0; f < folds.size(); f++) {
            Fold fold = folds.get(f);
            long kk = cycle - offset - fold.start();
            if (kk >= 0 && kk < t.steps && offset < (row ? fold.r() : fold.c())) {
                return f;
            }
        }
        return -1;
    }

    /** Column j's drain this cycle: emit at the draining fold's bottom row, shift its results down. */
    private int drain(long cycle, int j) {
        if (pending[j] >= 0) {
            check(draining[j] < 0, "column " + j + " at cycle " + cycle + ": fold " + pending[j]
                    + " is ready to drain while fold " + draining[j] + " still holds the output port");
            draining[j] = pending[j];
            drainLeft[j] = folds.get(pending[j]).r();
            pending[j] = -1;
        }
        int df = draining[j];
        if (df < 0) {
            return 0;
        }
        Fold fold = folds.get(df);
        int b = fold.r() - 1;
        check(shFold[b][j] == df, "column " + j + " at cycle " + cycle + ": the drain of fold " + df
                + " finds fold " + shFold[b][j] + " at its bottom");
        t.store(fold.g0() + j, shPixel[b][j], shSum[b][j], shExact[b][j], false);
        for (int i = b; i >= 0; i--) {
            boolean leaving = shFold[i][j] == df;
            boolean arriving = i > 0 && shFold[i - 1][j] == df;
            if (arriving) {
                check(shFold[i][j] < 0 || leaving, "column " + j + " at cycle " + cycle + ": a result of fold " + df
                        + " shifts onto an undrained result of fold " + shFold[i][j] + " in row " + i);
                System.arraycopy(shSum[i - 1][j], 0, shSum[i][j], 0, t.lanes);
                System.arraycopy(shExact[i - 1][j], 0, shExact[i][j], 0, t.lanes);
                shFold[i][j] = df;
                shPixel[i][j] = shPixel[i - 1][j];
            } else if (leaving) {
                shFold[i][j] = -1;
                shPixel[i][j] = -1;
            }
        }
        if (--drainLeft[j] == 0) {
            draining[j] = -1;
        }
        return 1;
    }

    private void step(long cycle, int i, int j) {
        if (j == 0) {
            int f = streaming(cycle, i, true);
            int kk = f < 0 ? -1 : (int) (cycle - i - folds.get(f).start());
            int pixel = f < 0 ? -1 : folds.get(f).p0() + i;
            if (f >= 0) {
                t.activations(kk, pixel, edge);
            }
            g.actFromEdge(i, kk, edge, pixel);
            actFold[i][0] = f;
        } else {
            g.actFromLeft(i, j);
            actFold[i][j] = actFold[i][j - 1];
        }
        if (i == 0) {
            int f = streaming(cycle, j, false);
            g.wK[0][j] = f < 0 ? -1 : (int) (cycle - j - folds.get(f).start());
            wFold[0][j] = f;
            if (f >= 0) {
                t.weights(folds.get(f).g0() + j, g.wK[0][j], g.w[0][j]);
            }
        } else {
            g.weightFromAbove(i, j);
            wFold[i][j] = wFold[i - 1][j];
        }
        // a fold's activations pass the columns it does not use, its weights the rows: those PEs idle
        boolean act = g.actK[i][j] >= 0 && j < folds.get(actFold[i][j]).c();
        boolean wgt = g.wK[i][j] >= 0 && i < folds.get(wFold[i][j]).r();
        if (act || wgt) {
            check(act && wgt, "PE (" + i + "," + j + ") at cycle " + cycle + ": activation (fold " + actFold[i][j]
                    + ", κ=" + g.actK[i][j] + ") meets weight (fold " + wFold[i][j] + ", κ=" + g.wK[i][j] + ")");
            mac(cycle, i, j);
        }
    }

    private void mac(long cycle, int i, int j) {
        int f = actFold[i][j];
        int kk = g.actK[i][j];
        check(f == wFold[i][j] && kk == g.wK[i][j], "PE (" + i + "," + j + ") at cycle " + cycle
                + ": activation (fold " + f + ", κ=" + kk + ") meets weight (fold " + wFold[i][j] + ", κ="
                + g.wK[i][j] + ")");
        Fold fold = folds.get(f);
        if (kk == 0) {
            check(accFold[i][j] < 0, "PE (" + i + "," + j + ") at cycle " + cycle + ": fold " + f
                    + " starts while the accumulator holds fold " + accFold[i][j]);
            t.load(fold.g0() + j, fold.p0() + i, g.sum[i][j], g.exact[i][j]);
            Arrays.fill(g.chain[i][j], 0);
            g.done[i][j] = 0;
            accFold[i][j] = f;
        }
        check(accFold[i][j] == f && kk == g.done[i][j], "PE (" + i + "," + j + ") at cycle " + cycle
                + ": step κ=" + kk + " of fold " + f + " after " + g.done[i][j] + " MACs of fold " + accFold[i][j]);
        int done = ++g.done[i][j];
        t.macs += (long) t.realLanes(fold.g0() + j) * t.realChannels(kk);
        kernel.vectorProducts(g.w[i][j], g.act[i][j], t.channels, laneSums, scratch);
        if (kernel.accumulateStationary(laneSums, g.sum[i][j], g.exact[i][j], g.chain[i][j], done, t.steps)) {
            t.overflowEvents++;
        }
        if (done == t.steps) { // the last sum goes to the shadow; the accumulator is free for the next fold
            check(shFold[i][j] < 0, "PE (" + i + "," + j + ") at cycle " + cycle + ": fold " + f
                    + " ends while its shadow still holds a result of fold " + shFold[i][j]);
            System.arraycopy(g.sum[i][j], 0, shSum[i][j], 0, t.lanes);
            System.arraycopy(g.exact[i][j], 0, shExact[i][j], 0, t.lanes);
            shFold[i][j] = f;
            shPixel[i][j] = fold.p0() + i;
            accFold[i][j] = -1;
            if (i == fold.r() - 1) {
                pending[j] = f;
            }
        }
    }
}
