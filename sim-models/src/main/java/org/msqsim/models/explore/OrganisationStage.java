package org.msqsim.models.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Stage 1b of the search, core organisations (issue 13 point 6): for the fastest stage-1 design of
 * each family, F and row count (stage 1 searches the base design's organisations; another
 * organisation's best rows need not be the base's), every other pair of core
 * organisations of {@link ExploreGrid#organisations()} ({@link Organisations#pairs}) at the same rows,
 * packing, clock and buffer scale, each core's columns rescaled to the same share of the most that
 * fit with its new organisation (organisations differ in LUTs per MAC, so the same share of the budget
 * is a different column count). Stage 2 then polishes the columns of the fastest designs of each family
 * and F, whatever their organisations, and stage 3 their clocks and buffers.
 *
 * <p>Why not every organisation pair in stage 1: the cost model prices neither F nor the clock, so
 * stage 1 evaluates each shape at all 21 fractions; 36 organisation pairs there would multiply its
 * ~7,700 designs by 36. Taking the pairs around each group's best shape costs about one design per
 * pair and group (about 1,400 per row count on ZC706 at 4 bits) and keeps every organisation in the comparison.
 * The pruning assumption, documented: the rows, packing and column shares that suit the base
 * organisation are a good start for the others, which stage 2's column polish then refines.
 */
final class OrganisationStage implements SearchStage {
    private final ExploreGrid grid;
    private final DesignBuilder b;

    OrganisationStage(ExploreGrid grid, DesignBuilder b) {
        this.grid = grid;
        this.b = b;
    }

    @Override
    public List<Design> designs(List<DesignResult> done, int firstIndex) {
        if (grid.organisations().isEmpty()) {
            return List.of();
        }
        Set<DesignKey> seen = DesignKey.evaluated(done);
        List<Design> out = new ArrayList<>();
        for (Design d : FractionGroup.fastest(done, 1, true).values()) {
            int packing = b.packing(d);
            for (Organisations orgs : Organisations.pairs(grid.organisations(), b.baseOrganisations(), d.family(),
                    d.fraction())) {
                if (orgs.equals(d.organisations())) {
                    continue;
                }
                int dsp = d.dspCols() == 0 ? 0 : rescale(d.dspCols(),
                        b.maxCols(DesignFamily.DSP_ONLY, d.organisations(), d.rows(), packing, 0, d.engineShare()),
                        b.maxCols(DesignFamily.DSP_ONLY, orgs, d.rows(), packing, 0, d.engineShare()));
                int lut = d.lutCols() == 0 ? 0 : rescale(d.lutCols(),
                        b.maxCols(d.family(), d.organisations(), d.rows(), packing, d.dspCols(), d.engineShare()),
                        b.maxCols(d.family(), orgs, d.rows(), packing, dsp, d.engineShare()));
                if ((d.dspCols() > 0 && dsp == 0) || (d.lutCols() > 0 && lut == 0)) {
                    continue; // no column of this organisation fits
                }
                b.design(firstIndex + out.size(), d.family(), orgs, d.fraction(), d.rows(), packing, dsp, lut,
                        d.clockHz(), d.bufferScale(), d.engineShare()).filter(x -> seen.add(DesignKey.of(x)))
                        .ifPresent(out::add);
            }
        }
        return out;
    }

    /** {@code cols} of {@code fromMax} as the same share of {@code toMax}: at least 1, at most toMax (0 if 0). */
    static int rescale(int cols, int fromMax, int toMax) {
        if (toMax <= 0) {
            return 0;
        }
        double share = fromMax <= 0 ? 1 : cols / (double) fromMax;
        return (int) Math.max(1, Math.min(toMax, Math.round(share * toMax)));
    }
}
