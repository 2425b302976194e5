package org.msqsim.core.spec;

/** What multiplies in a PE. */
public enum MacKind {
    /** DSP48 slice, fixed-point weights, optionally packing 2 or 4 products per slice. */
    DSP,
    /** LUT shift-adder for SP2 weights (two shifts, an add, a conditional negate). */
    LUT_SP2,
    /** LUT-built fixed-point multiplier (the alternative a sceptic asks about). */
    LUT_FIXED
}
