package org.msqsim.models.lower;

import org.msqsim.models.layer.Layer;

/**
 * One piece of accelerator work a layer becomes: a GEMM on the cores ({@link GemmWork}) or a stream
 * through DDR and element-wise logic ({@link StreamWork}). {@link Lowering} makes them.
 */
public sealed interface Work permits GemmWork, StreamWork {

    /** The layer this work is part of. */
    Layer layer();
}
