package org.msqsim.models.layer;

import java.util.List;

/**
 * A layer that is not a GEMM: the accelerator streams its inputs from DDR through integer
 * element-wise logic and its output back ({@link MaxPool2d}, {@link AvgPool2d},
 * {@link GlobalAvgPool}, {@link Add}). Each computes its own integer operation on quantized tensors,
 * as that logic would; none holds parameters or does multiply-accumulates.
 */
public sealed interface StreamLayer extends Layer permits Pool2d, GlobalAvgPool, Add {

    /**
     * The output codes for {@code inputs} ({@link #arity()} tensors of the input shape); {@code bits}
     * is the activation width, for a layer that requantizes.
     */
    QTensor apply(List<QTensor> inputs, int bits);

    @Override
    default long macs() {
        return 0;
    }

    @Override
    default long params() {
        return 0;
    }
}
