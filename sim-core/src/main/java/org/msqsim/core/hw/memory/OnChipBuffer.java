package org.msqsim.core.hw.memory;

import java.util.Arrays;
import org.msqsim.core.spec.BufferSpec;

/**
 * Occupancy of an on-chip buffer built from a {@link BufferSpec}: one region, or two ping-pong
 * halves when double-buffered (one half is filled by DMA while the PE array reads the other).
 *
 * <p>The accelerator controller claims a slot (a half, or the whole buffer) for a tile of a given
 * size, fills and consumes it, then releases it. Claims alternate between the halves so a tile loop
 * naturally ping-pongs.
 *
 * <p>Invariants, checked on every change so a bad schedule fails at the step that broke them: each
 * slot holds at most {@link #slotBytes()}; the occupancy, the sum over slots, never exceeds the
 * capacity; a slot is claimed at most once before it is released.
 *
 * <p>Port shape: {@code banks × widthBits} bits per cycle. A 36- or 72-bit BRAM port (RAMB36E1
 * 1K×36 / 512×72, facts/boards.md §6) carries 32 or 64 data bits plus parity, so
 * {@link #bytesPerCycle()} rounds the bits down to whole bytes.
 */
public final class OnChipBuffer {

    private static final long FREE = -1;

    private final BufferSpec spec;
    private final long[] slotBytes;
    private long occupancy;
    private long peakOccupancy;
    private long claims;
    private int next;

    public OnChipBuffer(BufferSpec spec) {
        if (spec == null) {
            throw new IllegalArgumentException("on-chip buffer needs a spec");
        }
        this.spec = spec;
        this.slotBytes = new long[spec.doubleBuffered() ? 2 : 1];
        Arrays.fill(slotBytes, FREE);
    }

    /** 2 when double-buffered, else 1. */
    public int slots() {
        return slotBytes.length;
    }

    /** Bytes one slot may hold: half the capacity when double-buffered, else all of it. */
    public long slotBytes() {
        return spec.halfBytes();
    }

    public boolean hasFreeSlot() {
        for (long b : slotBytes) {
            if (b == FREE) {
                return true;
            }
        }
        return false;
    }

    /**
     * Claims a free slot for {@code bytes} and returns its index, preferring the slot after the
     * last one claimed (ping-pong).
     *
     * @throws IllegalStateException naming the buffer, the bytes and the capacity if the tile does
     *                               not fit one slot or no slot is free
     */
    public int claimSlot(long bytes) {
        if (bytes < 0 || bytes > slotBytes()) {
            throw new IllegalStateException("buffer '" + spec.name() + "': cannot hold " + bytes + " B in one "
                    + (slots() == 2 ? "half" : "region") + " of " + slotBytes() + " B (capacity "
                    + spec.capacityBytes() + " B, " + slots() + " slot" + (slots() == 2 ? "s" : "") + ")");
        }
        for (int k = 0; k < slotBytes.length; k++) {
            int slot = (next + k) % slotBytes.length;
            if (slotBytes[slot] == FREE) {
                slotBytes[slot] = bytes;
                next = (slot + 1) % slotBytes.length;
                claims++;
                change(bytes);
                return slot;
            }
        }
        throw new IllegalStateException("buffer '" + spec.name() + "': no free slot for " + bytes + " B; all "
                + slots() + " slot(s) of " + slotBytes() + " B are claimed (occupancy " + occupancy + " of "
                + spec.capacityBytes() + " B)");
    }

    /** Frees {@code slot}; its bytes leave the occupancy. */
    public void releaseSlot(int slot) {
        if (slot < 0 || slot >= slotBytes.length || slotBytes[slot] == FREE) {
            throw new IllegalStateException("buffer '" + spec.name() + "': slot " + slot + " is not claimed (slots 0.."
                    + (slotBytes.length - 1) + ")");
        }
        long bytes = slotBytes[slot];
        slotBytes[slot] = FREE;
        change(-bytes);
    }

    /** Bytes held by {@code slot}, or 0 if it is free. */
    public long slotOccupancy(int slot) {
        return Math.max(0, slotBytes[slot]);
    }

    private void change(long delta) {
        long updated = occupancy + delta;
        if (updated < 0 || updated > spec.capacityBytes()) {
            throw new IllegalStateException("buffer '" + spec.name() + "': occupancy would become " + updated
                    + " B, outside 0.." + spec.capacityBytes() + " B");
        }
        occupancy = updated;
        peakOccupancy = Math.max(peakOccupancy, occupancy);
    }

    public long occupancy() {
        return occupancy;
    }

    public long peakOccupancy() {
        return peakOccupancy;
    }

    /** Slots claimed so far (tiles that passed through the buffer). */
    public long claims() {
        return claims;
    }

    /** Bits the buffer reads or writes per cycle: banks × widthBits (its port shape). */
    public long bitsPerCycle() {
        return (long) spec.banks() * spec.widthBits();
    }

    /** Whole data bytes per cycle: banks × widthBits / 8, rounded down (parity bits dropped). */
    public long bytesPerCycle() {
        return bitsPerCycle() / 8;
    }

    public BufferSpec spec() {
        return spec;
    }
}
