package org.msqsim.models.explore;

import org.msqsim.core.spec.MacKind;

/**
 * What a design's LUT core multiplies with, if it has one. {@link #DSP_ONLY} designs (SP2 fraction 0)
 * have no LUT core at all, so its LUTs are free; {@link #MSQ} spends the LUT budget on SP2
 * shift-adders (the paper's design); {@link #LUT_FIXED} spends the same budget on LUT-built
 * fixed-point multipliers (FINN-R cost), the alternative a sceptical reader asks about. For
 * {@code LUT_FIXED} the "SP2 fraction" is the fraction of rows sent to the LUT core.
 */
public enum DesignFamily {
    DSP_ONLY("dsp-only", null),
    MSQ("msq", MacKind.LUT_SP2),
    LUT_FIXED("lut-fixed", MacKind.LUT_FIXED);

    private final String label;
    private final MacKind lutMac;

    DesignFamily(String label, MacKind lutMac) {
        this.label = label;
        this.lutMac = lutMac;
    }

    /** The name used in reports and JSON. */
    public String label() {
        return label;
    }

    /** The LUT core's MAC kind; null for {@link #DSP_ONLY}. */
    public MacKind lutMac() {
        return lutMac;
    }
}
