package org.msqsim.models.layer;

import java.util.List;

/**
 * An average pool over R×S windows (PyTorch {@code nn.AvgPool2d}, floor mode,
 * {@code count_include_pad=True}: the divisor is always R·S). Per output, R·S − 1 additions and one
 * scaling, R·S operations. Channels are pooled independently; no parameters. In integers: the window
 * sum times a 16-bit reciprocal of R·S, rounded half away from zero, at the input's scale.
 */
public record AvgPool2d(String name, Shape inputShape, int r, int s, int stride, int pad) implements Pool2d {
    public AvgPool2d {
        Windows.checkPool(inputShape, r, s, stride, pad);
    }

    @Override
    public LayerKind kind() {
        return LayerKind.AVGPOOL;
    }

    @Override
    public long elementOps() {
        return outputShape().elements() * (long) r * s;
    }

    @Override
    public QTensor apply(List<QTensor> inputs, int bits) {
        return Windows.reduce(inputs.get(0), outputShape(), r, s, stride, pad, Windows.Mean.over(r * s));
    }
}
