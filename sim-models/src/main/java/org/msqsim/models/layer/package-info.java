/**
 * Layers of one image as the accelerator sees them. A {@link org.msqsim.models.layer.GemmLayer}
 * (convolution with groups, dense, plain GEMM) lowers to {@code groups} GEMMs
 * {@code C[M×N] = W[M×K]·X[K×N]} (M output channels per group, K = (C/groups)·R·S reduction, N output
 * pixels); a {@link org.msqsim.models.layer.StreamLayer} (pooling, residual add, and the element-wise
 * operations of imported networks: product, affine, {@link org.msqsim.models.layer.Pointwise}
 * activations, resize, concatenation, softmax, the shuffle of a transposed convolution) does not: it reports
 * element operations instead of MACs and computes its own integer operation on quantized tensors
 * ({@link org.msqsim.models.layer.QTensor}), the window walk of both pools written once in
 * {@code Windows}. Every layer carries its input shape and knows its output shape, MACs, parameters
 * and {@link org.msqsim.models.layer.LayerKind}; batch norm is folded and ReLU/ReLU6 is fused into the
 * producing layer. {@link org.msqsim.models.layer.LayerParser} reads the command-line form that
 * {@code describe()} writes.
 *
 * <p>Depends on the JDK and, for the rounding of the integer element-wise operations, sim-core's
 * {@code org.msqsim.core.fixed}.
 */
package org.msqsim.models.layer;
