package org.msqsim.models.explore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Stage 1b of the search, fractions: stage 1 ({@link ShapeStage}) evaluates each two-core shape at the
 * one SP2 fraction where its cores balance at their peak rates; the arrays' occupancies (fold
 * arithmetic, column sets, memory stalls) differ by core and organisation, so the best fraction of a
 * shape can lie a step or two away. For the fastest stage-1 design of each family, organisation pair,
 * row count and packing, this stage tries the same design at the grid fractions within {@link #SPAN}
 * steps either side of its own (0 &lt; F &lt; 1). Every organisation pair gets the same treatment, so
 * the search still does not depend on the base design's organisations. Stage 2 then polishes the
 * columns and rows of the fastest designs of each family and F, whatever their organisations, and
 * stage 3 their clocks and buffers. A grid that refines nothing ({@code refineTop} 0) skips it too.
 *
 * <p>Cost: about 2 × SPAN designs per group, about 4,700 at ZC706 (2 families × 49 pairs × 4 row
 * counts × 3 packings × 4), against the 19 × 49 fractions per shape it replaces.
 */
final class FractionStage implements SearchStage {
    /** How many grid fraction steps, each way, the stage moves a design's F. */
    static final int SPAN = 2;

    private final ExploreGrid grid;
    private final DesignBuilder b;

    FractionStage(ExploreGrid grid, DesignBuilder b) {
        this.grid = grid;
        this.b = b;
    }

    @Override
    public List<Design> designs(List<DesignResult> done, int firstIndex) {
        if (grid.refineTop() == 0) {
            return List.of(); // stage 1 only
        }
        Set<DesignKey> seen = DesignKey.evaluated(done);
        List<Double> fractions = grid.fractions();
        List<Design> out = new ArrayList<>();
        for (Design d : starts(done).values()) {
            int at = fractions.indexOf(d.fraction());
            int packing = b.packing(d);
            for (int i = Math.max(1, at - SPAN); i <= Math.min(fractions.size() - 2, at + SPAN); i++) {
                if (i == at) {
                    continue;
                }
                b.design(firstIndex + out.size(), d.family(), d.organisations(), fractions.get(i), d.rows(), packing,
                        d.dspCols(), d.lutCols(), d.clockHz(), d.bufferScale(), d.engineShare())
                        .filter(x -> seen.add(DesignKey.of(x))).ifPresent(out::add);
            }
        }
        return out;
    }

    /**
     * The fastest two-core design ({@link Exploration#FASTEST}) of each family, organisation pair, row
     * count and packing among {@code done}, by index.
     */
    static Map<Integer, Design> starts(List<DesignResult> done) {
        Map<List<Object>, DesignResult> best = new LinkedHashMap<>();
        for (DesignResult r : done) {
            Design d = r.design();
            if (d.dspCols() > 0 && d.lutCols() > 0) {
                best.merge(List.of(d.family(), d.organisations(), d.rows(), d.dspPacking()), r,
                        (x, y) -> Exploration.FASTEST.compare(x, y) <= 0 ? x : y);
            }
        }
        Map<Integer, Design> out = new TreeMap<>();
        best.values().forEach(r -> out.put(r.design().index(), r.design()));
        return out;
    }
}
