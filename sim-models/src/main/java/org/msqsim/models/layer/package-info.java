/**
 * Layers as the accelerator sees them: each lowers to a GEMM {@code C[M×N] = W[M×K]·X[K×N]} (M output
 * channels, K = C·R·S reduction, N output pixels), and knows its MACs and parameters. Depends on
 * nothing but the JDK.
 */
package org.msqsim.models.layer;
