package org.msqsim.core.spec;

/**
 * The fabric clocks a board's designs may use: a default and the range {@code explore} may sweep.
 * The upper bound is what designs on such parts reach in practice (facts/boards.md §3), not the DSP
 * datasheet Fmax.
 */
public record ClockRange(long minHz, long defaultHz, long maxHz) {
    public ClockRange {
        Specs.require(minHz > 0, "clocks.min_mhz", minHz, "must be positive");
        Specs.require(minHz <= defaultHz && defaultHz <= maxHz, "clocks.default_mhz", defaultHz,
                "must lie within [min_mhz, max_mhz]");
        Specs.require(maxHz <= 1_000_000_000L, "clocks.max_mhz", maxHz, "must be <= 1000 MHz");
    }
}
