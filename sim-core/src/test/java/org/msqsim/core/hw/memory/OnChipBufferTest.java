package org.msqsim.core.hw.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.msqsim.core.spec.BufferSpec;
import org.msqsim.core.spec.MemoryKind;

/** Slots, ping-pong, the occupancy invariant under random use, over-capacity errors, port shape. */
class OnChipBufferTest {

    static OnChipBuffer buffer(long capacity, boolean doubleBuffered) {
        return new OnChipBuffer(new BufferSpec("weights", capacity, 72, 8, doubleBuffered, MemoryKind.BRAM));
    }

    @Test
    void doubleBufferingGivesTwoSlotsOfHalfTheCapacityClaimedInTurn() {
        OnChipBuffer b = buffer(64 * 1024, true);
        assertEquals(2, b.slots());
        assertEquals(32 * 1024, b.slotBytes());
        assertEquals(0, b.claimSlot(32 * 1024));
        assertEquals(1, b.claimSlot(1000));
        assertFalse(b.hasFreeSlot());
        assertEquals(32 * 1024 + 1000, b.occupancy());
        b.releaseSlot(0);
        assertEquals(0, b.claimSlot(10));
        b.releaseSlot(1);
        assertEquals(1, b.claimSlot(20), "the next claim takes the other half: ping-pong");
        assertEquals(32 * 1024 + 1000, b.peakOccupancy());
        assertEquals(4, b.claims());
    }

    @Test
    void aSingleBufferHasOneSlotOfTheWholeCapacity() {
        OnChipBuffer b = buffer(4096, false);
        assertEquals(1, b.slots());
        assertEquals(4096, b.slotBytes());
        assertEquals(0, b.claimSlot(4096));
        assertEquals(4096, b.slotOccupancy(0));
        b.releaseSlot(0);
        assertEquals(0, b.occupancy());
        assertTrue(b.hasFreeSlot());
    }

    @Test
    void overCapacityClaimsThrowNamingBufferBytesAndCapacity() {
        OnChipBuffer b = buffer(64 * 1024, true);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.claimSlot(32 * 1024 + 1));
        assertTrue(e.getMessage().contains("'weights'") && e.getMessage().contains("32769 B")
                && e.getMessage().contains("32768 B") && e.getMessage().contains("65536 B"), e.getMessage());
        b.claimSlot(1);
        b.claimSlot(1);
        IllegalStateException full = assertThrows(IllegalStateException.class, () -> b.claimSlot(1));
        assertTrue(full.getMessage().contains("'weights'") && full.getMessage().contains("no free slot"),
                full.getMessage());
        assertThrows(IllegalStateException.class, () -> buffer(100, false).releaseSlot(0));
        assertThrows(IllegalStateException.class, () -> b.releaseSlot(2));
    }

    @Test
    void occupancyStaysWithinCapacityUnderRandomClaimsAndReleases() {
        Random rnd = new Random(11);
        for (int round = 0; round < 50; round++) {
            long capacity = 1 + rnd.nextInt(1 << 20);
            OnChipBuffer b = buffer(capacity, rnd.nextBoolean());
            long[] held = new long[b.slots()];
            long peak = 0;
            for (int step = 0; step < 500; step++) {
                int slot = rnd.nextInt(b.slots());
                if (held[slot] > 0) {
                    b.releaseSlot(slot);
                    held[slot] = 0;
                } else if (b.hasFreeSlot()) {
                    long bytes = 1 + (long) (rnd.nextDouble() * 1.1 * b.slotBytes());
                    if (bytes > b.slotBytes()) {
                        assertThrows(IllegalStateException.class, () -> b.claimSlot(bytes));
                        continue;
                    }
                    held[b.claimSlot(bytes)] = bytes;
                }
                long sum = held[0] + (held.length > 1 ? held[1] : 0);
                peak = Math.max(peak, sum);
                assertEquals(sum, b.occupancy());
                assertTrue(b.occupancy() <= capacity);
            }
            assertEquals(peak, b.peakOccupancy());
        }
    }

    @ParameterizedTest(name = "{0} banks x {1} bits")
    @CsvSource({"8, 72, 576, 72", "1, 36, 36, 4", "4, 64, 256, 32", "16, 8, 128, 16"})
    void portShapeIsBanksTimesWidth(int banks, int widthBits, long bits, long bytes) {
        OnChipBuffer b = new OnChipBuffer(new BufferSpec("acts", 1 << 16, widthBits, banks, true, MemoryKind.URAM));
        assertEquals(bits, b.bitsPerCycle());
        assertEquals(bytes, b.bytesPerCycle());
    }
}
