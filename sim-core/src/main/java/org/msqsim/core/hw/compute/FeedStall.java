package org.msqsim.core.hw.compute;

import org.msqsim.core.spec.Dataflow;
import org.msqsim.core.spec.PeArraySpec;

/**
 * How many clocks a PE array's feeders take to read one step's operands from their buffers: the
 * weight feed and the activation feed, each {@code ceil(need / have)} of its buffer's port
 * ({@link BufferPorts}), 1 when the port suffices. A stall is a clock on which the array does not
 * advance (a global clock enable held low while the feeder reads the rest of the step's words);
 * every register keeps its value, so the outputs are unchanged and only the cycles grow.
 *
 * <p>Which clocks read a buffer (issue 13 point 10; docs/cost-model.md "Buffer bandwidth"). The
 * feeders read one whole step into the skew (delay) registers at the array's edge — the triangular
 * delay lines of a systolic array's feeders (SCALE-Sim's operand matrices are the same schedule) — so
 * a step's read is charged once, on the clock on which row 0 / column 0 take it; the skew, fill and
 * drain clocks read no buffer and are not stretched:
 * <ul>
 *   <li><b>Output-stationary</b> (either drain): each fold's {@code ceil(k/V)} streaming clocks read
 *       a step of weights (p·V per column) and activations (V per row) from two buffers in parallel:
 *       each takes {@code max(weights, activations)} clocks. Overlapped folds' streaming clocks never
 *       coincide (folds start at least {@code ceil(k/V)} apart), so the extra is
 *       {@code folds · ceil(k/V) · (max − 1)} either way.</li>
 *   <li><b>Weight-stationary</b>: each fold's r preload clocks read one row of weights each
 *       ({@code weights} clocks apiece), its n streaming clocks a step of activations
 *       ({@code activations} clocks apiece); the partial sums leaving the bottom go to the output
 *       accumulators, not this feed. Extra: {@code G·ceil(k/V)·(weights − 1) + folds·n·(activations − 1)},
 *       the preloads' r summing to {@code ceil(k/V)} per filter-group fold G.</li>
 *   <li><b>Dot-product</b>: every issue clock of the tile reads a vector of weights (one per product)
 *       and one activation vector per set: {@code ArrayTiming.dotProductIssues·(max − 1)} extra
 *       ({@code ceil(m/(C·p))·n·ceil(k/R)} without column sets); the adder tree's fill reads nothing.</li>
 * </ul>
 * The output side (results leaving the array) is not a feed: see {@link BufferPorts}.
 *
 * @param weights     clocks per weight read, ≥ 1
 * @param activations clocks per activation read, ≥ 1
 */
public record FeedStall(int weights, int activations) {
    /** Ports that keep up: no stall. */
    public static final FeedStall NONE = new FeedStall(1, 1);

    public FeedStall {
        if (weights < 1 || activations < 1) {
            throw new IllegalArgumentException("feed stall factors must be >= 1, got weights " + weights
                    + ", activations " + activations);
        }
    }

    /** Whether any feed is short of its port. */
    public boolean stalls() {
        return weights > 1 || activations > 1;
    }

    /** Clocks per streaming step when both buffers are read on the same clock. */
    public int streaming() {
        return Math.max(weights, activations);
    }

    /** Stall clocks the tile {@code m×k×n} adds to {@link ArrayTiming#tileCycles} on this array (class comment). */
    public long extraCycles(PeArraySpec spec, int m, int k, int n) {
        if (m < 0 || k < 0 || n < 0) {
            throw new IllegalArgumentException("tile dimensions must be >= 0, got " + m + "x" + k + "x" + n);
        }
        if (!stalls() || m == 0 || k == 0 || n == 0) {
            return 0;
        }
        int groups = ArrayTiming.ceilDiv(m, spec.packing());
        long groupFolds = ArrayTiming.ceilDiv(groups, spec.cols());
        long steps = ArrayTiming.ceilDiv(k, spec.vectorLanes());
        // column sets (PeArraySpec#setsFor): s sets stream side by side, s·R pixels per OS fold, ⌈n/s⌉ per WS set
        int sets = spec.dataflow() == Dataflow.DOT_PRODUCT ? 1 : spec.setsFor(groups);
        return switch (spec.dataflow()) {
            case OUTPUT_STATIONARY -> ArrayTiming.ceilDiv(n, sets * spec.rows()) * groupFolds * steps
                    * (streaming() - 1L);
            case WEIGHT_STATIONARY -> groupFolds * steps * (weights - 1L)
                    + ArrayTiming.ceilDiv((int) steps, spec.rows()) * groupFolds * ArrayTiming.ceilDiv(n, sets)
                    * (activations - 1L);
            case DOT_PRODUCT -> ArrayTiming.dotProductIssues(spec, groups, k, n) * (streaming() - 1L);
        };
    }

    /** The tile's cycles with this feed's stalls: {@link ArrayTiming#tileCycles} plus {@link #extraCycles}. */
    public long tileCycles(PeArraySpec spec, int m, int k, int n) {
        return ArrayTiming.tileCycles(spec, m, k, n) + extraCycles(spec, m, k, n);
    }
}
