package org.msqsim.models.layer;

/** A layer that lowers to one GEMM {@code C[M×N] = W[M×K]·X[K×N]}. */
public sealed interface Layer permits Gemm, Conv2d {

    String name();

    /** Output channels: the weight matrix's rows. */
    int gemmM();

    /** Reduction length: the weight matrix's columns. */
    int gemmK();

    /** Output pixels (or batch columns). */
    int gemmN();

    default long macs() {
        return (long) gemmM() * gemmK() * gemmN();
    }

    default long params() {
        return (long) gemmM() * gemmK();
    }

    /** The command-line form that {@link LayerParser} reads back. */
    String describe();
}
