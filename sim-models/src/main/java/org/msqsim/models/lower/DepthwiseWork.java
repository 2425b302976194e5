package org.msqsim.models.lower;

import org.msqsim.core.hw.compute.DepthwiseEngine;
import org.msqsim.core.hw.memory.DdrStream;
import org.msqsim.models.layer.Conv2d;

/**
 * A depthwise convolution on the design's depthwise engine ({@code DepthwiseEngine}): the input
 * feature map read once from DDR into the line buffer, the per-channel weights into the engine's
 * weight bank, the output written back ({@code traffic}), while the engine's lanes compute; all of a
 * depthwise layer's rows are fixed-point there (see {@link Lowering}).
 */
public record DepthwiseWork(Conv2d layer, DepthwiseEngine.Layer shape, DdrStream traffic) implements Work {
}
