package org.msqsim.models.quant;

/**
 * A max-heap of level-step indices over their keys (the α of each step's next breakpoint, −1 when a
 * step is exhausted), for {@link PrunedSweep} when there are too many steps for a linear scan.
 */
final class StepHeap {
    private final int[] heap;
    private final double[] key;

    /** Over {@code key}, which the sweep updates in place; {@link #update} restores the order. */
    StepHeap(double[] key) {
        this.key = key;
        this.heap = new int[key.length];
        for (int i = 0; i < heap.length; i++) {
            heap[i] = i;
        }
        for (int i = heap.length / 2 - 1; i >= 0; i--) {
            siftDown(i);
        }
    }

    /** The step with the largest key, or −1 if every step is exhausted. */
    int top() {
        return heap.length == 0 || key[heap[0]] < 0 ? -1 : heap[0];
    }

    /** Restore order after the top's key decreased. */
    void update() {
        siftDown(0);
    }

    private void siftDown(int i) {
        int n = heap.length;
        while (true) {
            int l = 2 * i + 1;
            if (l >= n) {
                return;
            }
            int c = l + 1 < n && key[heap[l + 1]] > key[heap[l]] ? l + 1 : l;
            if (key[heap[c]] <= key[heap[i]]) {
                return;
            }
            int t = heap[i];
            heap[i] = heap[c];
            heap[c] = t;
            i = c;
        }
    }
}
