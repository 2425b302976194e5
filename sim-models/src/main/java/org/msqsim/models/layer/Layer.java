package org.msqsim.models.layer;

/**
 * One layer of a network, for one image: what it reads and writes (tensor shapes), how much work it
 * is (multiply-accumulates, other element operations) and how many parameters it holds.
 *
 * <p>The hierarchy is closed: the layers that lower to GEMMs ({@link GemmLayer}: convolution, dense,
 * plain GEMM) and the ones streamed through element-wise logic instead ({@link StreamLayer}: max and
 * average pools, global average pool, residual add). Batch norm is not a layer: it is folded into the preceding convolution's weights and
 * bias, as every integer-only inference engine does (Jacob et al., CVPR 2018, §3.2). ReLU/ReLU6 are
 * not layers either but an {@link Activation} on the layer that produces their input.
 */
public sealed interface Layer permits GemmLayer, StreamLayer {

    String name();

    /** What kind of layer this is, as the reports name it. */
    LayerKind kind();

    /** How many input tensors the layer reads (2 for {@link Add}, else 1). */
    default int arity() {
        return 1;
    }

    /** The shape of each input (all inputs of a layer share one shape). */
    Shape inputShape();

    Shape outputShape();

    /** Whether a producer of {@code shape} can feed this layer; a dense layer also takes any tensor it can flatten. */
    default boolean acceptsInput(Shape shape) {
        return inputShape().equals(shape);
    }

    /** Multiply-accumulates per image; 0 for layers that only compare or add. */
    long macs();

    /**
     * Arithmetic per image besides MACs: comparisons of a max pool, additions and the final scaling
     * of an average, the additions of a residual add. The bias add and activation of a GEMM layer
     * happen in its requantizer, once per output, and are not counted (as in every published MAC
     * figure).
     */
    long elementOps();

    /** Learned parameters: weights plus biases where the layer has them. */
    long params();

    /** The command-line form that {@link LayerParser} reads back (without the name). */
    String describe();
}
