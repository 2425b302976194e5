package org.msqsim.core.hw.memory;

import org.msqsim.core.spec.DdrSpec;

/**
 * Data streamed through DDR with nothing to overlap it: {@code readBytes} read, passed through
 * element-wise logic, and {@code writeBytes} written back, as one request on an otherwise idle
 * controller — how the accelerator runs a pooling or residual-add layer, which has no GEMM for the
 * tile loop to hide its traffic behind.
 *
 * <p>Timing: the {@link DdrController}'s model for one uncontended request of all the bytes: one
 * access latency ({@link DdrSpec#latencyPs()}), then the bytes at the sustained rate
 * ({@link DdrSpec#sustainedBytesPerSecond()}, peak × efficiency), or, when the AXI ports together
 * are slower, the reads and the writes each at the ports' summed ceiling (an AXI port's read and
 * write channels are separate, AMBA AXI4 spec §A1.3; the DRAM bus is shared by both): the longer of
 * the three, the total rounded up to a whole ps. A streaming engine is taken to use every port the
 * design has (a design with its own data masters, {@code AcceleratorSpec#dataPorts}, sees only
 * those). It leaves out what the controller adds for real DMA transfers: bursts rounded up to whole
 * DRAM bursts ({@link DdrSpec#bytesOnBus}), the rate rounded to whole B/s and read/write turnaround
 * (the engine switches direction rarely). For a whole number of bursts on an idle controller whose
 * port ceiling is above the sustained rate it gives the controller's completion time
 * ({@code DdrStreamTest}).
 *
 * @param readBytes  bytes read (every input tensor)
 * @param writeBytes bytes written (the output tensor)
 */
public record DdrStream(long readBytes, long writeBytes) {
    public DdrStream {
        if (readBytes < 0 || writeBytes < 0) {
            throw new IllegalArgumentException("a DDR stream moves bytes >= 0, got " + readBytes + " read and "
                    + writeBytes + " written");
        }
    }

    /** Bytes moved in both directions. */
    public long bytes() {
        return readBytes + writeBytes;
    }

    /**
     * Latency plus {@code ceil(max(bytes / sustained, read / ports, write / ports) · 10^12)} ps on
     * {@code ddr}, {@code ports} the summed peak of its AXI ports in one direction.
     */
    public long latencyPs(DdrSpec ddr) {
        double seconds = Math.max(bytes() / ddr.sustainedBytesPerSecond(),
                Math.max(readBytes, writeBytes) / ddr.portsPeakBytesPerSecond());
        return ddr.latencyPs() + (long) Math.ceil(seconds * 1e12);
    }
}
