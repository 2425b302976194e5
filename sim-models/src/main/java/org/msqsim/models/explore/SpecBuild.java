package org.msqsim.models.explore;

import org.msqsim.core.spec.AcceleratorSpec;

/**
 * What building one design's spec gave: the spec, or why that design cannot exist at all (before
 * any question of fit). Fitting the board is a separate question the cost model answers.
 */
sealed interface SpecBuild permits SpecBuild.Buildable, SpecBuild.Unbuildable {

    /** The spec was built. */
    record Buildable(AcceleratorSpec spec) implements SpecBuild {
    }

    /** No spec: more DSP slices than the device has, or a buffer wider than any spec allows. */
    record Unbuildable(String reason) implements SpecBuild {
    }
}
