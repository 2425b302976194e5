package org.msqsim.core.engine;

/** Why {@link Simulator#run(long, long)} returned. A stall is not a reason: it throws. */
public enum StopReason {
    /** No events were left. */
    QUEUE_EMPTY,
    /** The next event lies after the time limit; it stays queued. */
    TIME_LIMIT,
    /** The event budget of this run was spent. */
    EVENT_LIMIT,
    /** A handler (or other code) called {@link Simulator#stop()}. */
    STOPPED
}
