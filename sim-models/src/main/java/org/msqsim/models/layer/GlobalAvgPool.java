package org.msqsim.models.layer;

/**
 * The mean of each channel over all pixels, {@code C×H×W → C×1×1} (PyTorch
 * {@code nn.AdaptiveAvgPool2d(1)}, the pooling before the classifier of ResNet and MobileNet-v2). Per
 * channel, H·W − 1 additions and one scaling: C·H·W operations.
 */
public record GlobalAvgPool(String name, Shape inputShape) implements Layer {
    public GlobalAvgPool {
        if (inputShape == null) {
            throw new IllegalArgumentException("pool input shape must not be null");
        }
    }

    @Override
    public Shape outputShape() {
        return new Shape(inputShape.c(), 1, 1);
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
        return "gap:" + inputShape.describe();
    }
}
