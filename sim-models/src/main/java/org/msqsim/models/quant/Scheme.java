package org.msqsim.models.quant;

/** The two weight quantization schemes of MSQ, and the core that computes with each. */
public enum Scheme {
    /** Uniform levels α·q/Q; multiplied on DSP slices. */
    FIXED("fixed"),
    /** Levels ±α·(q1 + q2), sums of two powers of two; multiplied by LUT shift-adders. */
    SP2("sp2");

    private final String label;

    Scheme(String label) {
        this.label = label;
    }

    /** The lower-case name used in reports and JSON ({@code "fixed"}, {@code "sp2"}). */
    public String label() {
        return label;
    }
}
