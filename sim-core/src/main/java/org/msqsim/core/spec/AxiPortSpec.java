package org.msqsim.core.spec;

/**
 * One AXI port between the accelerator and the DDR controller (a Zynq S_AXI_HP port, or a MIG
 * user port). Its own ceiling is {@code widthBits/8 · clockHz} bytes/s (UG585 Theoretical
 * Bandwidth table: 64 bit at 150 MHz = 1,200 MB/s per direction).
 */
public record AxiPortSpec(String name, int widthBits, long clockHz) {
    public AxiPortSpec {
        Specs.require(name != null && !name.isBlank(), "port.name", name, "is required");
        Specs.require(widthBits == 32 || widthBits == 64 || widthBits == 128 || widthBits == 256
                || widthBits == 512, "port.width_bits", widthBits, "must be 32, 64, 128, 256 or 512");
        Specs.require(clockHz > 0 && clockHz <= 1_000_000_000L, "port.clock_hz", clockHz, "must be in (0, 1 GHz]");
    }

    /** Peak bytes per second of this port in one direction. */
    public double peakBytesPerSecond() {
        return widthBits / 8.0 * clockHz;
    }
}
