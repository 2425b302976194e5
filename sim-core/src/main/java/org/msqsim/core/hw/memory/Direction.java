package org.msqsim.core.hw.memory;

/**
 * Direction of a DMA transfer as the DRAM sees it. AXI carries reads and writes on independent
 * channels, so a port's ceiling applies to each direction separately; the DRAM bus is shared and
 * pays a turnaround when it switches between them (see {@link DdrController}).
 */
public enum Direction {
    /** DRAM to the accelerator (a load of weights or activations). */
    READ,
    /** The accelerator to DRAM (a store of results). */
    WRITE
}
