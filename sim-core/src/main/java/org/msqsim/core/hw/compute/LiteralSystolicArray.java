package org.msqsim.core.hw.compute;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.msqsim.core.spec.Dataflow;
import org.msqsim.core.spec.PeArraySpec;

/**
 * A literal, cycle-stepped model of the output- and weight-stationary systolic arrays, for small
 * arrays and tiles: one loop iteration per clock, every operand moved PE to PE through registers
 * exactly as {@link ArrayTiming}'s class comment describes, and the cycle count taken from when the
 * last output leaves the array — never from the formula. It is the reference the fast
 * {@link PeArray} and {@link ArrayTiming} are tested against (STYLE 3), so it favours plainness over
 * speed and allocates freely.
 *
 * <p>Within a clock, PEs are visited right to left and bottom to top, so each reads its left and
 * upper neighbour's register before that neighbour latches the new value: the order of a clock edge.
 * Operands carry tags (κ, pixel; see {@link PeGrid}) and a PE that would combine mismatched operands
 * throws: a broken skew fails loudly instead of giving plausible numbers.
 *
 * <p>With the in-place drain, folds run one after another, OS folds over (pixels, filter groups) and WS folds over
 * (reduction rows, filter groups), in {@code ArrayTiming}'s order; only the fold's used rows and
 * columns exist. With the overlapped drain ({@code Drain.OVERLAPPED}) an OS tile's folds share one
 * grid and overlap ({@link OverlappedOutputStationary}); on column sets each set is such a grid on the
 * controller's shared fold starts ({@code overlappedOnSets}). With column sets ({@code PeArraySpec#setsFor})
 * a fold's grid holds the sets side by side, each fed its own pixels at its first column. Arithmetic goes through the array's {@link PeKernel}, one PE and one clock at a
 * time — the same kernel, and so the same datapath objects, as the fast model's; a packed PE forms
 * its p lane products per cycle as a one-step {@code PackedDspMac} dot and resolves the chain where
 * the fast model's chain ends.
 *
 * <p>Buffer ports ({@link FeedStall}): on a clock on which the edge takes a step that its feeder reads
 * from a buffer whose port is short, the array is frozen for the read's extra clocks — no register
 * moves, no PE computes — and the clocks are counted; the folds say which clocks read.
 */
public final class LiteralSystolicArray {

    /** Cycles until the last output left the array, MACs done, overflow events (as {@link PeArray}). */
    public record Run(long cycles, long macs, long overflowEvents) {
    }

    private final PeArraySpec spec;
    private final PeKernel kernel;
    private final int slack;
    private final FeedStall feed;

    public LiteralSystolicArray(PeArraySpec spec, PeDatapath datapath) {
        this(spec, datapath, 0, FeedStall.NONE);
    }

    /** An array whose feeders take {@code feed}'s clocks per read (stall clocks: the array frozen). */
    public LiteralSystolicArray(PeArraySpec spec, PeDatapath datapath, FeedStall feed) {
        this(spec, datapath, 0, feed);
    }

    /**
     * With the overlapped drain, {@code slack} cycles are taken off every gap between folds: the
     * tests' way to show the controller's schedule is tight (see {@link OverlappedOutputStationary}).
     */
    LiteralSystolicArray(PeArraySpec spec, PeDatapath datapath, int slack) {
        this(spec, datapath, slack, FeedStall.NONE);
    }

    private LiteralSystolicArray(PeArraySpec spec, PeDatapath datapath, int slack, FeedStall feed) {
        Objects.requireNonNull(spec, "spec");
        this.feed = Objects.requireNonNull(feed, "feed");
        if (!ArrayTiming.isSystolic(spec.dataflow())) {
            throw new IllegalArgumentException(spec.name() + ": a " + spec.dataflow() + " array is not systolic");
        }
        this.spec = spec;
        this.slack = slack;
        this.kernel = PeKernel.of(spec, Objects.requireNonNull(datapath, "datapath"));
    }

    /** Same operands and {@code acc} semantics as {@link PeArray#computeTile}; outputs land in {@code acc}. */
    public Run run(int[] w, int wOff, int wRowStride, int[] x, int xOff, int xRowStride,
                   int m, int k, int n, long[] acc, int accOff, int accRowStride) {
        if (m < 0 || k < 0 || n < 0) {
            throw new IllegalArgumentException("tile dimensions must be >= 0, got " + m + "x" + k + "x" + n);
        }
        if (m == 0 || k == 0 || n == 0) {
            return new Run(0, 0, 0);
        }
        LiteralTile t = new LiteralTile(kernel, spec.vectorLanes(), w, wOff, wRowStride, x, xOff, xRowStride,
                m, k, n, acc, accOff, accRowStride);
        int rows = spec.rows();
        int cols = spec.cols();
        long cycles = 0;
        if (spec.overlappedDrain() && spec.setsFor(t.groups) > 1) {
            cycles = overlappedOnSets(t, spec.setsFor(t.groups));
        } else if (spec.overlappedDrain()) {
            cycles = new OverlappedOutputStationary(t, kernel, rows, cols, slack, feed).run();
        } else if (spec.dataflow() == Dataflow.OUTPUT_STATIONARY) {
            int sets = spec.setsFor(t.groups); // > 1: the groups fit one set, one group fold
            for (int p0 = 0; p0 < n; p0 += sets * rows) {
                for (int g0 = 0; g0 < t.groups; g0 += cols) {
                    int nf = Math.min(sets * rows, n - p0);
                    cycles += new OutputStationaryFold(t, kernel, feed, p0, nf, sets, g0,
                            Math.min(cols, t.groups - g0)).run();
                }
            }
        } else {
            int sets = spec.setsFor(t.groups);
            for (int k0 = 0; k0 < t.steps; k0 += rows) {
                for (int g0 = 0; g0 < t.groups; g0 += cols) {
                    int r = Math.min(rows, t.steps - k0);
                    cycles += new WeightStationaryFold(t, kernel, feed, k0, r, sets, g0,
                            Math.min(cols, t.groups - g0)).run();
                }
            }
        }
        t.finish(acc, accOff, accRowStride);
        return new Run(cycles, t.macs, t.overflowEvents);
    }

    /**
     * The overlapped drain on {@code sets} column sets (the tile's G groups fit one set: one group fold).
     * The controller cuts the pixels into folds of up to s·R, spread over the sets as
     * {@link ArrayTiming#setRows} (⌈n_f/s⌉ rows each, the last used set the rest), and starts each fold
     * the largest {@link ArrayTiming#overlappedGap} any set taking part in it needs after its previous
     * fold. The sets share no register — a boundary's activation mux takes the set's own stream, weights
     * fan out per column, each column drains at its own foot — so each set is stepped as its own grid
     * on those starts, every check of {@link OverlappedOutputStationary} in force; they run on the same
     * clocks, so the tile ends when the last set has drained (stall clocks are those of the folds'
     * streaming clocks, which set 0 takes part in for every fold).
     */
    private long overlappedOnSets(LiteralTile t, int sets) {
        int rows = spec.rows();
        List<int[]> spread = new ArrayList<>();
        for (int p0 = 0; p0 < t.n; p0 += sets * rows) {
            spread.add(ArrayTiming.setRows(Math.min(sets * rows, t.n - p0), sets));
        }
        List<List<OverlappedOutputStationary.Fold>> perSet = new ArrayList<>();
        for (int q = 0; q < sets; q++) {
            perSet.add(new ArrayList<>());
        }
        long start = 0;
        for (int f = 0; f < spread.size(); f++) {
            int[] r = spread.get(f);
            if (f > 0) {
                int[] prev = spread.get(f - 1);
                long gap = 1;
                for (int q = 0; q < r.length; q++) {
                    gap = Math.max(gap, ArrayTiming.overlappedGap(t.steps, prev[q], r[q]) - slack);
                }
                start += gap;
            }
            int p0 = f * sets * rows;
            for (int q = 0; q < r.length; q++) { // set q: the fold's pixels q·⌈n_f/s⌉ …
                perSet.get(q).add(new OverlappedOutputStationary.Fold(p0 + q * r[0], r[q], 0, t.groups, start));
            }
        }
        long cycles = 0;
        for (List<OverlappedOutputStationary.Fold> folds : perSet) {
            if (!folds.isEmpty()) {
                cycles = Math.max(cycles, new OverlappedOutputStationary(t, kernel, folds, feed).run());
            }
        }
        return cycles;
    }
}
