package org.msqsim.core.time;

/**
 * Steps the edges of one {@link ClockDomain} in order, exactly: each step adds the whole
 * picoseconds of the period and carries the fractional remainder, adding one extra picosecond
 * whenever the carry reaches a whole picosecond (Bresenham's line in time). No division on the
 * step, no drift, no allocation.
 *
 * <p>Invariant: {@code time() == domain.edgeTime(cycle())} and
 * {@code carry == (cycle() · r) mod f}, where {@code 10^12 = q·f + r}; so
 * {@code floor((cycle+1)·10^12/f) = time + q + (carry + r >= f ? 1 : 0)}.
 * Mutable and not thread-safe, like everything on a simulation's hot path (STYLE 5).
 */
public final class EdgeCursor {

    private final ClockDomain domain;
    private final long frequencyHz;
    private final long quotientPs;
    private final long remainderPs;
    private long cycle;
    private long time;
    private long carry;

    EdgeCursor(ClockDomain domain, long startCycle) {
        this.domain = domain;
        this.frequencyHz = domain.frequencyHz();
        this.quotientPs = domain.quotientPs();
        this.remainderPs = domain.remainderPs();
        seek(startCycle);
    }

    /** Repositions the cursor on edge {@code targetCycle} by random access; O(1). */
    public void seek(long targetCycle) {
        this.time = domain.edgeTime(targetCycle);
        this.cycle = targetCycle;
        this.carry = WideArithmetic.mulMod(targetCycle % frequencyHz, remainderPs, frequencyHz);
    }

    /** Advances to the next edge and returns its time in ps. */
    public long next() {
        long t = Math.addExact(time, quotientPs);
        long c = carry + remainderPs;
        if (c >= frequencyHz) {
            c -= frequencyHz;
            t = Math.addExact(t, 1);
        }
        time = t;
        carry = c;
        cycle++;
        return t;
    }

    public long cycle() {
        return cycle;
    }

    public long time() {
        return time;
    }

    public ClockDomain domain() {
        return domain;
    }

    @Override
    public String toString() {
        return domain.name() + " cycle " + cycle + " at " + Time.format(time);
    }
}
