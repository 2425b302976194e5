package org.msqsim.models.explore;

import java.util.List;
import org.msqsim.core.resource.CostModel;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;

/**
 * One stage of the search {@link ExploreGrid} describes: the designs to evaluate next, given the
 * results of the stages before. A stage depends only on those results (which do not depend on the
 * thread count), so the search is deterministic.
 */
sealed interface SearchStage permits ShapeStage, FractionStage, PolishStage, RefineStage {

    /**
     * The designs this stage adds, indexed from {@code firstIndex} in the order of generation, none
     * already among {@code done} (the results of the earlier stages, in any order). May be empty.
     */
    List<Design> designs(List<DesignResult> done, int firstIndex);

    /**
     * The stages of {@code grid} on {@code board}, from its default design {@code base}, in
     * order: shapes, fractions, shape polish, refinement. They share one {@link DesignBuilder}. ({@link Search}
     * holds the same three for {@link Explorer} and for callers that evaluate elsewhere.)
     */
    static List<SearchStage> of(ExploreGrid grid, BoardSpec board, AcceleratorSpec base, CostModel model) {
        DesignBuilder b = new DesignBuilder(board, base, model);
        return List.of(new ShapeStage(grid, b), new FractionStage(grid, b), new PolishStage(grid, b),
                new RefineStage(grid, b));
    }
}
