package org.msqsim.core.mapping;

import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.time.ClockDomain;

/**
 * The output stage's rate (issue 13 point 10; docs/cost-model.md "Output stage lanes"): every result
 * of the cores and of the depthwise engine is requantized by one of the design's
 * {@link AcceleratorSpec#outputLanes() lanes}, each one result per control clock (one DSP slice
 * {@code acc·M + C} a lane, {@code OutputStageCost}). {@code results} results take
 * {@code ceil(results / lanes)} control clocks. The same rule times the run's stores
 * ({@code TileLoop}), the planner's estimate ({@link PlanEstimate}) and the depthwise engine's layers.
 */
public final class OutputStageRate {
    private final int lanes;
    private final ClockDomain control;

    public OutputStageRate(int lanes, long controlClockHz) {
        if (lanes < 1) {
            throw new IllegalArgumentException("an output stage needs at least one lane, got " + lanes);
        }
        this.lanes = lanes;
        this.control = new ClockDomain("control", controlClockHz);
    }

    /** The design's output stage: its lanes at its control clock. */
    public static OutputStageRate of(AcceleratorSpec spec) {
        return new OutputStageRate(spec.outputLanes(), spec.controlClockHz());
    }

    public int lanes() {
        return lanes;
    }

    /** Control clocks to requantize {@code results} results: {@code ceil(results / lanes)}. */
    public long cycles(long results) {
        if (results < 0) {
            throw new IllegalArgumentException("results must be >= 0, got " + results);
        }
        return (results + lanes - 1) / lanes;
    }

    /** Picoseconds to requantize {@code results} results ({@link #cycles} control clocks). */
    public long ps(long results) {
        return control.edgeTime(cycles(results));
    }

    @Override
    public String toString() {
        return lanes + " output lanes";
    }
}
