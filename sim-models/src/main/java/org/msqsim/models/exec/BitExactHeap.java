package org.msqsim.models.exec;

import org.msqsim.models.graph.Network;
import org.msqsim.models.graph.Node;
import org.msqsim.models.layer.GemmLayer;

/**
 * The heap a bit-exact network run needs, set by its largest layer: the real weights, both schemes'
 * codes and the integers the cores read take about {@value #BYTES_PER_WEIGHT} bytes per weight
 * (measured on VGG-16's 4096×25088 classifier, which needs about 1.6 GB). A timing-only run holds no
 * weights and needs none of it.
 *
 * @param layer   the GEMM layer with the most weights, or "" when the network has none
 * @param weights that layer's weights (all groups)
 */
public record BitExactHeap(String layer, long weights) {
    /** Heap bytes per weight of the largest layer in a bit-exact run. */
    public static final int BYTES_PER_WEIGHT = 16;
    /** The share of the heap that layer may take, in percent; the rest is for everything else. */
    public static final int SHARE_PERCENT = 80;
    private static final double SHARE = SHARE_PERCENT / 100.0;

    /** The need of {@code net}: its layer with the most weights (the first of equals). */
    public static BitExactHeap of(Network net) {
        long biggest = 0;
        String which = "";
        for (Node node : net.nodes()) {
            if (node.layer() instanceof GemmLayer g && g.weightCount() > biggest) {
                biggest = g.weightCount();
                which = g.name();
            }
        }
        return new BitExactHeap(which, biggest);
    }

    /** Heap bytes the run needs. */
    public long bytes() {
        return BYTES_PER_WEIGHT * weights;
    }

    /** Whether a heap of {@code maxHeapBytes} is enough. */
    public boolean fits(long maxHeapBytes) {
        return !(bytes() > maxHeapBytes * SHARE);
    }

    /** The heap bytes the layer may take out of a heap of {@code maxHeapBytes}. */
    public long usableBytes(long maxHeapBytes) {
        return (long) (maxHeapBytes * SHARE);
    }

    /** A heap to suggest when it does not fit: twice the need in whole GiB, at least 2. */
    public long suggestedGib() {
        return Math.max(2, (bytes() * 2 >> 30) + 1);
    }
}
