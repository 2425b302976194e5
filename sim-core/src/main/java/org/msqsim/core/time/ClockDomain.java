package org.msqsim.core.time;

import static org.msqsim.core.time.WideArithmetic.mulDivCeil;
import static org.msqsim.core.time.WideArithmetic.mulDivFloor;

import java.util.Objects;

/**
 * A named clock of integer frequency {@code f} Hz whose edge {@code n} (n = 0, 1, 2, ...) lies at
 * exactly {@code edgeTime(n) = floor(n · 10^12 / f)} picoseconds. Edge 0 is at time 0 for every
 * domain, so all domains of one simulation start aligned.
 *
 * <p>Why exact: a 300 MHz period is 3333.33… ps; rounding it to 3333 ps loses 1 ns every 3000
 * cycles, and after 10^9 cycles the clock is 333 us early. Instead the period is kept as quotient
 * {@code q = 10^12 div f} plus remainder {@code r = 10^12 mod f}; {@link EdgeCursor} steps by
 * {@code q} and carries {@code r} (STYLE "Time and events" 1), and random access splits
 * {@code n = a·f + b} so that {@code edgeTime(n) = a·10^12 + b·q + floor(b·r/f)} with every
 * product below 2^63 ({@link WideArithmetic}). Both agree with the BigInteger formula bit for bit.
 *
 * <p>Components use a domain to compute when something happens, e.g. the edge a tile finishes
 * on, and schedule one event there; they never tick through idle cycles (STYLE 3).
 */
public final class ClockDomain {

    /** One edge per picosecond: the finest clock integer-picosecond time can represent. */
    public static final long MAX_FREQUENCY_HZ = Time.PS_PER_S;

    private final String name;
    private final long frequencyHz;
    private final long quotientPs;
    private final long remainderPs;

    public ClockDomain(String name, long frequencyHz) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("clock domain needs a non-blank name");
        }
        if (frequencyHz <= 0 || frequencyHz > MAX_FREQUENCY_HZ) {
            throw new IllegalArgumentException("clock domain '" + name + "': frequency must be 1 Hz to 10^12 Hz"
                    + " (one edge per picosecond), got " + frequencyHz + " Hz");
        }
        this.name = name;
        this.frequencyHz = frequencyHz;
        this.quotientPs = Time.PS_PER_S / frequencyHz;
        this.remainderPs = Time.PS_PER_S % frequencyHz;
    }

    public static ClockDomain ofMHz(String name, long megahertz) {
        if (megahertz <= 0 || megahertz > MAX_FREQUENCY_HZ / 1_000_000L) {
            throw new IllegalArgumentException("clock domain '" + name + "': frequency must be 1 MHz to 10^6 MHz, got "
                    + megahertz + " MHz");
        }
        return new ClockDomain(name, megahertz * 1_000_000L);
    }

    public String name() {
        return name;
    }

    public long frequencyHz() {
        return frequencyHz;
    }

    /** The exact period, {@code 10^12 / f} ps in lowest terms (10000/3 at 300 MHz). */
    public Rational periodPs() {
        return new Rational(Time.PS_PER_S, frequencyHz);
    }

    /** Time of edge {@code cycle}: {@code floor(cycle · 10^12 / f)} ps, overflow-checked. */
    public long edgeTime(long cycle) {
        requireNonNegative(cycle, "cycle");
        long a = cycle / frequencyHz;
        long b = cycle % frequencyHz;
        long wholeSeconds = Math.multiplyExact(a, Time.PS_PER_S);
        return Math.addExact(wholeSeconds, b * quotientPs + mulDivFloor(b, remainderPs, frequencyHz));
    }

    /**
     * The index of the first edge at or after {@code ps}: the least {@code n} with
     * {@code edgeTime(n) >= ps}, which is {@code ceil(ps · f / 10^12)}. Equivalently, the number of
     * edges strictly before {@code ps}.
     */
    public long firstCycleAtOrAfter(long ps) {
        requireNonNegative(ps, "time");
        long a = ps / Time.PS_PER_S;
        long b = ps % Time.PS_PER_S;
        return Math.addExact(Math.multiplyExact(a, frequencyHz), mulDivCeil(b, frequencyHz, Time.PS_PER_S));
    }

    /**
     * The number of edges at or before {@code ps}, counting edge 0 at time 0: the least {@code n}
     * with {@code edgeTime(n) > ps}, which is {@code ceil((ps + 1) · f / 10^12)}. So
     * {@code cyclesAt(0) == 1}, and the last edge at or before {@code ps} is {@code cyclesAt(ps) - 1}.
     * Throws {@link ArithmeticException} only where the count exceeds a long (1 THz at {@code Long.MAX_VALUE}).
     */
    public long cyclesAt(long ps) {
        requireNonNegative(ps, "time");
        long a = ps / Time.PS_PER_S;
        long b = ps % Time.PS_PER_S;   // b + 1 <= 10^12, so the split below never overflows
        return Math.addExact(Math.multiplyExact(a, frequencyHz), mulDivCeil(b + 1, frequencyHz, Time.PS_PER_S));
    }

    /** Time of the first edge at or after {@code ps}; {@code ps} itself if an edge falls on it. */
    public long nextEdgeAtOrAfter(long ps) {
        return edgeTime(firstCycleAtOrAfter(ps));
    }

    /**
     * Converts a duration of {@code cycles} cycles of this domain into cycles of {@code to},
     * rounding up: the least {@code m} with {@code m / f_to >= cycles / f_this}, i.e.
     * {@code ceil(cycles · f_to / f_this)}. Ceil because a consumer in {@code to} sees data
     * produced in this domain only at its next edge; a partial cycle is a whole cycle of waiting.
     * This is a phase-free duration rule; for the concrete hand-off edge of two aligned clocks use
     * {@code to.firstCycleAtOrAfter(this.edgeTime(n))}.
     */
    public long convertCycles(long cycles, ClockDomain to) {
        requireNonNegative(cycles, "cycle count");
        long a = cycles / frequencyHz;
        long b = cycles % frequencyHz;
        return Math.addExact(Math.multiplyExact(a, to.frequencyHz), mulDivCeil(b, to.frequencyHz, frequencyHz));
    }

    /** A cursor positioned on edge {@code startCycle}, for stepping edge by edge without drift. */
    public EdgeCursor cursor(long startCycle) {
        return new EdgeCursor(this, startCycle);
    }

    long quotientPs() {
        return quotientPs;
    }

    long remainderPs() {
        return remainderPs;
    }

    private void requireNonNegative(long value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException("clock domain '" + name + "': " + what + " must be >= 0, got " + value);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClockDomain other && other.frequencyHz == frequencyHz && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, frequencyHz);
    }

    @Override
    public String toString() {
        return name + "@" + frequencyHz + " Hz";
    }
}
