package org.msqsim.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The contract on the fast queue, starting at capacity 1 so growth is exercised constantly. */
class PackedHeapEventQueueTest extends EventQueueContract {

    @Override
    EventQueue newQueue() {
        return new PackedHeapEventQueue(1);
    }

    @Test
    void growsPastItsInitialCapacityAndRejectsAZeroCapacity() {
        EventQueue q = new PackedHeapEventQueue(1);
        for (int i = 100; i > 0; i--) {
            q.schedule(i, 0, t -> { });
        }
        for (int i = 1; i <= 100; i++) {
            assertEquals(i, q.peekTime());
            q.take();
        }
        assertThrows(IllegalArgumentException.class, () -> new PackedHeapEventQueue(0));
    }
}
