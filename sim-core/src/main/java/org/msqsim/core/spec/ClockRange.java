package org.msqsim.core.spec;

import java.util.Optional;

/**
 * The fabric clocks a board's designs may use: a default and the range {@code explore} may sweep,
 * and per core kind the fastest clock documented on the part. The upper bound of the range is what
 * designs on such parts are taken to reach (facts/boards.md §3), not the DSP datasheet Fmax; where a
 * core kind has a {@link DocumentedClock}, {@code explore} keeps that kind's cores at or below it
 * unless asked to assume more, and a kind without one runs up to {@code maxHz} as an assumption.
 *
 * <p>Why per core kind: a LUT-heavy array (adder trees, wide accumulators spread over the fabric)
 * closes timing at a lower clock than a DSP array whose multiply-accumulate sits inside hard slices
 * (on ZCU104 the DPU's DSP array runs at 305 MHz, FINN's LUT-and-DSP MobileNet-v1 at 185 MHz).
 *
 * @param dspCore the documented clock of DSP-slice arrays on this part, if any
 * @param lutCore the documented clock of LUT arrays (SP2 shift-add, LUT multipliers), if any
 */
public record ClockRange(long minHz, long defaultHz, long maxHz, Optional<DocumentedClock> dspCore,
                         Optional<DocumentedClock> lutCore) {
    public ClockRange {
        Specs.require(minHz > 0, "clocks.min_mhz", minHz, "must be positive");
        Specs.require(minHz <= defaultHz && defaultHz <= maxHz, "clocks.default_mhz", defaultHz,
                "must lie within [min_mhz, max_mhz]");
        Specs.require(maxHz <= 1_000_000_000L, "clocks.max_mhz", maxHz, "must be <= 1000 MHz");
        Specs.require(dspCore != null && lutCore != null, "clocks.documented", null, "must not be null");
        dspCore.ifPresent(d -> Specs.require(d.hz() >= minHz && d.hz() <= maxHz,
                "clocks.documented.dsp_core.mhz", d.hz(), "must lie within [min_mhz, max_mhz]"));
        lutCore.ifPresent(d -> Specs.require(d.hz() >= minHz && d.hz() <= maxHz,
                "clocks.documented.lut_core.mhz", d.hz(), "must lie within [min_mhz, max_mhz]"));
    }

    /** A range with no documented core clocks: every clock in it is an assumption. */
    public ClockRange(long minHz, long defaultHz, long maxHz) {
        this(minHz, defaultHz, maxHz, Optional.empty(), Optional.empty());
    }

    /** The documented clock of the core kind that multiplies with {@code mac}, if any. */
    public Optional<DocumentedClock> documented(MacKind mac) {
        return mac == MacKind.DSP ? dspCore : lutCore;
    }

    /**
     * The fastest clock {@code explore} gives a core of kind {@code mac}: its documented clock where
     * there is one, else the range's maximum (then an assumption).
     */
    public long ceilingHz(MacKind mac) {
        return documented(mac).map(DocumentedClock::hz).orElse(maxHz);
    }

    /** This range with the documented clocks dropped: every core kind may run up to {@code maxHz}. */
    public ClockRange assumingMax() {
        return new ClockRange(minHz, defaultHz, maxHz);
    }
}
