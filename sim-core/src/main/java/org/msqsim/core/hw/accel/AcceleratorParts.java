package org.msqsim.core.hw.accel;

import org.msqsim.core.engine.Simulator;
import org.msqsim.core.hw.memory.DdrController;
import org.msqsim.core.hw.memory.OnChipBuffer;
import org.msqsim.core.mapping.DmaPorts;
import org.msqsim.core.mapping.TileBytes;
import org.msqsim.core.trace.TraceSink;

/**
 * What the tile loop drives besides the cores, as built by {@link MsqAccelerator} from its spec:
 * the simulator, the DDR controller with the DMA streams' ports, the three buffers, the tile byte
 * rules and the trace.
 */
record AcceleratorParts(Simulator sim, DdrController ddr, DmaPorts ports, OnChipBuffer input,
                        OnChipBuffer weights, OnChipBuffer output, TileBytes bytes, TraceSink trace) {
}
