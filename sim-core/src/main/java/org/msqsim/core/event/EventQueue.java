package org.msqsim.core.event;

import java.util.NoSuchElementException;

/**
 * A priority queue of events in the total order (time, phase, sequence) of {@link Event}. The
 * queue assigns sequences from its own counter, starting at 0, so two queues fed the same calls
 * hand out the same sequences and pop the same events: the basis of the differential test.
 *
 * <p>The primitive methods ({@link #schedule}, {@link #peekTime}, {@link #peekPhase},
 * {@link #peekSequence}, {@link #take}) let the simulator loop run without creating an
 * {@link Event} per event (STYLE "Time and events" 5); {@link #peek()} and {@link #poll()} build
 * one for callers that want a value. Not thread-safe: one simulation, one thread.
 */
public interface EventQueue {

    /**
     * Enqueues {@code handler} at ({@code time}, {@code phase}) and returns its sequence number,
     * which doubles as the handle for {@link #cancel}.
     *
     * @throws IllegalArgumentException if time is negative, phase is outside 0..{@link Event#MAX_PHASE}
     *                                  or handler is null
     */
    long schedule(long time, int phase, EventHandler handler);

    /** Removes the pending event with this sequence; false if none (already fired or cancelled). */
    boolean cancel(long sequence);

    int size();

    default boolean isEmpty() {
        return size() == 0;
    }

    /** Time of the head event; {@link NoSuchElementException} if empty. */
    long peekTime();

    /** Phase of the head event; {@link NoSuchElementException} if empty. */
    int peekPhase();

    /** Sequence of the head event; {@link NoSuchElementException} if empty. */
    long peekSequence();

    /** Removes the head event and returns its handler; {@link NoSuchElementException} if empty. */
    EventHandler take();

    /** Removes every pending event; sequences keep counting so old handles stay invalid. */
    void clear();

    /** The head event as a value, or null if empty. Allocates; the simulator loop does not use it. */
    Event peek();

    /** Removes and returns the head event, or null if empty. Allocates; see {@link #take}. */
    default Event poll() {
        if (isEmpty()) {
            return null;
        }
        long time = peekTime();
        int phase = peekPhase();
        long sequence = peekSequence();
        return new Event(time, phase, sequence, take());
    }
}
