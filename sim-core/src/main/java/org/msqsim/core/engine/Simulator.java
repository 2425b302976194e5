package org.msqsim.core.engine;

import java.util.function.BooleanSupplier;
import org.msqsim.core.event.EventHandler;
import org.msqsim.core.event.EventQueue;
import org.msqsim.core.event.PackedHeapEventQueue;
import org.msqsim.core.time.Time;

/**
 * A discrete-event simulator: the current time, one event queue and the loop that fires events in
 * the total order (time, phase, sequence) of {@link org.msqsim.core.event.Event}.
 *
 * <p>Invariants: {@link #now()} never decreases; the (time, phase) of fired events never
 * decreases, because {@link #schedule} rejects anything ordering before the event being fired
 * (STYLE "Time and events" 13). One thread per simulation; parallelism runs whole simulations
 * side by side (STYLE 5). The loop allocates nothing per event once the queue has grown.
 */
public final class Simulator {

    private final EventQueue queue;
    private final Watchdog watchdog = new Watchdog();
    private long now;
    private int phase;
    private long eventsFired;
    private boolean stopRequested;
    private boolean running;

    /** A simulator on the fast {@link PackedHeapEventQueue}. */
    public Simulator() {
        this(new PackedHeapEventQueue());
    }

    /** A simulator on {@code queue}, which must be empty and is owned by this simulator from now on. */
    public Simulator(EventQueue queue) {
        if (queue == null || !queue.isEmpty()) {
            throw new IllegalArgumentException("simulator needs an empty event queue");
        }
        this.queue = queue;
    }

    /**
     * Schedules {@code handler} at absolute time {@code atPs} in {@code phase}; returns a handle for
     * {@link #cancel}. At the current time only phases at or after the current one are allowed.
     *
     * @throws IllegalStateException naming the event and both times if ({@code atPs}, {@code phase})
     *                               orders before the current (time, phase)
     */
    public long schedule(long atPs, int phase, EventHandler handler) {
        if (atPs < now || (atPs == now && phase < this.phase)) {
            String label = handler == null ? "<null handler>" : handler.label();
            throw new IllegalStateException("cannot schedule event '" + label + "' at " + Time.format(atPs)
                    + " (phase " + phase + "): simulated time is already " + Time.format(now) + " (phase "
                    + this.phase + ")" + (atPs < now ? ", " + Time.format(now - atPs) + " later" : ""));
        }
        return queue.schedule(atPs, phase, handler);
    }

    /** Schedules {@code handler} {@code delayPs} after now; a negative delay is scheduling in the past. */
    public long scheduleAfter(long delayPs, int phase, EventHandler handler) {
        if (delayPs > 0 && now > Long.MAX_VALUE - delayPs) {
            throw new IllegalArgumentException("delay of " + Time.format(delayPs) + " after " + Time.format(now)
                    + " overflows simulated time");
        }
        return schedule(now + delayPs, phase, handler);
    }

    /** Removes a pending event by the handle {@link #schedule} returned; false if it already fired. */
    public boolean cancel(long handle) {
        return queue.cancel(handle);
    }

    /** Makes the running loop return {@link StopReason#STOPPED} after the current event. */
    public void stop() {
        stopRequested = true;
    }

    /** Runs until the queue is empty or {@link #stop()} is called. */
    public StopReason run() {
        return run(Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /**
     * Fires every event at or before {@code untilPs}, then sets the time to {@code untilPs}; later
     * events stay queued for the next run.
     */
    public StopReason runUntil(long untilPs) {
        return run(untilPs, Long.MAX_VALUE);
    }

    /**
     * Fires events in order until one of: {@link #stop()} was called, the queue is empty, the next
     * event lies after {@code untilPs}, or {@code maxEvents} events fired in this call. On the first
     * two time-bound reasons with a finite {@code untilPs}, the clock moves on to {@code untilPs}.
     *
     * @throws SimulationStalledException if the watchdog sees no progress
     */
    public StopReason run(long untilPs, long maxEvents) {
        if (running) {
            throw new IllegalStateException("run() called from inside an event handler at " + Time.format(now));
        }
        if (untilPs < now || maxEvents < 0) {
            throw new IllegalArgumentException("run limits must be untilPs >= now (" + Time.format(now)
                    + ") and maxEvents >= 0, got " + Time.format(untilPs) + " and " + maxEvents);
        }
        running = true;
        stopRequested = false;
        try {
            return loop(untilPs, maxEvents);
        } finally {
            running = false;
        }
    }

    /** The hot loop: primitive peeks and one interface call per event, no allocation. */
    private StopReason loop(long untilPs, long maxEvents) {
        long budget = maxEvents;
        while (true) {
            if (stopRequested) {
                return StopReason.STOPPED;
            }
            if (queue.isEmpty()) {
                advanceTo(untilPs);
                return StopReason.QUEUE_EMPTY;
            }
            long t = queue.peekTime();
            if (t > untilPs) {
                advanceTo(untilPs);
                return StopReason.TIME_LIMIT;
            }
            if (budget-- == 0) {
                return StopReason.EVENT_LIMIT;
            }
            phase = queue.peekPhase();
            now = t;
            EventHandler handler = queue.take();
            eventsFired++;
            handler.fire(t);
            watchdog.afterEvent(t, eventsFired, handler);
        }
    }

    private void advanceTo(long untilPs) {
        if (untilPs != Long.MAX_VALUE && untilPs > now) {
            now = untilPs;
            phase = 0;
        }
    }

    /** Watchdog rule 1: stall if more than {@code limit} events fire at one instant (default 10^6). */
    public Simulator stallAfterEventsPerInstant(long limit) {
        watchdog.setMaxEventsPerInstant(limit);
        return this;
    }

    /**
     * Watchdog rule 2: after every event ask {@code madeProgress}; stall if it has answered false
     * for more than {@code windowPs} of simulated time, counted from now.
     */
    public Simulator watchProgress(BooleanSupplier madeProgress, long windowPs) {
        watchdog.watchProgress(madeProgress, windowPs, now);
        return this;
    }

    public long now() {
        return now;
    }

    /** Phase of the event fired last at {@link #now()}; 0 after time moved on without an event. */
    public int phase() {
        return phase;
    }

    public long eventsFired() {
        return eventsFired;
    }

    public int pendingEvents() {
        return queue.size();
    }
}
