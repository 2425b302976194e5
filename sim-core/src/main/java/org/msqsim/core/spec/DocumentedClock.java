package org.msqsim.core.spec;

/**
 * The fastest clock a core kind is documented to run at on a board's part: a published design on
 * that part (or the same die and speed grade) that ran at it, or the vendor's own setting. Above it
 * a clock is an assumption, and reports say so.
 *
 * @param hz     the documented clock
 * @param source where it is documented (a design, its repository file or paper table)
 */
public record DocumentedClock(long hz, String source) {
    public DocumentedClock {
        Specs.require(hz > 0 && hz <= 1_000_000_000L, "clocks.documented.mhz", hz, "must be in (0, 1000] MHz");
        Specs.require(source != null && !source.isBlank(), "clocks.documented.source", source, "is required");
    }
}
