package org.msqsim.models.explore;

import java.util.List;
import java.util.Optional;
import org.msqsim.core.resource.CostModel;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;

/**
 * The search {@link ExploreGrid} describes, one stage at a time, for callers that evaluate each
 * stage's designs elsewhere and feed the results back ({@code msqsim sweep} evaluates them on Spark
 * executors). The stages, their order and their designs are exactly those of
 * {@link Explorer#explore}; only the evaluation moves.
 *
 * <p>A design travels to another process as its parameters (family, core organisations, F, rows,
 * packing, columns, clock, buffer scale, depthwise-engine share) and is rebuilt there by {@link #rebuild}, which runs the same
 * {@code DesignBuilder} steps as the stage that generated it, so the spec and resources are equal.
 * Not thread-safe, except {@link #rebuild}.
 */
public final class Search {
    private final DesignBuilder builder;
    private final List<SearchStage> stages;

    public Search(ExploreGrid grid, BoardSpec board, AcceleratorSpec base, CostModel model) {
        this.builder = new DesignBuilder(board, base, model);
        this.stages = List.of(new ShapeStage(grid, builder), new FractionStage(grid, builder),
                new PolishStage(grid, builder),
                new RefineStage(grid, builder));
    }

    /** The number of stages (4: shapes, fractions, polish, refinement). */
    public int stages() {
        return stages.size();
    }

    /** A stage's name for progress lines, 0-based. */
    public static String stageName(int stage) {
        return List.of("shapes", "fractions", "polish", "clocks and buffers").get(stage);
    }

    /**
     * The designs stage {@code stage} (0-based) adds, indexed from {@code firstIndex}, given every
     * result of the earlier stages ({@code done}, mapped designs only); as {@link Explorer#explore}
     * calls it, {@code firstIndex} is the number of designs evaluated so far, mapped or not.
     */
    public List<Design> designs(int stage, List<DesignResult> done, int firstIndex) {
        return stages.get(stage).designs(done, firstIndex);
    }

    /** The DSP packing a design was built with: its DSP core's, or the base packing when it has none. */
    public int packing(Design d) {
        return builder.packing(d);
    }

    /**
     * The design with these parameters, as the stages build it; empty when it cannot be built or does
     * not fit (never for parameters taken from a design of this search on the same board, base and model).
     */
    public synchronized Optional<Design> rebuild(int index, DesignFamily family, Organisations organisations,
                                                 double fraction, int rows, int packing, int dspCols, int lutCols,
                                                 long clockHz, double bufferScale, double engineShare) {
        return builder.design(index, family, organisations, fraction, rows, packing, dspCols, lutCols, clockHz,
                bufferScale, engineShare);
    }
}
