package org.msqsim.models.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.msqsim.core.resource.CostModel;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.spec.PeArraySpec;

/**
 * Stage 1 of the search ({@link ExploreGrid} describes it): every shape of the grid that fits, in every
 * pair of core organisations of the grid ({@link Organisations#pairs}; the DSP-only baseline in every
 * DSP-core organisation, LUT-only designs in every LUT-core organisation), at the board's fastest core
 * clock, in a fixed order (family, LUT-only before two-core designs, rows, packing, organisation pair in
 * the grid's order, DSP cols, LUT cols). No organisation is tried first or more thoroughly than another,
 * so the search does not depend on the organisations of the board's default design (issue 13 points 5
 * and 6: fold arithmetic and the starting point must not decide the verdict).
 *
 * <p><b>Pruning, documented</b>: a shape with both cores is evaluated at one SP2 fraction, the grid
 * fraction nearest the one at which its two cores take equal time at their peak rates
 * ({@link #balance}). Both cores work on the same layer at once, each on its share of the filters (F on
 * the LUT core), so a layer takes the longer of the two: away from its balance a shape leaves one core
 * idle, and the same shape nearer its balance is faster unless the two arrays' occupancies (fold
 * arithmetic, memory stalls) differ. Those differences move the best fraction by a step or two, which
 * stage 1b ({@link FractionStage}) then tries around the fastest shape of each organisation pair. Until
 * this stage searched every organisation pair, it evaluated each two-core shape at all 19 fractions in
 * the base design's organisations only; at ZC706 the pairs are 49, and 19 × 49 evaluations per shape
 * would take an hour.
 */
final class ShapeStage implements SearchStage {
    private final ExploreGrid grid;
    private final DesignBuilder b;

    /** Stage 1 of {@code grid} on {@code board}, from its default design {@code base}. */
    ShapeStage(ExploreGrid grid, BoardSpec board, AcceleratorSpec base, CostModel model) {
        this(grid, new DesignBuilder(board, base, model));
    }

    ShapeStage(ExploreGrid grid, DesignBuilder b) {
        this.grid = grid;
        this.b = b;
    }

    /** The stage-1 designs, indices from 0. */
    List<Design> designs() {
        return designs(List.of(), 0);
    }

    /** The stage-1 designs, indices from {@code firstIndex}; they depend on no earlier results. */
    @Override
    public List<Design> designs(List<DesignResult> done, int firstIndex) {
        long clk = ExploreGrid.fastest(b.board().clocks());
        List<Integer> rowsList = grid.rowOptions().isEmpty() ? List.of(b.baseRows()) : grid.rowOptions();
        List<Double> scales = grid.stageOneScales();
        List<Integer> packings = ExploreGrid.packings(b.base().weightBits());
        List<Double> fractions = grid.fractions();
        double e = grid.baseEngineShare();
        List<Design> out = new ArrayList<>();
        for (DesignFamily fam : DesignFamily.values()) {
            // F = 0 for DSP-only designs; F = 1 (LUT-only) first, then every two-core shape at its fraction
            List<Double> starts = fam == DesignFamily.DSP_ONLY ? List.of(0.0) : List.of(1.0, 0.5);
            for (double start : starts) {
                for (int rows : rowsList) {
                    for (int packing : start == 1 ? List.of(b.basePacking()) : packings) {
                        for (Organisations orgs : Organisations.pairs(grid.organisations(), b.baseOrganisations(),
                                fam, start)) {
                            for (int[] shape : shapes(fam, orgs, start, rows, packing)) {
                                Optional<Design> built = scales.stream()
                                        .map(s -> b.design(0, fam, orgs, start, rows, packing, shape[0], shape[1],
                                                clk, s, e))
                                        .flatMap(Optional::stream).findFirst();
                                if (built.isEmpty()) {
                                    continue;
                                }
                                Design d = built.get();
                                List<Double> at = start == 0 || start == 1 ? List.of(start)
                                        : bracket(fractions, balance(d.spec()));
                                for (double f : at) {
                                    // the spec does not depend on F: the built design at this index and F
                                    out.add(new Design(firstIndex + out.size(), fam, f, d.spec(), rows, d.dspCols(),
                                            d.lutCols(), d.clockHz(), d.bufferScale(), d.used(), d.memory(),
                                            d.organisations(), d.engineShare()));
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * The fractions of {@code fractions} strictly between 0 and 1 either side of {@code x}: the largest
     * at most x and the smallest at least x (one when x is on the grid or outside its interior range).
     */
    static List<Double> bracket(List<Double> fractions, double x) {
        TreeSet<Double> inner = new TreeSet<>(fractions);
        inner.removeIf(f -> !(f > 0 && f < 1));
        if (inner.isEmpty()) {
            throw new IllegalArgumentException("no fraction strictly between 0 and 1 in " + fractions);
        }
        TreeSet<Double> out = new TreeSet<>();
        Optional.ofNullable(inner.floor(x)).ifPresent(out::add);
        Optional.ofNullable(inner.ceiling(x)).ifPresent(out::add);
        return List.copyOf(out);
    }

    /**
     * The SP2 fraction at which a two-core design's cores take equal time at their peak rates:
     * {@code L / (L + D)}, L and D the LUT and DSP cores' peak products per second
     * ({@link PeArraySpec#peakMacsPerCycle} × clock). Each core works on its share of a layer's filters
     * (F on the LUT core) at the same time, so a layer takes the longer of the two.
     */
    static double balance(AcceleratorSpec spec) {
        double d = peakRate(spec.dspCore().orElseThrow());
        double l = peakRate(spec.lutCore().orElseThrow());
        return l / (l + d);
    }

    /** Products per second of a core at full occupancy. */
    private static double peakRate(PeArraySpec core) {
        return (double) core.peakMacsPerCycle() * core.clockHz();
    }

    /**
     * The (DSP cols, LUT cols) pairs for one family, organisation pair, fraction, row count and packing,
     * at buffer scale 1: each core's column levels of the most that fit in its own organisation at the
     * board's default clock. Stage 1 builds at the fastest clock, where the output stage has more lanes
     * (each a DSP slice and LUTs), so a level may not fit there: {@link #designs} then drops it.
     */
    private List<int[]> shapes(DesignFamily fam, Organisations orgs, double f, int rows, int packing) {
        List<int[]> out = new ArrayList<>();
        double e = grid.baseEngineShare();
        List<Integer> dsp = f == 1 ? List.of(0)
                : grid.columnLevels(b.maxCols(DesignFamily.DSP_ONLY, orgs, rows, packing, 0, e));
        for (int d : dsp) {
            List<Integer> lut = fam == DesignFamily.DSP_ONLY ? List.of(0)
                    : grid.columnLevels(b.maxCols(fam, orgs, rows, packing, d, e));
            for (int l : lut) {
                if (d + l > 0 && (fam == DesignFamily.DSP_ONLY || l > 0)) {
                    out.add(new int[] {d, l});
                }
            }
        }
        return out;
    }
}
