package org.msqsim.models.explore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.msqsim.core.spec.BitWidthChange;
import org.msqsim.core.spec.ClockRange;
import org.msqsim.core.spec.MacKind;
import org.msqsim.models.graph.Network;
import org.msqsim.models.layer.Conv2d;
import org.msqsim.models.lower.Lowering;

/**
 * The parameters of the design space {@code explore} sweeps, generated from a board's default design
 * ("base") in three stages ({@code SearchStage}), and how the stages use them.
 *
 * <p><b>Stage 1, shapes</b> ({@code ShapeStage}; every combination, in every pair of core organisations
 * of {@code organisations}, at the board's fastest core clock):
 * <ul>
 *   <li><b>SP2 fraction</b> F = 0, 1/steps, …, 1 (default steps 20: 0, 0.05, …, 1). F = 0 is
 *       DSP-only (no LUT core, its LUTs free); F = 1 is LUT-only (no DSP core). A shape with both
 *       cores is evaluated at the grid fractions either side of the one at which its cores take equal
 *       time at their peak rates ({@code ShapeStage.balance}); stage 1b tries the fractions nearby.</li>
 *   <li><b>Array rows</b> ({@code rowOptions}, default 8, 16, 32, 64), equal for both cores since
 *       they share the activation rows. In the output-stationary arrays rows hold output pixels and
 *       columns filters, so the aspect ratio decides how well a layer with few filters fills the
 *       array: a 16×44×4 array spends two thirds of its columns idle on ResNet-18's 64-filter layers.
 *       The input and output buffers are as wide as one array row of values ({@code rows·A} bits,
 *       scaled from the base design's width per row). Stage 2 then tries other row counts (any
 *       multiple of 4 within ±25–50 %, and the 7·2^j and 49 that divide common feature maps) around
 *       the best designs ({@link PolishStage#rowNeighbours}).</li>
 *   <li><b>DSP packing</b> 1, 2 and (at ≤ 4-bit weights) 4 products per DSP slice. Packing is not
 *       free: a 4-lane DSP48E1 PE costs about 130 LUT of canary and drain logic
 *       ({@code docs/cost-model.md}), LUTs the LUT core then does not have.</li>
 *   <li><b>Columns</b>: DSP columns are {@code colLevels} × the most that fit alone (DSP-only,
 *       within the ceilings); LUT columns are {@code colLevels} × the most that fit beside that DSP
 *       core (or alone for F = 1), computed separately for SP2 and for LUT-fixed MACs — so each
 *       LUT kind fills the same LUT budget with its own MACs. Default levels 25, 50, 75, 100 %.
 *       "Fit" is asked at the board's default clock while stage 1 builds at its fastest: the output
 *       stage's lanes grow with the cores' clock, so a level that does not fit at the fastest clock
 *       (at any buffer scale) is dropped, not shrunk (docs/core-organisations.md "Column levels and
 *       the clock").</li>
 *   <li><b>Buffers</b> at the base design's capacities (× 1), or the largest smaller scale of
 *       {@code bufferScales} that fits when × 1 does not.</li>
 * </ul>
 * The cost model prices neither F nor the clock, so a shape fits or not whatever they are (and is
 * built once for the fractions it is evaluated at). At equal
 * resources a faster clock is almost never slower: the tile planner ranks tiles with an analytic
 * estimate, and where it misranks, a slower clock can get the better tiles (measured over the eight
 * boards with ResNet-18 and CIFAR-Net: 39 of about 7,000 shape groups, by at most 0.5 %). Stage 3
 * tries the other clocks for the designs that matter.
 *
 * <p><b>Core organisations</b> ({@code organisations}, {@link CoreOrganisation#STANDARD} by default:
 * output-stationary, weight-stationary, dot-product, output-stationary vector PEs of 2, 4 and 8 lanes,
 * and output-stationary and dot-product PEs in up to 4 column sets): stage 1 searches every family in every pair of
 * them (one per core the design has: the DSP-only baseline in each DSP organisation, LUT-only designs in
 * each LUT organisation), each core's column levels of the most that fit in its own organisation. No
 * organisation is searched first or more thoroughly than another, so the result does not depend on
 * the organisations of the base design (issue 13 points 5, 6). Each organisation is priced from the
 * same primitives ({@code PeArrayCost}) and its buffers get the ports its dataflow reads
 * ({@link DesignBuilder}); the verdict (speedup over the best DSP-only design per packing) takes the
 * best of every organisation on each side. Empty: the base design's organisations only (the small grid).
 *
 * <p><b>Stage 1b, fractions</b> ({@link FractionStage}): the fastest stage-1 design of each family,
 * organisation pair, row count and packing at the fractions up to two steps either side of its own:
 * the cores' occupancies (fold arithmetic, column sets, memory stalls) move a shape's best fraction away
 * from its peak-rate balance.
 *
 * <p><b>Stage 2, shape polish</b> ({@link PolishStage}): DSP column counts a few columns either side of
 * the {@code refineTop} fastest stage-1 designs of each family and fraction, so that the two cores'
 * filter folds can balance (details there).
 *
 * <p><b>Stage 3, refinement</b> ({@link RefineStage}): for the {@code refineTop} fastest designs
 * of each family and fraction after stage 2, and for every design on their Pareto front, every
 * other combination of core clock (the board's min, middle, default and max) and buffer scale
 * ({@code bufferScales}, default 0.5, 1, 2). Buffers change DDR traffic and the clock changes
 * everything, but neither changes which shapes fill the arrays well, so the search spends its
 * evaluations where the shapes are good. The controller keeps the base design's clock throughout.
 *
 * <p>Only designs that fit the board within the cost model's ceilings are kept (the cost model's
 * {@code fitWithinCeilings}; the caller chooses the ceilings through the model's constants);
 * {@link DesignBuilder} builds each design's spec and checks its fit.
 *
 * @param fractionSteps F takes the values i / fractionSteps, i = 0 … fractionSteps
 * @param rowOptions    array row counts to sweep; empty means the base design's rows only
 * @param refineTop     designs per family and fraction that stages 2 and 3 refine; 0 means stage 1 only
 * @param refineClocks  whether stage 3 sweeps the clock
 * @param organisations the core organisations to search for each core; empty means the base design's
 * @param engineShares  depthwise-engine sizes, as shares of the core LUT budget
 *                      ({@code DepthwiseEngineSizing}): stages 1 and 2 size every design's engine at the
 *                      first, stage 3 tries the others on the designs it refines (at their clock and
 *                      buffer scale); empty: no engine (depthwise layers on the cores). The caller
 *                      empties it for a network without depthwise layers ({@link #withoutEngine}).
 */
public record ExploreGrid(int fractionSteps, List<Integer> rowOptions, List<Double> colLevels,
                          List<Double> bufferScales, int refineTop, boolean refineClocks,
                          List<CoreOrganisation> organisations, List<Double> engineShares) {
    /** The engine sizes searched by default: the board defaults' 5 % of the core LUT budget, then half and double. */
    public static final List<Double> ENGINE_SHARES = List.of(0.05, 0.025, 0.10);

    public ExploreGrid {
        if (fractionSteps < 1 || colLevels.isEmpty() || bufferScales.isEmpty() || refineTop < 0) {
            throw new IllegalArgumentException("a grid needs fraction steps, column levels and buffer scales");
        }
        rowOptions = List.copyOf(rowOptions);
        colLevels = List.copyOf(colLevels);
        bufferScales = List.copyOf(bufferScales);
        organisations = List.copyOf(organisations);
        engineShares = List.copyOf(engineShares);
        if (engineShares.stream().anyMatch(x -> !(x > 0 && x < 1))) {
            throw new IllegalArgumentException("depthwise engine shares must be in (0, 1): " + engineShares);
        }
    }

    /** A grid searching {@code organisations} with the default engine shares ({@link #ENGINE_SHARES}). */
    public ExploreGrid(int fractionSteps, List<Integer> rowOptions, List<Double> colLevels, List<Double> bufferScales,
                       int refineTop, boolean refineClocks, List<CoreOrganisation> organisations) {
        this(fractionSteps, rowOptions, colLevels, bufferScales, refineTop, refineClocks, organisations, ENGINE_SHARES);
    }

    /** A grid searching the standard core organisations ({@link CoreOrganisation#STANDARD}) and engine shares. */
    public ExploreGrid(int fractionSteps, List<Integer> rowOptions, List<Double> colLevels, List<Double> bufferScales,
                       int refineTop, boolean refineClocks) {
        this(fractionSteps, rowOptions, colLevels, bufferScales, refineTop, refineClocks, CoreOrganisation.STANDARD);
    }

    /** This grid without depthwise engines: for networks without depthwise layers, where one only costs LUTs. */
    public ExploreGrid withoutEngine() {
        return new ExploreGrid(fractionSteps, rowOptions, colLevels, bufferScales, refineTop, refineClocks,
                organisations, List.of());
    }

    /** This grid sizing every design's depthwise engine at {@code shares} (the first in stages 1 and 2). */
    public ExploreGrid withEngineShares(List<Double> shares) {
        return new ExploreGrid(fractionSteps, rowOptions, colLevels, bufferScales, refineTop, refineClocks,
                organisations, shares);
    }

    /** This grid for {@code net}: without engines when it has no depthwise layer an engine would run. */
    public ExploreGrid forNetwork(Network net) {
        boolean depthwise = net.layers().stream().anyMatch(l -> l instanceof Conv2d c && Lowering.isDepthwise(c));
        return depthwise ? this : withoutEngine();
    }

    /** The engine share of stages 1 and 2: the first of {@link #engineShares}, or 0 (no engine). */
    double baseEngineShare() {
        return engineShares.isEmpty() ? 0 : engineShares.get(0);
    }

    /**
     * The documented default grid: 21 fractions, rows 8/16/32/64, packings 1/2/4, every pair of the
     * standard core organisations, 4 column levels per core; stage 2 polishes the 3 best designs per family and F;
     * stage 3 tries them at 4 clocks × 3 buffer scales.
     */
    public static ExploreGrid standard() {
        return new ExploreGrid(20, List.of(8, 16, 32, 64), List.of(0.25, 0.5, 0.75, 1.0), List.of(0.5, 1.0, 2.0),
                3, true);
    }

    /**
     * A small grid for tests and quick looks: 5 fractions, base rows and organisations, 2 column levels,
     * stage 1 only.
     */
    public static ExploreGrid small() {
        return new ExploreGrid(4, List.of(), List.of(0.5, 1.0), List.of(1.0), 0, false, List.of());
    }

    /** This grid searching {@code list} core organisations (empty: the base design's). */
    public ExploreGrid withOrganisations(List<CoreOrganisation> list) {
        return new ExploreGrid(fractionSteps, rowOptions, colLevels, bufferScales, refineTop, refineClocks, list,
                engineShares);
    }

    public List<Double> fractions() {
        List<Double> f = new ArrayList<>();
        for (int i = 0; i <= fractionSteps; i++) {
            f.add(i / (double) fractionSteps);
        }
        return f;
    }

    /**
     * The swept core clocks: min, middle, default, max of the board's range and the documented clock of
     * each core kind, up to the fastest clock any core kind may run at ({@link #fastest}), ascending,
     * distinct. A core never runs above its kind's documented clock ({@code DesignBuilder.coreClock}).
     */
    public static List<Long> clocks(ClockRange c) {
        long top = fastest(c);
        TreeSet<Long> s = new TreeSet<>(List.of(c.minHz(), c.defaultHz(), c.maxHz(),
                (c.minHz() + c.maxHz()) / 2 / 1_000_000 * 1_000_000, c.ceilingHz(MacKind.DSP),
                c.ceilingHz(MacKind.LUT_SP2)));
        s.removeIf(hz -> hz > top);
        return List.copyOf(s);
    }

    /**
     * The fastest clock any core kind may run at: the higher documented clock of the two kinds, or the
     * range's maximum for a kind with none. Stage 1 runs every shape at it (each core then at its own
     * kind's ceiling).
     */
    public static long fastest(ClockRange c) {
        return Math.max(c.ceilingHz(MacKind.DSP), c.ceilingHz(MacKind.LUT_SP2));
    }

    /** DSP packings to sweep at {@code weightBits}: 4 lanes need ≤ 4-bit weights, 2 lanes ≤ 8 bits. */
    public static List<Integer> packings(int weightBits) {
        int max = BitWidthChange.maxPacking(weightBits);
        return List.of(1, 2, 4).stream().filter(p -> p <= max).toList();
    }

    /** Buffer scales stage 1 tries, in order: 1, then the smaller ones downwards, then the larger upwards. */
    List<Double> stageOneScales() {
        List<Double> out = new ArrayList<>();
        if (bufferScales.contains(1.0)) {
            out.add(1.0);
        }
        bufferScales.stream().filter(s -> s < 1).sorted(Comparator.reverseOrder()).forEach(out::add);
        bufferScales.stream().filter(s -> s > 1).sorted().forEach(out::add);
        return out;
    }

    /** A core's column counts: each column level × {@code max}, rounded, at least 1, distinct, ascending. */
    List<Integer> columnLevels(int max) {
        TreeSet<Integer> s = new TreeSet<>();
        if (max > 0) {
            for (double lv : colLevels) {
                s.add(Math.max(1, (int) Math.round(lv * max)));
            }
        }
        return List.copyOf(s);
    }
}
