package org.msqsim.core.spec;

/** How a PE array maps a GEMM {@code C[M×N] = W[M×K]·X[K×N]} onto its rows and columns. */
public enum Dataflow {
    /**
     * Systolic, output-stationary: PE (i, j) accumulates output (pixel i, filter j) while X streams
     * in from the left and W from the top, both skewed by one cycle per row/column.
     */
    OUTPUT_STATIONARY,
    /**
     * Systolic, weight-stationary: PE (i, j) holds W[filter j][k = i]; X streams from the left and
     * partial sums flow down the columns.
     */
    WEIGHT_STATIONARY,
    /**
     * Dot-product (vector) array: each of {@code cols} PEs reduces {@code rows} products per cycle
     * through a pipelined adder tree, as FINN's MVAU (PE × SIMD).
     */
    DOT_PRODUCT
}
