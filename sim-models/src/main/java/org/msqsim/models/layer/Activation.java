package org.msqsim.models.layer;

/**
 * The activation a layer's requantizer applies to its output (it is fused, not a layer of its own:
 * the accelerator clamps at zero — and for ReLU6 at the code of 6.0 — in the same step that rounds
 * and saturates the accumulator to the output width, so a separate pass would only cost a DDR round
 * trip).
 */
public enum Activation {
    NONE(""),
    RELU("relu"),
    /** {@code min(max(x, 0), 6)}, MobileNet-v2's activation (Sandler et al. 2018, §3.4). */
    RELU6("relu6");

    private final String suffix;

    Activation(String suffix) {
        this.suffix = suffix;
    }

    /** The command-line suffix ({@code ",relu"}, {@code ",relu6"}, or empty for none). */
    String suffix() {
        return this == NONE ? "" : "," + suffix;
    }

    static Activation ofSuffix(String text) {
        if (text == null) {
            return NONE;
        }
        return text.equals("relu6") ? RELU6 : RELU;
    }
}
