package org.msqsim.models.layer;

/**
 * The element-wise sum of two tensors of one shape — a residual connection (He et al., CVPR 2016,
 * eq. 1) — with an optional fused activation: ResNet applies its ReLU after the sum, MobileNet-v2
 * none. One addition per element; no parameters.
 */
public record Add(String name, Shape inputShape, Activation activation) implements Layer {
    public Add {
        if (inputShape == null || activation == null) {
            throw new IllegalArgumentException("add shape and activation must not be null");
        }
    }

    @Override
    public int arity() {
        return 2;
    }

    @Override
    public Shape outputShape() {
        return inputShape;
    }

    @Override
    public long macs() {
        return 0;
    }

    @Override
    public long elementOps() {
        return inputShape.elements();
    }

    @Override
    public long params() {
        return 0;
    }

    @Override
    public String describe() {
        return "add:" + inputShape.describe() + activation.suffix();
    }
}
