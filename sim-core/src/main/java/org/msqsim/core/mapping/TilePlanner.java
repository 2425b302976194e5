package org.msqsim.core.mapping;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.Dataflow;
import org.msqsim.core.spec.PeArraySpec;

/**
 * Chooses tile sizes for one GEMM on an MSQ accelerator by search over a small candidate set, scored
 * by an analytic model (our documented choice: search + model).
 *
 * <p>Candidates: {@code tn} ∈ {N} ∪ {⌈N/2^i⌉ ≥ 8}; {@code tk} ∈ {K} ∪ {⌈K/2^i⌉}; each also
 * rounded down and up to whole array folds (multiples of the rows for the dimension the array
 * folds over its rows: n for output-stationary, k otherwise — see {@link #aligned});
 * the number of m-tiles MT ∈ {1, 2, 3, 4, 6, 8, …} with {@code tmDsp = ⌈mDsp/MT⌉} and
 * {@code tmLut = ⌈mLut/MT⌉}, so both cores have the same number of m-tiles and work in lock-step. A
 * candidate fits when one buffer half holds its input tile ({@code tk·tn} activations), its weight
 * tile ({@code (tmDsp + tmLut)·tk} weights) and its output tile ({@code (tmDsp + tmLut)·tn} partial
 * sums at the accumulator width; the rules are {@link TileBytes}). Score ({@link PlanEstimate}): the
 * sum over steps of max(compute, load time at the sustained DDR rate), plus the first load and the
 * last store; the lowest wins, ties to fewer steps. The score is only for ranking; the event
 * simulation gives the real latency.
 */
public final class TilePlanner {
    /**
     * The most steps one GEMM's tile loop may take: the event simulation keeps per-step state, and a
     * plan beyond this would take hours. The planner ranks only plans within it, so a GEMM whose best
     * plan would exceed it gets the best plan that does not (larger tiles), and one that no fitting
     * plan brings within it is infeasible, with the fewest steps any plan needs.
     */
    public static final long MAX_STEPS = 50_000_000L;

    private final AcceleratorSpec spec;
    private final TileBytes bytes;
    private final PlanEstimate estimate;

    public TilePlanner(AcceleratorSpec spec) {
        this.spec = spec;
        this.bytes = TileBytes.of(spec);
        this.estimate = new PlanEstimate(spec, bytes);
    }

    public PlanOutcome plan(GemmShape g) {
        if (g.mDsp() > 0 && spec.dspCore().isEmpty()) {
            return new PlanOutcome.Infeasible(g.mDsp() + " fixed-point rows need a DSP core, and "
                    + spec.name() + " has none");
        }
        if (g.mLut() > 0 && spec.lutCore().isEmpty()) {
            return new PlanOutcome.Infeasible(g.mLut() + " SP2 rows need a LUT core, and " + spec.name()
                    + " has none");
        }
        TilePlan best = null;
        long bestScore = Long.MAX_VALUE;
        long bestSteps = Long.MAX_VALUE;
        long fewestSteps = Long.MAX_VALUE;
        List<Integer> tks = aligned(candidates(g.k(), 1), kUnit(), g.k());
        List<Integer> mts = mTileCounts(Math.max(g.mDsp(), g.mLut()));
        // Per GEMM, not per candidate: the share of outputs a fused pool stores.
        double storeRatio = g.stage().storeRatio(g.n());
        for (int tn : aligned(candidates(g.n(), 8), nUnit(), g.n())) {
            for (int tk : tks) {
                // The input loads depend on tn and tk only, not on the m-tiling: fetched once for all
                // m-tile counts (the plan with one m-tile stands for them; InputFetch#sameLoads).
                InputFetch x = new InputFetch(bytes, new TileGrid(g, new TilePlan(tn, tk, ceilDivOrZero(g.mDsp(), 1),
                        ceilDivOrZero(g.mLut(), 1))));
                if (x.maxClaimBytes() > spec.inputBuffer().halfBytes()) {
                    continue; // fits(g, p) would fail on the input for every m-tile count
                }
                for (int mt : mts) {
                    TilePlan p = new TilePlan(tn, tk, ceilDivOrZero(g.mDsp(), mt), ceilDivOrZero(g.mLut(), mt));
                    if (weightBytes(p) > spec.weightBuffer().halfBytes()
                            || outputBytes(p) > spec.outputBuffer().halfBytes()) {
                        continue; // the rest of fits(g, p)
                    }
                    TileGrid grid = new TileGrid(g, p);
                    long steps = grid.steps();
                    fewestSteps = Math.min(fewestSteps, steps);
                    if (steps > MAX_STEPS) {
                        continue;
                    }
                    long score = estimate.latencyPs(grid, x, storeRatio);
                    if (score < bestScore || (score == bestScore && steps < bestSteps)) {
                        best = p;
                        bestScore = score;
                        bestSteps = steps;
                    }
                }
            }
        }
        if (best == null && fewestSteps != Long.MAX_VALUE) {
            return new PlanOutcome.Infeasible(String.format(Locale.ROOT, "every tile plan that fits the buffers "
                    + "takes at least %,d steps, more than the limit of %,d steps per GEMM; use a smaller layer or "
                    + "a design with larger buffers (--board FILE)", fewestSteps, MAX_STEPS));
        }
        if (best == null) {
            TilePlan smallest = new TilePlan(1, 1, g.mDsp() > 0 ? 1 : 0, g.mLut() > 0 ? 1 : 0);
            return new PlanOutcome.Infeasible("even a 1x1x1 tile needs " + inputBytes(g, smallest) + " B input, "
                    + weightBytes(smallest) + " B weight and " + outputBytes(smallest)
                    + " B output buffer space, more than a buffer half holds");
        }
        return new PlanOutcome.Planned(best, bestScore);
    }

    boolean fits(GemmShape g, TilePlan p) {
        return inputBytes(g, p) <= spec.inputBuffer().halfBytes() && weightBytes(p) <= spec.weightBuffer().halfBytes()
                && outputBytes(p) <= spec.outputBuffer().halfBytes();
    }

    /** The input buffer space of the largest input tile of {@code p}: rows with halo or im2col. */
    long inputBytes(GemmShape g, TilePlan p) {
        return new InputFetch(bytes, new TileGrid(g, p)).maxClaimBytes();
    }

    long weightBytes(TilePlan p) {
        return bytes.weights(p.tmDsp() + p.tmLut(), p.tk());
    }

    long outputBytes(TilePlan p) {
        return bytes.partialSums(p.tmDsp() + p.tmLut(), p.tn());
    }

    static List<Integer> candidates(int full, int min) {
        List<Integer> out = new ArrayList<>();
        out.add(full);
        for (int d = 2; ; d *= 2) {
            int c = (full + d - 1) / d;
            if (c < min || c == out.get(out.size() - 1)) {
                break;
            }
            out.add(c);
        }
        return out;
    }

    /**
     * The candidates and, beside each, the nearest multiples of {@code unit} below and above it (at
     * most {@code full}), distinct, in that order. A tile that is a whole number of array folds wastes
     * no rows in its last fold: 3,136 pixels halved four times give 196, which takes 7 folds of 32
     * rows with 28 rows idle in the last, where 192 or 224 fill every fold.
     */
    static List<Integer> aligned(List<Integer> cands, int unit, int full) {
        if (unit <= 1) {
            return cands;
        }
        LinkedHashSet<Integer> out = new LinkedHashSet<>();
        for (int c : cands) {
            out.add(c);
            if (c >= unit) {
                out.add(c / unit * unit);
            }
            out.add((int) Math.min(full, ((long) c + unit - 1) / unit * unit));
        }
        return List.copyOf(out);
    }

    /** The n-tile alignment: output-stationary arrays hold pixels in their rows. */
    int nUnit() {
        return commonUnit(c -> c.dataflow() == Dataflow.OUTPUT_STATIONARY ? c.rows() : 0);
    }

    /**
     * The k-tile alignment: weight-stationary arrays reduce k over their rows of V lanes each,
     * dot-product arrays over their rows, output-stationary vector PEs V indices per clock.
     */
    int kUnit() {
        return commonUnit(c -> switch (c.dataflow()) {
            case OUTPUT_STATIONARY -> c.vectorLanes() > 1 ? c.vectorLanes() : 0;
            case WEIGHT_STATIONARY -> c.rows() * c.vectorLanes();
            case DOT_PRODUCT -> c.rows();
        });
    }

    /**
     * The fold unit every core present shares ({@code unit} gives a core's, 0 when it does not fold
     * that dimension), as the shipped designs do; otherwise 1, no alignment, since a tile aligned for
     * one core would not be for the other.
     */
    private int commonUnit(ToIntFunction<PeArraySpec> unit) {
        int common = 0;
        for (Optional<PeArraySpec> c : List.of(spec.dspCore(), spec.lutCore())) {
            if (c.isEmpty()) {
                continue;
            }
            int u = unit.applyAsInt(c.get());
            if (u == 0 || (common != 0 && u != common)) {
                return 1;
            }
            common = u;
        }
        return Math.max(1, common);
    }

    static List<Integer> mTileCounts(int maxRows) {
        List<Integer> out = new ArrayList<>();
        for (int t = 1; t <= maxRows; t = t < 4 ? t + 1 : t + t / 2) {
            out.add(t);
        }
        if (out.isEmpty() || out.get(out.size() - 1) != maxRows) {
            out.add(maxRows);
        }
        return out;
    }

    private static int ceilDivOrZero(int a, int b) {
        return a == 0 ? 0 : (a + b - 1) / b;
    }
}
