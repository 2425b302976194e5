package org.msqsim.models.scalesim;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.msqsim.core.hw.compute.ArrayTiming;
import org.msqsim.core.spec.Dataflow;
import org.msqsim.core.spec.MacKind;
import org.msqsim.core.spec.PeArraySpec;

/**
 * msqsim's own cycle count for SCALE-Sim's layers, beside SCALE-Sim's ({@link ScaleSimCompute}): the
 * layer as a GEMM of {@code filters × window × ofmap pixels} on the array the configuration describes,
 * timed by msqsim's native systolic model ({@link ArrayTiming#tileCycles}), which charges only the
 * rows and columns a fold uses (README: SCALE-Sim compatibility).
 *
 * <p>The equivalent array is {@code ArrayHeight} rows × {@code ArrayWidth} columns of one product per
 * PE in the configured dataflow. SCALE-Sim's input-stationary dataflow has no msqsim counterpart, so
 * there is no native count for it.
 */
public final class NativeCycles {
    /** Clock and accumulator width of the equivalent array: neither enters a cycle count. */
    private static final long CLOCK_HZ = 100_000_000L;
    private static final int ACCUMULATOR_BITS = 32;

    private NativeCycles() {
    }

    /** The msqsim array equivalent to the configuration's, or empty where msqsim has no such dataflow. */
    public static Optional<PeArraySpec> array(ScaleSimConfig config) {
        Dataflow df = switch (config.dataflow()) {
            case OUTPUT_STATIONARY -> Dataflow.OUTPUT_STATIONARY;
            case WEIGHT_STATIONARY -> Dataflow.WEIGHT_STATIONARY;
            case INPUT_STATIONARY -> null;
        };
        return df == null ? Optional.empty() : Optional.of(new PeArraySpec("scalesim_array", MacKind.DSP, df,
                config.arrayHeight(), config.arrayWidth(), 1, CLOCK_HZ, ACCUMULATOR_BITS));
    }

    /** The layer's cycles on the equivalent array, or empty where there is none. */
    public static OptionalLong of(ScaleSimConfig config, ScaleSimLayer layer) {
        return array(config).map(a -> OptionalLong.of(cycles(a, layer))).orElse(OptionalLong.empty());
    }

    /** The layers' cycles on the equivalent array, summed; empty where there is none. */
    public static OptionalLong total(ScaleSimConfig config, List<ScaleSimLayer> layers) {
        return array(config).map(a -> OptionalLong.of(layers.stream().mapToLong(l -> cycles(a, l)).sum()))
                .orElse(OptionalLong.empty());
    }

    private static long cycles(PeArraySpec array, ScaleSimLayer l) {
        return ArrayTiming.tileCycles(array, l.numFilters(), (int) l.windowSize(), (int) l.ofmapPixels());
    }
}
