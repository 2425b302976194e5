package org.msqsim.core.hw.compute;

import java.util.ArrayList;
import java.util.List;
import org.msqsim.core.spec.Dataflow;
import org.msqsim.core.spec.PeArraySpec;

/**
 * Exact cycle counts of a GEMM tile {@code C[m×n] = W[m×k]·X[k×n]} on one PE array, per dataflow.
 * A PE packs {@code p = spec.packing()} filters that share an activation, so one array column
 * serves p filters. Folds are processed one after another; in each fold only the used rows and
 * columns set the skew (the controller knows the tile's shape).
 *
 * <p><b>Output-stationary</b> ({@code R×C}): a fold maps r ≤ R output pixels to rows and c ≤ C
 * filter groups to columns and reduces all k. {@code x[κ][pixel i]} enters row i at cycle κ + i and
 * moves right; {@code w[group j][κ]} enters column j at cycle κ + j and moves down; PE (i, j)
 * does its κ-th MAC at cycle κ + i + j, the last at k + r + c − 3. The r results of each column
 * then shift out at the bottom, one per cycle: r cycles. Fold = {@code k + 2r + c − 2}, as
 * SCALE-Sim's {@code 2·Sr + Sc + T − 2} (Samajdar et al., ISPASS 2020).
 *
 * <p><b>Output-stationary, overlapped drain</b> ({@link org.msqsim.core.spec.Drain#OVERLAPPED}): PE
 * (i, j) writes its last sum of a fold (at cycle S + k − 1 + i + j, S the fold's start) into its
 * shadow register and starts the next fold from zero; column j's shadows shift out at the bottom
 * one per cycle from S + k + r + j − 1, while the next fold computes. The next fold, started s
 * cycles later, needs (i) its operand streams after this fold's: s ≥ k; (ii) shadow (i, j) emptied
 * before it is written again: row i's shadow holds this fold's results until drain cycle i, so s ≥ r
 * (equality works: at that edge the shadow passes its last result down and takes the new one);
 * (iii) the column's one output port free: its first result leaves at S + s + k + r' + j − 1, after
 * this fold's last at S + k + 2r + j − 2, so s ≥ 2r − r' (r' the next fold's rows; r' ≤ r in the
 * fold order, so (iii) implies (ii)). Folds therefore start {@code s = max(k, 2r − r')} apart and the
 * tile ends when the last result of any fold has left: {@code max_f (S_f + k + 2r_f + c_f − 2)}.
 * The fill skew and the drain of every fold but the last hide behind the next fold's compute. The
 * folds of one tile overlap; the tile's last fold drains fully before the next tile (whose operands
 * the controller loads as one tile phase) starts.
 *
 * <p><b>Weight-stationary</b>: a fold maps r ≤ R reduction indices to rows and c ≤ C filter groups
 * to columns; r cycles shift the weights in from the top; then {@code x[κ = i][pixel t]} enters row
 * i at cycle t + i and PE (i, j) adds its product for pixel t at cycle t + i + j, the partial sum
 * moving down; the last at n + r + c − 3. Fold = {@code r + (n + r + c − 2)} = {@code n + 2r + c − 2}.
 * Partial sums of successive reduction folds are added in the output accumulators.
 *
 * <p><b>Dot-product</b> (FINN MVAU style: C PEs × R SIMD lanes): each cycle each PE reduces R
 * products of one filter group and pixel through a pipelined adder tree; a tile takes
 * {@code ceil(m/(C·p)) · n · ceil(k/R)} cycles plus the pipeline fill of
 * {@code 1 + ceil(log2 R)} cycles (multiplier register + adder-tree levels), once per tile.
 * With column sets each group fold of c groups runs on {@code setsFor(c)} sets, each set taking its
 * own pixel's input vector, so only the last (ragged) fold can split: {@link #dotProductIssues}.
 * {@link LiteralDotProductArray} steps it clock by clock.
 *
 * <p><b>Column sets</b> ({@link PeArraySpec#setsFor}): a tile of G filter groups on s &gt; 1 sets (G
 * fits one set, so there is one group fold) has each set compute all G groups for pixels of its own,
 * injected at the set's first column. Output-stationary: a fold holds up to s·R pixels, ⌈n_f/s⌉ rows
 * per set, and takes {@code k + 2r + G − 2} with r those rows ({@link #setRowsTotal}); with the
 * overlapped drain the sets share the controller's fold starts, each gap the largest any set taking
 * part in the next fold needs ({@link #outputStationaryOverlapped(int, int, int, int, int, int)}); weight-stationary:
 * each set streams ⌈n/s⌉ pixels, a fold {@code ⌈n/s⌉ + 2r + G − 2} ({@link #setPixels}). Bits are
 * those of s = 1: every output sums the same products in the same κ order in one PE or column.
 *
 * <p><b>Vector PEs</b> (V input-channel lanes per PE, {@link PeArraySpec#vectorLanes()}): a systolic
 * PE consumes V consecutive reduction indices per clock, so both systolic dataflows run as above on
 * {@code ceil(k/V)} reduction steps (the last step's idle lanes multiply zeros); the lanes' adder
 * tree or DSP cascade is taken to be inside the PE's one-clock MAC stage. That is an assumption, not
 * a sourced fact: a pipelined tree, or a cascade of V/2 slices, delays each fold's last sum by a few
 * clocks before the drain can start, which this timing (and the literal model, which shares it) does
 * not charge — so msqsim is, if anything, optimistic there. A WS fold holds
 * {@code r·V} reduction indices. A double-pumped DSP core is timed at its fabric clock: its slices
 * do two lanes' products per fabric cycle, which is what V lanes on V/2 slices means.
 */
public final class ArrayTiming {
    private ArrayTiming() {
    }

    /** Cycles of the array's own clock to compute the tile; 0 for an empty tile. */
    public static long tileCycles(PeArraySpec spec, int m, int k, int n) {
        if (m < 0 || k < 0 || n < 0) {
            throw new IllegalArgumentException("tile dimensions must be >= 0, got " + m + "x" + k + "x" + n);
        }
        if (m == 0 || k == 0 || n == 0) {
            return 0;
        }
        int groups = ceilDiv(m, spec.packing()); // filter groups: one array column each
        int steps = ceilDiv(k, spec.vectorLanes()); // reduction steps: V lanes per PE and clock
        return switch (spec.dataflow()) {
            case OUTPUT_STATIONARY -> spec.overlappedDrain()
                    ? outputStationaryOverlapped(spec.rows(), spec.cols(), spec.setsFor(groups), groups, steps, n)
                    : outputStationary(spec.rows(), spec.cols(), groups, steps,
                            setRowsTotal(spec.rows(), spec.setsFor(groups), n));
            case WEIGHT_STATIONARY -> weightStationary(spec.rows(), spec.cols(), groups, steps,
                    setPixels(spec.setsFor(groups), n));
            case DOT_PRODUCT -> dotProductIssues(spec, groups, k, n) + dotProductFill(spec.rows());
        };
    }

    /**
     * Dot-product issue clocks: one clock per (group fold, pixel round, synapse fold). Group folds of C
     * groups use every column; the last, of {@code c_last} groups, runs on {@code s = setsFor(c_last)}
     * column sets, each taking its own pixel's vector, so its n pixels take ⌈n/s⌉ rounds:
     * {@code ((F − 1)·n + ⌈n/s⌉)·⌈k/R⌉}, F = ⌈G/C⌉ (s = 1 without column sets: {@code F·n·⌈k/R⌉}).
     */
    static long dotProductIssues(PeArraySpec spec, int groups, int k, int n) {
        int folds = ceilDiv(groups, spec.cols());
        int last = groups - (folds - 1) * spec.cols();
        int sets = spec.setsFor(last); // a full fold (C groups) never fits a set: s = 1
        return ((long) (folds - 1) * n + ceilDiv(n, sets)) * ceilDiv(k, spec.rows());
    }

    /** A dot-product PE's pipeline: the multiplier register and ⌈log2 R⌉ adder-tree levels. */
    static int dotProductFill(int rows) {
        return 1 + ceilLog2(rows);
    }

    /** The dot-product tile fold by fold (each group fold on its own sets); kept for the test that they agree. */
    static long dotProductByFolds(PeArraySpec spec, int groups, int k, int n) {
        long total = 0;
        for (int g0 = 0; g0 < groups; g0 += spec.cols()) {
            int c = Math.min(spec.cols(), groups - g0);
            int s = spec.setsFor(c);
            for (int p0 = 0; p0 < n; p0 += s) { // one round: up to s pixels, one per set
                total += ceilDiv(k, spec.rows());
            }
        }
        return total + dotProductFill(spec.rows());
    }

    /**
     * Column sets, output-stationary: the rows a tile of n pixels on s sets of R rows occupies summed
     * over its pixel folds, which is the n of the one-set tile with the same folds. A fold takes up to
     * s·R pixels and spreads them evenly over the sets, ⌈n_f/s⌉ rows each (the last sets maybe fewer),
     * and its cycles are {@code k + 2r + c − 2} with r that row count: each set's wavefront starts at its
     * own first column and row, so the skew spans one set, c = G columns. Full folds take R rows, the
     * last ⌈n_last/s⌉: {@code (P − 1)·R + ⌈n_last/s⌉}, P = ⌈n/(s·R)⌉ (n itself when s = 1).
     */
    static int setRowsTotal(int rows, int sets, int n) {
        if (sets == 1) {
            return n;
        }
        long perFold = (long) sets * rows;
        int folds = (int) ((n + perFold - 1) / perFold);
        int last = (int) (n - (folds - 1) * perFold);
        return (folds - 1) * rows + ceilDiv(last, sets);
    }

    /**
     * Column sets, weight-stationary: each of s sets holds the same reduction rows and filter groups
     * and streams ⌈n/s⌉ of the tile's pixels (the last set maybe fewer), so every fold is that of a
     * ⌈n/s⌉-pixel tile.
     */
    static int setPixels(int sets, int n) {
        return ceilDiv(n, sets);
    }

    /**
     * Sum over pixel folds (r rows each, the last maybe fewer) and filter-group folds (c columns) of
     * {@code k + 2r + c − 2}. Every pixel fold meets every group fold, and the r of the pixel folds
     * sum to n and the c of the group folds to {@code groups}, so the sum is
     * {@code P·G·(k − 2) + 2·G·n + P·groups} with P, G the fold counts: O(1), where the planner calls
     * it for every candidate tile.
     */
    static long outputStationary(int rows, int cols, int groups, int k, int n) {
        long p = ceilDiv(n, rows);
        long g = ceilDiv(groups, cols);
        return p * g * (k - 2L) + 2L * g * n + p * groups;
    }

    /**
     * The overlapped-drain tile (class comment) in O(1). Folds run pixel-fold-major; all but the last
     * pixel fold have {@code rows} rows, all but the last group fold {@code cols} columns, so the
     * start of fold (p, g) is a sum of three gaps — a = max(k, R) inside full pixel folds, b = max(k,
     * 2R − r_last) into the last pixel fold, e = max(k, r_last) inside it — and the latest-ending fold
     * is the latest of one of the four (rows, columns) classes: (p, g) ∈ {P−2, P−1} × {G−2, G−1}.
     */
    static long outputStationaryOverlapped(int rows, int cols, int groups, int k, int n) {
        int pf = ceilDiv(n, rows);
        int gf = ceilDiv(groups, cols);
        int rLast = n - (pf - 1) * rows;
        int cLast = groups - (gf - 1) * cols;
        long a = Math.max(k, rows);
        long b = Math.max(k, 2L * rows - rLast);
        long e = Math.max(k, rLast);
        long end = 0;
        for (int p = Math.max(0, pf - 2); p < pf; p++) {
            for (int g = Math.max(0, gf - 2); g < gf; g++) {
                long start = p < pf - 1 ? ((long) p * gf + g) * a : ((long) (pf - 1) * gf - 1) * a + b + (long) g * e;
                if (pf == 1) {
                    start = (long) g * e;
                }
                int r = p < pf - 1 ? rows : rLast;
                int c = g < gf - 1 ? cols : cLast;
                end = Math.max(end, start + k + 2L * r + c - 2);
            }
        }
        return end;
    }

    /**
     * The overlapped tile on {@code sets} column sets (s &gt; 1: the G groups fit one set, one group
     * fold) in O(1). Each fold takes up to s·R pixels, ⌈n_f/s⌉ rows per set (the last used set maybe
     * fewer, {@code OutputStationaryFold}'s spread); every set runs the controller's fold starts, and a
     * gap must satisfy each set that takes part in the next fold: {@code max(k, 2r_q − r'_q)} over those
     * sets (a set idle in the next fold only drains). Full folds have R rows in every set, so the gaps
     * are {@code a = max(k, R)} between full folds and {@code b = max(k, 2R − r_min)} into the last, r_min
     * its smallest used set; the tile ends when set 0 (the most rows) of fold P−2 or P−1 has drained.
     */
    static long outputStationaryOverlapped(int rows, int cols, int sets, int groups, int k, int n) {
        if (sets == 1) {
            return outputStationaryOverlapped(rows, cols, groups, k, n);
        }
        long perFold = (long) sets * rows;
        int pf = (int) ((n + perFold - 1) / perFold);
        int nLast = (int) (n - (pf - 1) * perFold);
        int rLast = ceilDiv(nLast, sets);
        int rMin = nLast - (ceilDiv(nLast, rLast) - 1) * rLast;
        long a = Math.max(k, rows);
        long b = Math.max(k, 2L * rows - rMin);
        if (pf == 1) {
            return (long) k + 2L * rLast + groups - 2;
        }
        long startPrev = (pf - 2L) * a;
        return Math.max(startPrev + k + 2L * rows + groups - 2, startPrev + b + k + 2L * rLast + groups - 2);
    }

    /**
     * The overlapped tile on column sets fold by fold, as the literal controller issues it: each fold's
     * per-set rows, the next start the largest {@link #overlappedGap} over the sets used in the next
     * fold, the end the latest fold's last result (its most rows). Kept for the test that the closed
     * form agrees.
     */
    static long outputStationaryOverlappedWithSetsByFolds(int rows, int cols, int sets, int groups, int k, int n) {
        if (sets == 1) {
            return outputStationaryOverlappedByFolds(rows, cols, groups, k, n);
        }
        List<int[]> folds = new ArrayList<>();
        for (int p0 = 0; p0 < n; p0 += sets * rows) {
            folds.add(setRows(Math.min(sets * rows, n - p0), sets));
        }
        long start = 0;
        long end = 0;
        for (int f = 0; f < folds.size(); f++) {
            int[] r = folds.get(f);
            end = Math.max(end, start + k + 2L * r[0] + groups - 2);
            if (f + 1 < folds.size()) {
                int[] next = folds.get(f + 1);
                long gap = 1;
                for (int q = 0; q < next.length; q++) {
                    gap = Math.max(gap, overlappedGap(k, r[q], next[q]));
                }
                start += gap;
            }
        }
        return end;
    }

    /**
     * The rows each used set takes in a fold of {@code nf} pixels on {@code sets} sets: ⌈nf/s⌉ each, the
     * last used set the rest (the spread of {@code OutputStationaryFold}).
     */
    static int[] setRows(int nf, int sets) {
        int r = ceilDiv(nf, sets);
        int used = ceilDiv(nf, r);
        int[] out = new int[used];
        for (int q = 0; q < used; q++) {
            out[q] = Math.min(r, nf - q * r);
        }
        return out;
    }

    /** The overlapped tile fold by fold: gaps {@code max(k, 2r − r')}, end the latest fold's last result. */
    static long outputStationaryOverlappedByFolds(int rows, int cols, int groups, int k, int n) {
        long start = 0;
        long end = 0;
        for (int p0 = 0; p0 < n; p0 += rows) {
            int r = Math.min(rows, n - p0);
            for (int g0 = 0; g0 < groups; g0 += cols) {
                int c = Math.min(cols, groups - g0);
                end = Math.max(end, start + k + 2L * r + c - 2);
                boolean lastGroup = g0 + cols >= groups;
                int next = lastGroup ? Math.min(rows, n - p0 - rows) : r; // the next fold's rows, ≤ 0 if none
                start += Math.max(k, next > 0 ? 2L * r - next : r);
            }
        }
        return end;
    }

    /**
     * The start offset of the fold after one of {@code r} rows when the next has {@code nextRows}
     * rows, as the literal model's controller issues it (class comment).
     */
    static long overlappedGap(int k, int r, int nextRows) {
        return Math.max(k, 2L * r - nextRows);
    }

    /** As {@link #outputStationary} with reduction folds for pixel folds: {@code K·G·(n − 2) + 2·G·k + K·groups}. */
    static long weightStationary(int rows, int cols, int groups, int k, int n) {
        long kf = ceilDiv(k, rows);
        long g = ceilDiv(groups, cols);
        return kf * g * (n - 2L) + 2L * g * k + kf * groups;
    }

    /**
     * The column-set tile fold by fold ({@code sets} from {@link PeArraySpec#setsFor}, G ≤ C when > 1):
     * output-stationary folds of up to s·R pixels, ⌈n_f/s⌉ rows per set; weight-stationary reduction
     * folds each streaming ⌈n/s⌉ pixels per set. Kept for the test that the closed forms agree.
     */
    static long withSetsByFolds(Dataflow d, int rows, int cols, int sets, int groups, int k, int n) {
        if (sets == 1) {
            return d == Dataflow.OUTPUT_STATIONARY ? outputStationaryByFolds(rows, cols, groups, k, n)
                    : weightStationaryByFolds(rows, cols, groups, k, n);
        }
        long total = 0;
        if (d == Dataflow.OUTPUT_STATIONARY) {
            for (int p0 = 0; p0 < n; p0 += sets * rows) {
                int nf = Math.min(sets * rows, n - p0);
                total += (long) k + 2L * ceilDiv(nf, sets) + groups - 2;
            }
        } else {
            for (int k0 = 0; k0 < k; k0 += rows) {
                int r = Math.min(rows, k - k0);
                total += (long) ceilDiv(n, sets) + 2L * r + groups - 2;
            }
        }
        return total;
    }

    /** The fold-by-fold sums the closed forms replace; kept for the test that they agree. */
    static long outputStationaryByFolds(int rows, int cols, int groups, int k, int n) {
        long total = 0;
        for (int p0 = 0; p0 < n; p0 += rows) {
            int r = Math.min(rows, n - p0);
            for (int g0 = 0; g0 < groups; g0 += cols) {
                int c = Math.min(cols, groups - g0);
                total += (long) k + 2L * r + c - 2;
            }
        }
        return total;
    }

    static long weightStationaryByFolds(int rows, int cols, int groups, int k, int n) {
        long total = 0;
        for (int k0 = 0; k0 < k; k0 += rows) {
            int r = Math.min(rows, k - k0);
            for (int g0 = 0; g0 < groups; g0 += cols) {
                int c = Math.min(cols, groups - g0);
                total += (long) n + 2L * r + c - 2;
            }
        }
        return total;
    }

    /** MACs the array could do in {@code cycles} at full occupancy. */
    public static long peakMacs(PeArraySpec spec, long cycles) {
        return spec.peakMacsPerCycle() * cycles;
    }

    /** Which dataflows {@link LiteralSystolicArray} steps (a dot-product array: {@link LiteralDotProductArray}). */
    public static boolean isSystolic(Dataflow d) {
        return d != Dataflow.DOT_PRODUCT;
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    static int ceilLog2(int x) {
        return x <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(x - 1);
    }
}
