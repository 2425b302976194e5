package org.msqsim.models.layer;

/**
 * The shape of one image's activation tensor, channels × height × width (PyTorch's NCHW without the
 * batch). A fully connected layer's output is {@code F×1×1}.
 */
public record Shape(int c, int h, int w) {
    public Shape {
        if (c < 1 || h < 1 || w < 1) {
            throw new IllegalArgumentException("tensor shape must be >= 1 in every dimension, got " + c + "×" + h
                    + "×" + w);
        }
    }

    public long elements() {
        return (long) c * h * w;
    }

    /** The command-line order {@code HxWxC} that {@link LayerParser} reads. */
    String describe() {
        return h + "x" + w + "x" + c;
    }

    @Override
    public String toString() {
        return c + "×" + h + "×" + w;
    }
}
