package org.msqsim.models.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Stage 3 of the search, refinement: the other clocks and buffer scales of the designs worth refining
 * — the {@code refineTop} fastest of each family and F among the results so far (stages 1 and 2), and
 * their Pareto front — in the order of the refined designs' indices; designs already evaluated are
 * skipped. Every clock of {@link ExploreGrid#clocks} when the grid refines clocks, else the fastest.
 * Then each refined design's other depthwise-engine sizes ({@link ExploreGrid#engineShares}) at its own
 * clock and buffer scale, its cores unchanged.
 */
final class RefineStage implements SearchStage {
    private final ExploreGrid grid;
    private final DesignBuilder b;

    RefineStage(ExploreGrid grid, DesignBuilder b) {
        this.grid = grid;
        this.b = b;
    }

    @Override
    public List<Design> designs(List<DesignResult> done, int firstIndex) {
        Map<Integer, Design> chosen = new TreeMap<>();
        if (grid.refineTop() > 0) {
            chosen.putAll(FractionGroup.fastest(done, grid.refineTop()));
            new Exploration(done, 0).pareto().forEach(r -> chosen.put(r.design().index(), r.design()));
        }
        Set<DesignKey> seen = DesignKey.evaluated(done);
        List<Long> clocks = grid.refineClocks() ? ExploreGrid.clocks(b.board().clocks())
                : List.of(ExploreGrid.fastest(b.board().clocks()));
        List<Design> out = new ArrayList<>();
        for (Design d : chosen.values()) {
            int packing = b.packing(d);
            for (long clk : clocks) {
                for (double s : grid.bufferScales()) {
                    b.design(firstIndex + out.size(), d.family(), d.organisations(), d.fraction(), d.rows(),
                            packing, d.dspCols(), d.lutCols(), clk, s, d.engineShare())
                            .filter(x -> seen.add(DesignKey.of(x))).ifPresent(out::add);
                }
            }
            for (double e : grid.engineShares()) {
                b.design(firstIndex + out.size(), d.family(), d.organisations(), d.fraction(), d.rows(), packing,
                        d.dspCols(), d.lutCols(), d.clockHz(), d.bufferScale(), e)
                        .filter(x -> seen.add(DesignKey.of(x))).ifPresent(out::add);
            }
        }
        return out;
    }
}
