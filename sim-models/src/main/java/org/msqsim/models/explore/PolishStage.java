package org.msqsim.models.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Stage 2 of the search, shape polish: around each of the {@code refineTop} fastest designs of each
 * family and F so far, the DSP column counts within {@code ±SPAN}, each with the most LUT columns that
 * fit beside it and with the design's own LUT column count (LUT-only designs: LUT columns within the
 * span). Column levels are coarse, and a core's time moves in whole filter folds
 * ({@code ⌈filters/columns⌉}): the two cores finish together only when their fold counts match on the
 * layers that matter, which a coarse grid often misses by a column or two. Same clock and buffer scale
 * as the design polished; shapes already evaluated are skipped.
 */
final class PolishStage implements SearchStage {
    /** How far stage 2 moves a core's column count, each way. */
    static final int SPAN = 3;

    private final ExploreGrid grid;
    private final DesignBuilder b;

    PolishStage(ExploreGrid grid, DesignBuilder b) {
        this.grid = grid;
        this.b = b;
    }

    @Override
    public List<Design> designs(List<DesignResult> done, int firstIndex) {
        if (grid.refineTop() == 0) {
            return List.of();
        }
        Set<DesignKey> seen = DesignKey.evaluated(done);
        List<Design> out = new ArrayList<>();
        for (Design d : FractionGroup.fastest(done, grid.refineTop()).values()) {
            int packing = b.packing(d);
            for (long pair : columnPairs(d, packing)) {
                int c = (int) (pair >>> 32);
                int l = (int) pair;
                b.design(firstIndex + out.size(), d.family(), d.fraction(), d.rows(), packing, c, l, d.clockHz(),
                        d.bufferScale(), d.engineShare()).filter(x -> seen.add(DesignKey.of(x))).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The (DSP cols, LUT cols) pairs around {@code d}, as {@code (DSP cols << 32) | LUT cols}, ascending. */
    private TreeSet<Long> columnPairs(Design d, int packing) {
        TreeSet<Long> pairs = new TreeSet<>();
        if (d.dspCols() == 0) {
            for (int l = Math.max(1, d.lutCols() - SPAN); l <= d.lutCols() + SPAN; l++) {
                pairs.add((long) l);
            }
        } else {
            for (int c = Math.max(1, d.dspCols() - SPAN); c <= d.dspCols() + SPAN; c++) {
                if (d.family() == DesignFamily.DSP_ONLY) {
                    pairs.add((long) c << 32);
                } else {
                    int max = b.maxCols(d.family(), d.rows(), packing, c, d.engineShare());
                    for (int l : new int[] {max, d.lutCols()}) {
                        if (l > 0 && l <= max) {
                            pairs.add(((long) c << 32) | l);
                        }
                    }
                }
            }
        }
        return pairs;
    }
}
