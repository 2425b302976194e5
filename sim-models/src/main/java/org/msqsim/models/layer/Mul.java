package org.msqsim.models.layer;

import java.util.List;

/**
 * The element-wise product of two tensors: both of {@code inputShape}, or — when {@code gate} — the
 * second a per-channel {@code C×1×1} factor broadcast over each plane (the channel gate of
 * squeeze-and-excitation, Hu et al., CVPR 2018). One multiplication per output element.
 *
 * <p>In integers: the product of the two codes times one {@value Codes#FRAC}-bit multiplier
 * {@code sa·sb/sOut}, rounded once and saturated; the output scale is calibrated on the product's
 * largest magnitude (max calibration). Signed if either input is.
 */
public record Mul(String name, Shape inputShape, boolean gate) implements StreamLayer {
    public Mul {
        if (inputShape == null) {
            throw new IllegalArgumentException("mul shape must not be null");
        }
    }

    @Override
    public LayerKind kind() {
        return LayerKind.MUL;
    }

    @Override
    public int arity() {
        return 2;
    }

    @Override
    public boolean acceptsInput(Shape shape) {
        return shape.equals(inputShape) || gate && shape.equals(gateShape());
    }

    private Shape gateShape() {
        return new Shape(inputShape.c(), 1, 1);
    }

    @Override
    public List<Shape> inputShapes() {
        return List.of(inputShape, gate ? gateShape() : inputShape);
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
        QTensor a = inputs.get(0);
        QTensor b = inputs.get(1);
        if (a.codes().length != inputShape.elements()) { // the gate may come first
            QTensor t = a;
            a = b;
            b = t;
        }
        boolean signed = a.signed() || b.signed();
        int n = a.codes().length;
        int plane = inputShape.h() * inputShape.w();
        boolean bc = b.codes().length != n;
        long maxProduct = 0;
        for (int i = 0; i < n; i++) {
            long p = (long) a.codes()[i] * b.codes()[bc ? i / plane : i];
            maxProduct = Math.max(maxProduct, Math.abs(p));
        }
        long maxCode = Codes.max(bits, signed);
        double sOut = Codes.step(maxProduct * a.scale() * b.scale(), maxCode);
        long m = Codes.multiplier(a.scale() * b.scale() / sOut);
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
            long p = (long) a.codes()[i] * b.codes()[bc ? i / plane : i];
            o[i] = Codes.scaleDown(p * m, Codes.min(bits, signed), maxCode);
        }
        return new QTensor(inputShape, o, sOut, signed);
    }

    @Override
    public String describe() {
        return "mul:" + inputShape.describe() + (gate ? ",gate" : "");
    }
}
