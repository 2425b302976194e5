package org.msqsim.models.layer;

import java.util.List;

/**
 * The mean of each channel over all pixels, {@code C×H×W → C×1×1} (PyTorch
 * {@code nn.AdaptiveAvgPool2d(1)}, the pooling before the classifier of ResNet and MobileNet-v2). Per
 * channel, H·W − 1 additions and one scaling: C·H·W operations. In integers it is an average pool
 * whose one window is the whole plane.
 */
public record GlobalAvgPool(String name, Shape inputShape) implements StreamLayer {
    public GlobalAvgPool {
        if (inputShape == null) {
            throw new IllegalArgumentException("pool input shape must not be null");
        }
    }

    @Override
    public LayerKind kind() {
        return LayerKind.GAP;
    }

    @Override
    public Shape outputShape() {
        return new Shape(inputShape.c(), 1, 1);
    }

    @Override
    public long elementOps() {
        return inputShape.elements();
    }

    @Override
    public QTensor apply(List<QTensor> inputs, int bits) {
        QTensor in = inputs.get(0);
        Shape i = in.shape();
        return Windows.reduce(in, outputShape(), i.h(), i.w(), 1, 0, Windows.Mean.over(i.h() * i.w()));
    }

    @Override
    public String describe() {
        return "gap:" + inputShape.describe();
    }
}
