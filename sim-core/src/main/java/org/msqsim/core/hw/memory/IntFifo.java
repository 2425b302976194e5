package org.msqsim.core.hw.memory;

/** A growable ring of {@code int}s: first in, first out, no boxing. */
final class IntFifo {

    private int[] ring = new int[8];
    private int head;
    private int size;

    void put(int value) {
        if (size == ring.length) {
            int[] bigger = new int[2 * size];
            for (int i = 0; i < size; i++) {
                bigger[i] = ring[(head + i) % ring.length];
            }
            ring = bigger;
            head = 0;
        }
        ring[(head + size++) % ring.length] = value;
    }

    int take() {
        if (size == 0) {
            throw new IllegalStateException("take from an empty FIFO");
        }
        int value = ring[head];
        head = (head + 1) % ring.length;
        size--;
        return value;
    }

    int size() {
        return size;
    }
}
