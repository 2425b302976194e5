package org.msqsim.models.layer;

/**
 * A fully connected layer of one image, {@code y = W·x (+ b)}, W of {@code out × in}: a GEMM with
 * M = out, K = in, N = 1 (PyTorch {@code nn.Linear}). It reads any tensor of {@code in} elements,
 * flattened in C, H, W order as {@code torch.flatten(x, 1)} does, so a classifier can follow a
 * pooling or convolution layer directly; its output is {@code out×1×1}.
 */
public record Dense(String name, int in, int out, boolean bias, Activation activation) implements GemmLayer {
    public Dense {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("dense features must be >= 1, got " + in + "->" + out);
        }
        if (activation == null) {
            throw new IllegalArgumentException("activation must not be null (use Activation.NONE)");
        }
    }

    @Override
    public LayerKind kind() {
        return LayerKind.DENSE;
    }

    @Override
    public Shape inputShape() {
        return new Shape(in, 1, 1);
    }

    /** Any tensor with {@code in} elements, flattened. */
    @Override
    public boolean acceptsInput(Shape shape) {
        return shape.elements() == in;
    }

    @Override
    public Shape outputShape() {
        return new Shape(out, 1, 1);
    }

    @Override
    public int gemmM() {
        return out;
    }

    @Override
    public int gemmK() {
        return in;
    }

    @Override
    public int gemmN() {
        return 1;
    }

    @Override
    public String describe() {
        return "dense:" + in + "->" + out + Windows.tail(bias, activation);
    }
}
