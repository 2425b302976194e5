package org.msqsim.models.layer;

import java.util.List;

/**
 * The scatter that completes a transposed convolution of kernel = stride = {@code f} and no padding,
 * which msqsim runs as a 1×1 convolution with {@code C·f²} outputs per pixel: input channel
 * {@code c·f² + ky·f + kx} at (y, x) goes to output channel c at {@code (y·f + ky, x·f + kx)} (the
 * depth-to-space rearrangement, ONNX {@code DepthToSpace} in CRD order). Codes and step are kept.
 * On hardware the GEMM's writer could scatter directly; msqsim streams it as a separate pass, an
 * upper bound on its cost.
 */
public record PixelShuffle(String name, Shape inputShape, int factor) implements StreamLayer {
    public PixelShuffle {
        if (inputShape == null || factor < 1 || inputShape.c() % (factor * factor) != 0) {
            throw new IllegalArgumentException("pixel shuffle needs channels divisible by factor^2, got "
                    + inputShape + " and factor " + factor);
        }
    }

    @Override
    public LayerKind kind() {
        return LayerKind.SHUFFLE;
    }

    @Override
    public Shape outputShape() {
        return new Shape(inputShape.c() / (factor * factor), inputShape.h() * factor, inputShape.w() * factor);
    }

    @Override
    public long elementOps() {
        return 0;
    }

    @Override
    public QTensor apply(List<QTensor> inputs, int bits) {
        QTensor in = inputs.get(0);
        Shape o = outputShape();
        int h = inputShape.h();
        int w = inputShape.w();
        int[] out = new int[in.codes().length];
        for (int ci = 0; ci < inputShape.c(); ci++) {
            int c = ci / (factor * factor);
            int ky = ci / factor % factor;
            int kx = ci % factor;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[(c * o.h() + y * factor + ky) * o.w() + x * factor + kx] = in.codes()[(ci * h + y) * w + x];
                }
            }
        }
        return new QTensor(o, out, in.scale(), in.signed());
    }

    @Override
    public String describe() {
        return "shuffle:" + inputShape.describe() + ",x" + factor;
    }
}
