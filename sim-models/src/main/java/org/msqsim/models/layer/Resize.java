package org.msqsim.models.layer;

import java.util.List;

/**
 * Nearest-neighbour upsampling by an integer {@code factor} in height and width (ONNX {@code Resize}
 * or {@code Upsample}, mode nearest, as FPN-style necks use it): output pixel (y, x) copies input
 * pixel (y/factor, x/factor). Codes and step are kept; no arithmetic, one copy per output element.
 */
public record Resize(String name, Shape inputShape, int factor) implements StreamLayer {
    public Resize {
        if (inputShape == null || factor < 1) {
            throw new IllegalArgumentException("resize needs a shape and a factor >= 1, got " + factor);
        }
        if ((long) inputShape.h() * factor * inputShape.w() * factor * inputShape.c() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("resize output of " + inputShape + " x" + factor + " is too large");
        }
    }

    @Override
    public LayerKind kind() {
        return LayerKind.RESIZE;
    }

    @Override
    public Shape outputShape() {
        return new Shape(inputShape.c(), inputShape.h() * factor, inputShape.w() * factor);
    }

    @Override
    public long elementOps() {
        return outputShape().elements();
    }

    @Override
    public QTensor apply(List<QTensor> inputs, int bits) {
        QTensor in = inputs.get(0);
        Shape o = outputShape();
        int[] out = new int[(int) o.elements()];
        for (int c = 0; c < o.c(); c++) {
            for (int y = 0; y < o.h(); y++) {
                int from = (c * inputShape.h() + y / factor) * inputShape.w();
                int to = (c * o.h() + y) * o.w();
                for (int x = 0; x < o.w(); x++) {
                    out[to + x] = in.codes()[from + x / factor];
                }
            }
        }
        return new QTensor(o, out, in.scale(), in.signed());
    }

    @Override
    public String describe() {
        return "resize:" + inputShape.describe() + ",x" + factor;
    }
}
