package org.msqsim.models.layer;

/**
 * An average pool over R×S windows (PyTorch {@code nn.AvgPool2d}, floor mode,
 * {@code count_include_pad=True}: the divisor is always R·S). Per output, R·S − 1 additions and one
 * scaling, R·S operations. Channels are pooled independently; no parameters.
 */
public record AvgPool2d(String name, Shape inputShape, int r, int s, int stride, int pad) implements Layer {
    public AvgPool2d {
        if (inputShape == null) {
            throw new IllegalArgumentException("pool input shape must not be null");
        }
        Windows.check("pool", inputShape, r, s, stride, pad);
        if (2 * pad > r || 2 * pad > s) {
            // PyTorch rejects it too: a window could then lie wholly in the padding.
            throw new IllegalArgumentException("pool padding " + pad + " exceeds half the kernel " + r + "x" + s);
        }
    }

    @Override
    public Shape outputShape() {
        return new Shape(inputShape.c(), Windows.out(inputShape.h(), r, stride, pad),
                Windows.out(inputShape.w(), s, stride, pad));
    }

    @Override
    public long macs() {
        return 0;
    }

    @Override
    public long elementOps() {
        return outputShape().elements() * (long) r * s;
    }

    @Override
    public long params() {
        return 0;
    }

    @Override
    public String describe() {
        return "avgpool:" + inputShape.describe() + "," + r + "x" + s + ",s" + stride + ",p" + pad;
    }
}
