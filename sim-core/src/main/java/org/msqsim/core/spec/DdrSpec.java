package org.msqsim.core.spec;

import java.util.List;

/**
 * External memory as the accelerator sees it: one controller, shared by several AXI ports.
 *
 * @param type            a label, e.g. {@code DDR3-1066 x16}
 * @param busWidthBits    DRAM data bus width
 * @param dataRateMtps    transfers per second in millions (DDR: twice the DRAM clock)
 * @param efficiency      fraction of the peak the controller sustains on long bursts, in (0, 1]
 * @param burstBytes      the longest AXI burst the DMA issues, in bytes ({@link #bytesOnBus})
 * @param latencyPs       access latency of a request, from issue to first data, in ps
 * @param turnaroundPs    bus turnaround penalty when the controller switches read ↔ write, in ps
 * @param ports           the AXI ports sharing the controller
 * @param channels        independent memory channels behind the ports, each with its own controller
 *                        (a U250 has four DDR4 channels, each its own MIG in the PL); the bus width
 *                        and data rate are those of all channels together
 */
public record DdrSpec(String type, int busWidthBits, long dataRateMtps, double efficiency, int burstBytes,
                      long latencyPs, long turnaroundPs, List<AxiPortSpec> ports, int channels) {
    public DdrSpec {
        Specs.require(type != null && !type.isBlank(), "ddr.type", type, "is required");
        Specs.require(busWidthBits > 0 && busWidthBits % 8 == 0, "ddr.bus_width_bits", busWidthBits,
                "must be a positive multiple of 8");
        Specs.require(dataRateMtps > 0, "ddr.data_rate_mtps", dataRateMtps, "must be positive");
        Specs.require(efficiency > 0 && efficiency <= 1, "ddr.efficiency", efficiency, "must be in (0, 1]");
        Specs.require(burstBytes > 0 && Integer.bitCount(burstBytes) == 1, "ddr.burst_bytes", burstBytes,
                "must be a power of two");
        Specs.require(latencyPs >= 0, "ddr.latency_ns", latencyPs, "must be >= 0");
        Specs.require(turnaroundPs >= 0, "ddr.turnaround_ns", turnaroundPs, "must be >= 0");
        Specs.require(ports != null && !ports.isEmpty(), "ddr.ports", ports, "needs at least one port");
        ports = List.copyOf(ports);
        Specs.require(channels >= 1 && channels <= ports.size(), "ddr.channels", channels,
                "must be 1.." + ports.size() + " (each channel needs at least one port)");
    }

    /** A one-channel memory. */
    public DdrSpec(String type, int busWidthBits, long dataRateMtps, double efficiency, int burstBytes,
                   long latencyPs, long turnaroundPs, List<AxiPortSpec> ports) {
        this(type, busWidthBits, dataRateMtps, efficiency, burstBytes, latencyPs, turnaroundPs, ports, 1);
    }

    /** DRAM burst length of DDR3 and DDR4 (JEDEC JESD79-3 / JESD79-4: BL8); the controllers issue BL8 only. */
    public static final int DRAM_BURST_LENGTH = 8;

    /**
     * The data one DRAM column command moves on one channel: {@link #DRAM_BURST_LENGTH} beats of the
     * channel's bus (DDR3-1600 x64: 64 B; PS DDR3 x32: 32 B; PYNQ-Z2's x16: 16 B).
     */
    public long dramBurstBytes() {
        return (long) DRAM_BURST_LENGTH * busWidthBits / 8 / channels;
    }

    /**
     * The bytes a DMA transfer of {@code bytes} occupies on the memory bus through AXI port
     * {@code port}: split into AXI bursts of at most {@code burstBytes} (AXI4 bursts have 1 to 256
     * beats, the DMA issues the longest the board allows and one shorter burst for the rest), each
     * burst its beats rounded up to whole data units of the controller, the larger of one AXI beat
     * ({@code widthBits / 8} of the port) and one DRAM burst ({@link #dramBurstBytes()}). That
     * rounding is a burst's overhead in data: a partial DRAM burst still takes its whole BL8 slot
     * (reads discard the rest, writes mask it). Command and address time is pipelined behind other
     * bursts' data; row misses, refresh and bus idles are what {@code efficiency} and
     * {@code turnaroundPs} charge.
     */
    public long bytesOnBus(int port, long bytes) {
        long unit = Math.max(ports.get(port).widthBits() / 8, dramBurstBytes());
        long full = bytes / burstBytes;
        long rest = bytes % burstBytes;
        return full * roundUp(burstBytes, unit) + (rest == 0 ? 0 : roundUp(rest, unit));
    }

    private static long roundUp(long v, long unit) {
        return (v + unit - 1) / unit * unit;
    }

    /** Bytes per second all the AXI ports move together in one direction: the sum of their peaks. */
    public double portsPeakBytesPerSecond() {
        return ports.stream().mapToDouble(AxiPortSpec::peakBytesPerSecond).sum();
    }

    /** Theoretical peak bytes per second: bus width × transfer rate. */
    public double peakBytesPerSecond() {
        return busWidthBits / 8.0 * dataRateMtps * 1e6;
    }

    /** What the controller sustains: peak × efficiency. */
    public double sustainedBytesPerSecond() {
        return peakBytesPerSecond() * efficiency;
    }
}
