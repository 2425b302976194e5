package org.msqsim.core.engine;

import org.msqsim.core.time.Time;

/**
 * Thrown by the {@link Simulator} watchdog when a run stops making progress: too many events at
 * one instant (a zero-delay loop), or a user progress predicate false for too long. It names the
 * simulated time and the number of events fired so the loop can be found (STYLE 13: fail fast,
 * with context).
 */
public final class SimulationStalledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long timePs;
    private final long eventsFired;

    SimulationStalledException(long timePs, long eventsFired, String why, String lastEvent) {
        super("simulation stalled at " + Time.format(timePs) + " after " + eventsFired + " events: " + why
                + " (last event '" + lastEvent + "')");
        this.timePs = timePs;
        this.eventsFired = eventsFired;
    }

    public long timePs() {
        return timePs;
    }

    public long eventsFired() {
        return eventsFired;
    }
}
