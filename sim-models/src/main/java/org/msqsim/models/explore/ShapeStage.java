package org.msqsim.models.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.msqsim.core.resource.CostModel;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;

/**
 * Stage 1 of the search ({@link ExploreGrid} describes it): every shape of the grid that fits, at the
 * board's fastest core clock, in a fixed order (family, F, rows, packing, DSP cols, LUT cols).
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
        List<Design> out = new ArrayList<>();
        for (DesignFamily fam : DesignFamily.values()) {
            for (double f : grid.fractions()) {
                if ((fam == DesignFamily.DSP_ONLY) != (f == 0)) {
                    continue;
                }
                for (int rows : rowsList) {
                    for (int packing : f == 1 ? List.of(b.basePacking()) : packings) {
                        for (int[] shape : shapes(fam, f, rows, packing)) {
                            scales.stream()
                                    .map(s -> b.design(firstIndex + out.size(), fam, f, rows, packing, shape[0],
                                            shape[1], clk, s, grid.baseEngineShare()))
                                    .flatMap(Optional::stream).findFirst().ifPresent(out::add);
                        }
                        if (fam == DesignFamily.DSP_ONLY) {
                            baseline(rows, packing, clk, scales, firstIndex, out);
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * The DSP-only baseline in every other DSP-core organisation of the grid, at the same rows, packing
     * and column levels: the verdict divides by the best DSP-only design, so the baseline is searched in
     * every organisation from stage 1 on (a few hundred designs), not only around the base
     * organisation's best shape; a weaker search of the baseline would inflate MSQ's speedup.
     */
    private void baseline(int rows, int packing, long clk, List<Double> scales, int firstIndex, List<Design> out) {
        double e = grid.baseEngineShare();
        for (Organisations orgs : Organisations.pairs(grid.organisations(), b.baseOrganisations(),
                DesignFamily.DSP_ONLY, 0)) {
            if (orgs.equals(b.baseOrganisations())) {
                continue;
            }
            for (int d : grid.columnLevels(b.maxCols(DesignFamily.DSP_ONLY, orgs, rows, packing, 0, e))) {
                if (d > 0) {
                    scales.stream()
                            .map(s -> b.design(firstIndex + out.size(), DesignFamily.DSP_ONLY, orgs, 0, rows, packing,
                                    d, 0, clk, s, e))
                            .flatMap(Optional::stream).findFirst().ifPresent(out::add);
                }
            }
        }
    }

    /** The (DSP cols, LUT cols) pairs for one family, fraction, row count and packing, at buffer scale 1. */
    private List<int[]> shapes(DesignFamily fam, double f, int rows, int packing) {
        List<int[]> out = new ArrayList<>();
        double e = grid.baseEngineShare();
        List<Integer> dsp = f == 1 ? List.of(0)
                : grid.columnLevels(b.maxCols(DesignFamily.DSP_ONLY, rows, packing, 0, e));
        for (int d : dsp) {
            List<Integer> lut = fam == DesignFamily.DSP_ONLY ? List.of(0)
                    : grid.columnLevels(b.maxCols(fam, rows, packing, d, e));
            for (int l : lut) {
                if (d + l > 0 && (fam == DesignFamily.DSP_ONLY || l > 0)) {
                    out.add(new int[] {d, l});
                }
            }
        }
        return out;
    }
}
