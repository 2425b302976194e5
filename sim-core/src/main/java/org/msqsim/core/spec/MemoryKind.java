package org.msqsim.core.spec;

/** Which on-chip RAM primitive a buffer is built from. */
public enum MemoryKind {
    /** RAMB36/RAMB18 block RAM. */
    BRAM,
    /** URAM288 (UltraScale+ only). */
    URAM
}
