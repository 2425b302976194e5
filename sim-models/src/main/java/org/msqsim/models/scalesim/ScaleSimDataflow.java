package org.msqsim.models.scalesim;

import java.util.Optional;

/**
 * SCALE-Sim's three dataflows, as spelled in a {@code .cfg} file's {@code Dataflow} key. SCALE-Sim
 * compares the value exactly ({@code scalesim/single_layer_sim.py}, {@code set_params}), so only
 * the lower-case keys are accepted.
 */
public enum ScaleSimDataflow {
    /** Output stationary: rows hold output pixels, columns hold filters, time runs over the window. */
    OUTPUT_STATIONARY("os"),
    /** Weight stationary: rows hold the window, columns hold filters, time runs over output pixels. */
    WEIGHT_STATIONARY("ws"),
    /** Input stationary: rows hold the window, columns hold output pixels, time runs over filters. */
    INPUT_STATIONARY("is");

    private final String key;

    ScaleSimDataflow(String key) {
        this.key = key;
    }

    /** The value as written in a {@code .cfg} file. */
    public String key() {
        return key;
    }

    /** The dataflow whose key is exactly {@code key}, if any. */
    public static Optional<ScaleSimDataflow> fromKey(String key) {
        for (ScaleSimDataflow d : values()) {
            if (d.key.equals(key)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
