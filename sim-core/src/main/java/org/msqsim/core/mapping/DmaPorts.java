package org.msqsim.core.mapping;

import org.msqsim.core.spec.AcceleratorSpec;

/**
 * Which AXI port of the DDR controller each DMA stream uses: input loads on port 0, weight loads on
 * port 1, output stores on port 2, wrapping when the board has fewer ports (on a one-port board all
 * three share it). The accelerator wires its streams by it and the planner's estimate charges each
 * port-direction by it.
 *
 * @param input  port of the input-tile loads
 * @param weight port of the weight-tile loads
 * @param output port of the output-tile stores
 */
public record DmaPorts(int input, int weight, int output) {
    public DmaPorts {
        if (input < 0 || weight < 0 || output < 0) {
            throw new IllegalArgumentException("negative DMA port: input=" + input + " weight=" + weight
                    + " output=" + output);
        }
    }

    /** The assignment on a design's DDR ports. */
    public static DmaPorts of(AcceleratorSpec spec) {
        int ports = spec.ddr().ports().size();
        return new DmaPorts(0, 1 % ports, 2 % ports);
    }
}
