package org.msqsim.core.event;

import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * The plain reference: a {@link PriorityQueue} of {@link Event} values ordered by
 * {@link Event#compareTo}. Obviously correct and one allocation per event; it exists to check
 * {@link PackedHeapEventQueue} against (STYLE "Time and events" 4, Caffeine's fuzzing against a
 * reference model) and as the baseline the fast queue must beat.
 */
public final class ReferenceEventQueue implements EventQueue {

    private final PriorityQueue<Event> heap = new PriorityQueue<>();
    private long nextSequence;

    @Override
    public long schedule(long time, int phase, EventHandler handler) {
        Event.checkSchedulable(time, phase, handler);
        long sequence = Event.checkSequence(nextSequence);
        heap.add(new Event(time, phase, sequence, handler));
        nextSequence = sequence + 1;
        return sequence;
    }

    @Override
    public boolean cancel(long sequence) {
        return heap.removeIf(e -> e.sequence() == sequence);
    }

    @Override
    public int size() {
        return heap.size();
    }

    @Override
    public long peekTime() {
        return head().time();
    }

    @Override
    public int peekPhase() {
        return head().phase();
    }

    @Override
    public long peekSequence() {
        return head().sequence();
    }

    @Override
    public EventHandler take() {
        head();
        return heap.poll().handler();
    }

    @Override
    public void clear() {
        heap.clear();
    }

    @Override
    public Event peek() {
        return heap.peek();
    }

    @Override
    public Event poll() {
        return heap.poll();
    }

    private Event head() {
        Event head = heap.peek();
        if (head == null) {
            throw new NoSuchElementException("event queue is empty");
        }
        return head;
    }
}
