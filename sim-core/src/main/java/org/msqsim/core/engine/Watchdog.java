package org.msqsim.core.engine;

import java.util.function.BooleanSupplier;
import org.msqsim.core.event.EventHandler;
import org.msqsim.core.time.Time;

/**
 * The two no-progress rules of a {@link Simulator}, checked after every fired event:
 * <ol>
 *   <li><b>zero-time loop</b>: more than {@code maxEventsPerInstant} events fire without time
 *       advancing. Every interaction between components has at least one cycle of latency
 *       (STYLE "Time and events" 2, Logisim {@code Propagator}'s minimum delay of one), so a long
 *       burst at one instant is an oscillation or a handler rescheduling itself with delay 0;</li>
 *   <li><b>stuck model</b>: a user predicate ("did anything useful happen since you were last
 *       asked?") answers false continuously for more than {@code windowPs} of simulated time, e.g.
 *       a controller waiting forever on a buffer that never fills while a clock keeps ticking.</li>
 * </ol>
 * Both checks are a few compares per event and allocate nothing; messages are built only on failure.
 */
final class Watchdog {

    static final long DEFAULT_MAX_EVENTS_PER_INSTANT = 1_000_000L;

    private long maxEventsPerInstant = DEFAULT_MAX_EVENTS_PER_INSTANT;
    private long instant = Long.MIN_VALUE;
    private long eventsThisInstant;
    private BooleanSupplier progress;
    private long windowPs;
    private long lastProgressPs;

    void setMaxEventsPerInstant(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("events per instant limit must be >= 1, got " + limit);
        }
        maxEventsPerInstant = limit;
    }

    long maxEventsPerInstant() {
        return maxEventsPerInstant;
    }

    void watchProgress(BooleanSupplier madeProgress, long window, long now) {
        if (madeProgress == null) {
            throw new IllegalArgumentException("progress predicate must not be null");
        }
        if (window < 0) {
            throw new IllegalArgumentException("progress window must be >= 0 ps, got " + window);
        }
        progress = madeProgress;
        windowPs = window;
        lastProgressPs = now;
    }

    void afterEvent(long now, long eventsFired, EventHandler last) {
        if (now != instant) {
            instant = now;
            eventsThisInstant = 1;
        } else if (++eventsThisInstant > maxEventsPerInstant) {
            throw new SimulationStalledException(now, eventsFired, eventsThisInstant
                    + " events fired without time advancing (limit " + maxEventsPerInstant + ")", last.label());
        }
        if (progress != null) {
            if (progress.getAsBoolean()) {
                lastProgressPs = now;
            } else if (now - lastProgressPs > windowPs) {
                throw new SimulationStalledException(now, eventsFired, "no progress since "
                        + Time.format(lastProgressPs) + ", longer than the " + Time.format(windowPs) + " window",
                        last.label());
            }
        }
    }
}
