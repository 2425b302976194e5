/**
 * Layers of one image as the accelerator sees them. A {@link org.msqsim.models.layer.GemmLayer}
 * (convolution with groups, dense, plain GEMM) lowers to {@code groups} GEMMs
 * {@code C[M×N] = W[M×K]·X[K×N]} (M output channels per group, K = (C/groups)·R·S reduction, N output
 * pixels); pooling and residual add do not, and report element operations instead of MACs. Every layer
 * carries its input shape and knows its output shape, MACs and parameters; batch norm is folded and
 * ReLU/ReLU6 is fused into the producing layer. {@link org.msqsim.models.layer.LayerParser} reads the
 * command-line form that {@code describe()} writes. Depends on nothing but the JDK.
 */
package org.msqsim.models.layer;
