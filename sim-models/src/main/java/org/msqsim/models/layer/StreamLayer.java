package org.msqsim.models.layer;

import java.util.List;

/**
 * A layer that is not a GEMM: the accelerator streams its inputs from DDR through integer
 * element-wise logic and its output back ({@link MaxPool2d}, {@link AvgPool2d},
 * {@link GlobalAvgPool}, {@link Add}, and the element-wise operations of imported networks: {@link Mul},
 * {@link Affine}, {@link Pointwise} activations, {@link Resize}, {@link Concat}, {@link Softmax},
 * {@link PixelShuffle}). Each computes its own integer operation on quantized tensors,
 * as that logic would; none holds parameters or does multiply-accumulates.
 */
public sealed interface StreamLayer extends Layer permits Pool2d, GlobalAvgPool, Add, Mul, Affine, Pointwise, Resize, Concat, Softmax,
        PixelShuffle {

    /**
     * The output codes for {@code inputs} ({@link #arity()} tensors of the input shape); {@code bits}
     * is the activation width, for a layer that requantizes.
     */
    QTensor apply(List<QTensor> inputs, int bits);

    /** The shape of each input in order: {@link #arity()} times the input shape unless the layer says otherwise. */
    default List<Shape> inputShapes() {
        return java.util.Collections.nCopies(arity(), inputShape());
    }

    @Override
    default long macs() {
        return 0;
    }

    @Override
    default long params() {
        return 0;
    }
}
