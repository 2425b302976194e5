package org.msqsim.models.layer;

import java.util.List;

/**
 * An activation of its own, applied element by element on the element-wise unit: one that no GEMM
 * layer's requantizer could absorb (hard-swish, hard-sigmoid, sigmoid, or a ReLU after a layer that
 * has none). The unit holds a table of the function's output code for every input code — at most
 * {@code 2^bits} entries, filled once per layer from the integer form {@link PointwiseFn#kernel} — and
 * looks each element up. One operation per element.
 */
public record Pointwise(String name, Shape inputShape, PointwiseFn fn) implements StreamLayer {
    public Pointwise {
        if (inputShape == null || fn == null) {
            throw new IllegalArgumentException("pointwise shape and function must not be null");
        }
    }

    @Override
    public LayerKind kind() {
        return fn.kind();
    }

    @Override
    public Shape outputShape() {
        return inputShape;
    }

    @Override
    public long elementOps() {
        return inputShape.elements();
    }

    @Override
    public QTensor apply(List<QTensor> inputs, int bits) {
        QTensor in = inputs.get(0);
        PointwiseFn.Kernel k = fn.kernel(in, bits);
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (int q : in.codes()) {
            lo = Math.min(lo, q);
            hi = Math.max(hi, q);
        }
        int[] o = new int[in.codes().length];
        if (o.length == 0) {
            return new QTensor(inputShape, o, k.scale(), k.signed());
        }
        int[] table = new int[hi - lo + 1];
        for (int q = lo; q <= hi; q++) {
            table[q - lo] = k.code(q);
        }
        for (int i = 0; i < o.length; i++) {
            o[i] = table[in.codes()[i] - lo];
        }
        return new QTensor(inputShape, o, k.scale(), k.signed());
    }

    @Override
    public String describe() {
        return fn.kind().label() + ":" + inputShape.describe();
    }
}
