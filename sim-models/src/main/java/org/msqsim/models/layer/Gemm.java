package org.msqsim.models.layer;

/** A plain GEMM / dense layer {@code C[M×N] = W[M×K]·X[K×N]}. */
public record Gemm(String name, int m, int n, int k) implements Layer {
    public Gemm {
        if (m < 1 || n < 1 || k < 1) {
            throw new IllegalArgumentException("GEMM dimensions must be >= 1, got " + m + "x" + n + "x" + k);
        }
    }

    @Override
    public int gemmM() {
        return m;
    }

    @Override
    public int gemmK() {
        return k;
    }

    @Override
    public int gemmN() {
        return n;
    }

    @Override
    public String describe() {
        return "gemm:" + m + "x" + n + "x" + k;
    }
}
