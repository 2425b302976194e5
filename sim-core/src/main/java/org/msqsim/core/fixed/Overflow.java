package org.msqsim.core.fixed;

/** What a register does with a value outside its range. */
public enum Overflow {
    /** Keep the low bits (two's complement wrap-around), as a plain adder or register does. */
    WRAP,
    /** Clamp to the nearest representable value, as a saturating adder does (extra LUTs). */
    SATURATE
}
