package org.msqsim.models.layer;

/**
 * A plain GEMM {@code C[M×N] = W[M×K]·X[K×N]} — N columns of K features (tokens, a batch, or the
 * pixels of a SCALE-Sim GEMM layer). In a network its input is the tensor {@code K×1×N} and its output
 * {@code M×1×N}: channels are features, width is the column index, as for a 1×1 convolution.
 */
public record Gemm(String name, int m, int n, int k, boolean bias, Activation activation) implements GemmLayer {
    public Gemm {
        if (m < 1 || n < 1 || k < 1) {
            throw new IllegalArgumentException("GEMM dimensions must be >= 1, got " + m + "x" + n + "x" + k);
        }
        if (activation == null) {
            throw new IllegalArgumentException("activation must not be null (use Activation.NONE)");
        }
    }

    /** A GEMM without bias or activation. */
    public Gemm(String name, int m, int n, int k) {
        this(name, m, n, k, false, Activation.NONE);
    }

    @Override
    public LayerKind kind() {
        return LayerKind.GEMM;
    }

    @Override
    public Shape inputShape() {
        return new Shape(k, 1, n);
    }

    @Override
    public Shape outputShape() {
        return new Shape(m, 1, n);
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
        return "gemm:" + m + "x" + n + "x" + k + Windows.tail(bias, activation);
    }
}
