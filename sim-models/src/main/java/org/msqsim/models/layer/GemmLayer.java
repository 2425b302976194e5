package org.msqsim.models.layer;

/**
 * A layer that the accelerator runs as {@link #groups()} independent GEMMs
 * {@code C[M×N] = W[M×K]·X[K×N]}, one per group: M output channels of the group (the weight
 * matrix's rows, which MSQ quantizes row by row), K the reduction length, N the output pixels. A
 * dense convolution and a fully connected layer have one group; a depthwise convolution has one
 * group per channel, each a 1×(R·S)·(Ho·Wo) GEMM.
 */
public sealed interface GemmLayer extends Layer permits Conv2d, Dense, Gemm {

    /** Independent GEMMs the layer lowers to; each has the same M, K and N. */
    default int groups() {
        return 1;
    }

    /** Rows of one group's weight matrix: that group's output channels. */
    int gemmM();

    /** Columns of one group's weight matrix: the reduction length. */
    int gemmK();

    /** Columns of one group's output: output pixels (or batch columns). */
    int gemmN();

    /** Whether the layer adds a per-output-channel bias (in its requantizer). */
    boolean bias();

    Activation activation();

    @Override
    default long macs() {
        return (long) groups() * gemmM() * gemmK() * gemmN();
    }

    @Override
    default long elementOps() {
        return 0;
    }

    /** Weights of all groups: {@code groups·M·K}. */
    default long weightCount() {
        return (long) groups() * gemmM() * gemmK();
    }

    @Override
    default long params() {
        return weightCount() + (bias() ? (long) groups() * gemmM() : 0);
    }
}
