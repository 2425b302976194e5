package org.msqsim.models.layer;

import java.util.List;

/**
 * Softmax over the channels of each pixel (a classifier's last step). It runs on the host, not on the
 * accelerator: the host reads the codes, computes {@code exp} in double precision and writes unsigned
 * codes of step {@code 1/(2^bits − 1)}; msqsim prices it as a stream of the tensor through DDR (the
 * host's own time is not modelled). It never changes which class is largest.
 */
public record Softmax(String name, Shape inputShape) implements StreamLayer {
    public Softmax {
        if (inputShape == null) {
            throw new IllegalArgumentException("softmax shape must not be null");
        }
    }

    @Override
    public LayerKind kind() {
        return LayerKind.SOFTMAX;
    }

    @Override
    public Shape outputShape() {
        return inputShape;
    }

    @Override
    public long elementOps() {
        return 3 * inputShape.elements();
    }

    @Override
    public QTensor apply(List<QTensor> inputs, int bits) {
        QTensor in = inputs.get(0);
        int c = inputShape.c();
        int plane = inputShape.h() * inputShape.w();
        long maxCode = Codes.max(bits, false);
        int[] out = new int[in.codes().length];
        for (int p = 0; p < plane; p++) {
            int top = Integer.MIN_VALUE;
            for (int ch = 0; ch < c; ch++) {
                top = Math.max(top, in.codes()[ch * plane + p]);
            }
            double sum = 0;
            for (int ch = 0; ch < c; ch++) {
                sum += Math.exp((in.codes()[ch * plane + p] - top) * in.scale());
            }
            for (int ch = 0; ch < c; ch++) {
                double v = Math.exp((in.codes()[ch * plane + p] - top) * in.scale()) / sum;
                out[ch * plane + p] = (int) Math.round(v * maxCode);
            }
        }
        return new QTensor(inputShape, out, 1.0 / maxCode, false);
    }

    @Override
    public String describe() {
        return "softmax:" + inputShape.describe();
    }
}
