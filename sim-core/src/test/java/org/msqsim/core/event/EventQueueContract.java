package org.msqsim.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The one contract every {@link EventQueue} obeys, run against each implementation by a concrete
 * subclass (STYLE "Time and events" 4, after DSOL {@code EventListTest}): the total order
 * (time, phase, sequence), FIFO among ties, interleaved scheduling and polling, cancellation,
 * argument checks and the empty queue, plus a seeded differential run against the reference.
 */
abstract class EventQueueContract {

    private static final EventHandler NOOP = EventHandler.named("noop", t -> { });

    abstract EventQueue newQueue();

    @Test
    void emptyQueueReturnsNullAndThrowsOnPrimitivePeeks() {
        EventQueue q = newQueue();
        assertTrue(q.isEmpty());
        assertEquals(0, q.size());
        assertNull(q.peek());
        assertNull(q.poll());
        assertThrows(NoSuchElementException.class, q::peekTime);
        assertThrows(NoSuchElementException.class, q::peekPhase);
        assertThrows(NoSuchElementException.class, q::peekSequence);
        assertThrows(NoSuchElementException.class, q::take);
        assertFalse(q.cancel(0));
    }

    @Test
    void ordersByTimeThenPhaseThenSequence() {
        EventQueue q = newQueue();
        q.schedule(50, 0, NOOP);   // #0
        q.schedule(10, 2, NOOP);   // #1
        q.schedule(10, 1, NOOP);   // #2
        q.schedule(10, 2, NOOP);   // #3: ties #1 on (time, phase), so fires after it
        q.schedule(0, 9, NOOP);    // #4
        q.schedule(10, 1, NOOP);   // #5
        assertEquals(List.of(4L, 2L, 5L, 1L, 3L, 0L), drainSequences(q));
    }

    @Test
    void equalTimeAndPhaseFireInSchedulingOrder() {
        EventQueue q = newQueue();
        List<Integer> fired = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int id = i;
            q.schedule(7, 3, t -> fired.add(id));
        }
        while (!q.isEmpty()) {
            q.take().fire(q.isEmpty() ? 7 : q.peekTime());
        }
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, fired.get(i));
        }
    }

    @Test
    void sequencesAreOwnedByTheQueueInstance() {
        EventQueue a = newQueue();
        EventQueue b = newQueue();
        assertEquals(0, a.schedule(5, 0, NOOP));
        assertEquals(1, a.schedule(5, 0, NOOP));
        assertEquals(0, b.schedule(5, 0, NOOP));
        a.clear();
        assertTrue(a.isEmpty());
        assertEquals(2, a.schedule(1, 0, NOOP), "clear keeps counting so old handles stay invalid");
    }

    @Test
    void interleavedScheduleAndPollStayOrdered() {
        EventQueue q = newQueue();
        SplittableRandom random = new SplittableRandom(11);
        long now = 0;
        for (int i = 0; i < 20_000; i++) {
            q.schedule(now + random.nextLong(100), random.nextInt(3), NOOP);
            if (i % 3 == 2) {
                long t = q.peekTime();
                assertTrue(t >= now);
                now = t;
                q.take();
            }
        }
        Event previous = null;
        while (!q.isEmpty()) {
            Event e = q.poll();
            assertTrue(previous == null || previous.compareTo(e) < 0, previous + " before " + e);
            previous = e;
        }
    }

    @Test
    void peekAndPollReturnTheHeadAsAValue() {
        EventQueue q = newQueue();
        EventHandler h = EventHandler.named("h", t -> { });
        q.schedule(30, 1, NOOP);
        long seq = q.schedule(20, 4, h);
        Event head = q.peek();
        assertEquals(new Event(20, 4, seq, h), head);
        assertEquals(20, q.peekTime());
        assertEquals(4, q.peekPhase());
        assertEquals(seq, q.peekSequence());
        assertEquals(2, q.size());
        assertEquals(head, q.poll());
        assertSame(NOOP, q.take());
        assertTrue(q.isEmpty());
    }

    @Test
    void cancelRemovesExactlyThatEvent() {
        EventQueue q = newQueue();
        long a = q.schedule(10, 0, NOOP);
        long b = q.schedule(20, 0, NOOP);
        long c = q.schedule(30, 0, NOOP);
        assertTrue(q.cancel(b));
        assertFalse(q.cancel(b));
        assertFalse(q.cancel(99));
        assertEquals(List.of(a, c), drainSequences(q));
        assertFalse(q.cancel(a), "a fired event cannot be cancelled");
    }

    @Test
    void rejectsBadArgumentsNamingTheEvent() {
        EventQueue q = newQueue();
        IllegalArgumentException time = assertThrows(IllegalArgumentException.class, () -> q.schedule(-1, 0, NOOP));
        assertTrue(time.getMessage().contains("'noop'"), time.getMessage());
        assertThrows(IllegalArgumentException.class, () -> q.schedule(0, -1, NOOP));
        assertThrows(IllegalArgumentException.class, () -> q.schedule(0, Event.MAX_PHASE + 1, NOOP));
        assertThrows(IllegalArgumentException.class, () -> q.schedule(0, 0, null));
        assertTrue(q.isEmpty());
        q.schedule(Long.MAX_VALUE, Event.MAX_PHASE, NOOP);
        assertEquals(Event.MAX_PHASE, q.peekPhase());
    }

    @Test
    void matchesTheReferenceOverOneHundredThousandRandomOperations() {
        EventQueue q = newQueue();
        EventQueue ref = new ReferenceEventQueue();
        SplittableRandom random = new SplittableRandom(0x5eedL);
        EventHandler[] handlers = new EventHandler[8];
        for (int i = 0; i < handlers.length; i++) {
            handlers[i] = EventHandler.named("h" + i, t -> { });
        }
        long issued = 0;
        for (int op = 0; op < 100_000; op++) {
            int kind = random.nextInt(10);
            if (kind < 5) {   // schedule, with narrow time and phase ranges so ties are common
                long time = random.nextLong(random.nextBoolean() ? 16 : 1_000_000);
                int phase = random.nextInt(4);
                EventHandler h = handlers[random.nextInt(handlers.length)];
                assertEquals(ref.schedule(time, phase, h), q.schedule(time, phase, h), "op " + op);
                issued++;
            } else if (kind < 8) {
                assertEquals(ref.poll(), q.poll(), "op " + op);
            } else if (kind < 9) {
                assertEquals(ref.peek(), q.peek(), "op " + op);
            } else {
                long handle = issued == 0 ? 0 : random.nextLong(issued + 2);
                assertEquals(ref.cancel(handle), q.cancel(handle), "op " + op);
            }
            assertEquals(ref.size(), q.size(), "op " + op);
        }
        while (!ref.isEmpty()) {
            assertEquals(ref.poll(), q.poll());
        }
        assertTrue(q.isEmpty());
    }

    private static List<Long> drainSequences(EventQueue q) {
        List<Long> order = new ArrayList<>();
        while (!q.isEmpty()) {
            order.add(q.peekSequence());
            q.take();
        }
        return order;
    }
}
