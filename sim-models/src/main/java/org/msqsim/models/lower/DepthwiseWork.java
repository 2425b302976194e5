package org.msqsim.models.lower;

import org.msqsim.core.hw.compute.DepthwiseEngine;
import org.msqsim.core.hw.memory.DdrStream;
import org.msqsim.models.layer.Conv2d;

/**
 * A depthwise convolution on the design's depthwise engine ({@code DepthwiseEngine}): the input
 * feature map read once from DDR into the line buffer, the per-channel weights into the engine's
 * weight bank, the output written back ({@code traffic}), while the engine's lanes compute;
 * {@code sp2Channels} of its channels are SP2 (on the SP2 lanes), the rest fixed-point (see
 * {@link Lowering}).
 */
public record DepthwiseWork(Conv2d layer, DepthwiseEngine.Layer shape, int sp2Channels, DdrStream traffic)
        implements Work {
}
