package org.msqsim.core.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * A design's own AXI data masters, when it has a fixed number of them (the Xilinx DPU: two 128-bit
 * data ports per core, {@code DPUx_M_AXI_DATA0/1}, PG338 v4.1 "Port Descriptions"), instead of one
 * DMA per port of the memory. Each master drives one of the memory's ports (the first {@code count}
 * of the board's list) and is clocked by the design's control clock: PG338 v3.4 "Data Controller
 * Clock" puts every transfer in the {@code m_axi_dpu_aclk} domain and has that clock drive the AXI
 * masters, and a Zynq S_AXI_HP port runs at the PL clock connected to it (UG585, UG1085). A master
 * narrower than its port moves its own width per clock.
 *
 * @param count     data masters, each on its own memory port
 * @param widthBits each master's data width
 */
public record DataPortsSpec(int count, int widthBits) {
    public DataPortsSpec {
        Specs.require(count >= 1 && count <= 16, "accelerator.data_ports.count", count, "must be 1..16");
        Specs.require(widthBits == 32 || widthBits == 64 || widthBits == 128 || widthBits == 256
                || widthBits == 512, "accelerator.data_ports.width_bits", widthBits,
                "must be 32, 64, 128, 256 or 512");
    }

    /**
     * {@code memory} as these masters see it: its first {@link #count} ports, each as wide as the
     * narrower of the master and the port, clocked at {@code clockHz} (the design's control clock).
     * Idempotent: the ports of a memory already seen through these masters stay as they are.
     *
     * @throws IllegalArgumentException when the memory has fewer ports than masters
     */
    public DdrSpec through(DdrSpec memory, long clockHz) {
        Specs.require(count <= memory.ports().size(), "accelerator.data_ports.count", count,
                "needs as many memory ports (" + memory.type() + " has " + memory.ports().size() + ")");
        List<AxiPortSpec> ports = new ArrayList<>(count);
        for (int p = 0; p < count; p++) {
            AxiPortSpec port = memory.ports().get(p);
            ports.add(new AxiPortSpec(port.name(), Math.min(widthBits, port.widthBits()), clockHz));
        }
        return new DdrSpec(memory.type(), memory.busWidthBits(), memory.dataRateMtps(), memory.efficiency(),
                memory.burstBytes(), memory.latencyPs(), memory.turnaroundPs(), ports,
                Math.min(memory.channels(), count));
    }
}
