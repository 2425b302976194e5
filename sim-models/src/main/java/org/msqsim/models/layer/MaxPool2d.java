package org.msqsim.models.layer;

import java.util.List;

/**
 * A max pool over R×S windows (PyTorch {@code nn.MaxPool2d}, floor mode, dilation 1): padded positions
 * never win (they are −∞). Per output, R·S − 1 comparisons. Channels are pooled independently; no
 * parameters; the output keeps the input's scale.
 */
public record MaxPool2d(String name, Shape inputShape, int r, int s, int stride, int pad) implements Pool2d {
    public MaxPool2d {
        Windows.checkPool(inputShape, r, s, stride, pad);
    }

    @Override
    public LayerKind kind() {
        return LayerKind.MAXPOOL;
    }

    @Override
    public long elementOps() {
        return outputShape().elements() * (long) (r * s - 1);
    }

    @Override
    public QTensor apply(List<QTensor> inputs, int bits) {
        return Windows.reduce(inputs.get(0), outputShape(), r, s, stride, pad, Windows.MAX);
    }
}
