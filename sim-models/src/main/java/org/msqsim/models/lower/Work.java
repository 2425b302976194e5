package org.msqsim.models.lower;

import org.msqsim.models.layer.Layer;

/**
 * One piece of accelerator work a layer becomes: a GEMM on the cores ({@link GemmWork}), a stream
 * through DDR and element-wise logic ({@link StreamWork}), or a depthwise convolution on the design's
 * depthwise engine ({@link DepthwiseWork}). {@link Lowering} makes them.
 */
public sealed interface Work permits GemmWork, StreamWork, DepthwiseWork {

    /** The layer this work is part of. */
    Layer layer();
}
