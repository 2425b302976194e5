package org.msqsim.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The event value: its order, its checks and the labels messages use. */
class EventTest {

    private static final EventHandler H = EventHandler.named("dma.done", t -> { });

    @Test
    void comparesByTimeThenPhaseThenSequence() {
        assertTrue(new Event(1, 9, 9, H).compareTo(new Event(2, 0, 0, H)) < 0);
        assertTrue(new Event(2, 0, 9, H).compareTo(new Event(2, 1, 0, H)) < 0);
        assertTrue(new Event(2, 1, 3, H).compareTo(new Event(2, 1, 4, H)) < 0);
        assertEquals(0, new Event(2, 1, 3, H).compareTo(new Event(2, 1, 3, H)));
    }

    @Test
    void rejectsOutOfRangeFields() {
        assertThrows(IllegalArgumentException.class, () -> new Event(0, 0, Event.MAX_SEQUENCE + 1, H));
        assertThrows(IllegalArgumentException.class, () -> new Event(0, 0, -1, H));
        assertThrows(IllegalArgumentException.class, () -> new Event(-5, 0, 0, H));
        assertThrows(IllegalArgumentException.class, () -> EventHandler.named(" ", t -> { }));
        assertThrows(IllegalArgumentException.class, () -> EventHandler.named("x", null));
    }

    @Test
    void namedHandlersCarryTheirLabelAndFireTheirBody() {
        long[] seen = {-1};
        EventHandler h = EventHandler.named("pe.tileDone", t -> seen[0] = t);
        h.fire(42);
        assertEquals(42, seen[0]);
        assertEquals("pe.tileDone", h.label());
        assertEquals("'dma.done' at 1.5 ns phase 2 #7", new Event(1_500, 2, 7, H).toString());
    }

    @Test
    void indexedHandlersBuildTheirLabelFromPrefixAndIndex() {
        long[] seen = {-1};
        EventHandler h = EventHandler.named("dma:input", 7, t -> seen[0] = t);
        h.fire(9);
        assertEquals(9, seen[0]);
        assertEquals("dma:input 7", h.label());
        assertEquals("'dma:input 7' at 1 ps phase 0 #0", new Event(1, 0, 0, h).toString());
        assertThrows(IllegalArgumentException.class, () -> EventHandler.named("", 1, t -> { }));
        assertThrows(IllegalArgumentException.class, () -> EventHandler.named("x", 1, null));
    }
}
