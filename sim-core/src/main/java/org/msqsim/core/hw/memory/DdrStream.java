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
 * ({@link DdrSpec#sustainedBytesPerSecond()}, peak × efficiency), the total rounded up to a whole
 * ps. It leaves out what the controller adds for real DMA transfers: bursts rounded up to
 * whole DRAM bursts ({@link DdrSpec#bytesOnBus}), the rate rounded to whole B/s, port ceilings and read/write turnaround (a
 * streaming engine is taken to use every port and to switch direction rarely). For a whole number of
 * bursts on an idle controller whose port ceiling is above the sustained rate it gives the
 * controller's completion time ({@code DdrStreamTest}).
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

    /** Latency plus {@code ceil(bytes / sustained · 10^12)} ps on {@code ddr}. */
    public long latencyPs(DdrSpec ddr) {
        return ddr.latencyPs() + (long) Math.ceil(bytes() / ddr.sustainedBytesPerSecond() * 1e12);
    }
}
