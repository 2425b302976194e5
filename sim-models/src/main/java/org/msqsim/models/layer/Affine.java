package org.msqsim.models.layer;

import java.util.Arrays;
import java.util.List;

/**
 * A per-channel affine map {@code y = a[c]·x + b[c]} ({@code a} and {@code b} of length C, or 1 for one
 * factor for all channels): what is left of a batch norm, a constant product or a constant sum that no
 * preceding GEMM layer could absorb (e.g. the learnable scale and shift PP-LCNetV3 puts after an
 * activation). One multiply-add per element.
 *
 * <p>In integers: {@code code = sat((q·round(2^F·a·s/sOut) + round(2^F·b/sOut)) >> F)}, F =
 * {@value Codes#FRAC}, signed output calibrated on the largest magnitude (max calibration).
 */
public record Affine(String name, Shape inputShape, double[] a, double[] b) implements StreamLayer {
    public Affine {
        if (inputShape == null || a == null || b == null) {
            throw new IllegalArgumentException("affine shape and factors must not be null");
        }
        if ((a.length != 1 && a.length != inputShape.c()) || (b.length != 1 && b.length != inputShape.c())) {
            throw new IllegalArgumentException("affine factors must have 1 or C = " + inputShape.c() + " entries, got "
                    + a.length + " and " + b.length);
        }
        a = a.clone();
        b = b.clone();
    }

    public double a(int channel) {
        return a[a.length == 1 ? 0 : channel];
    }

    public double b(int channel) {
        return b[b.length == 1 ? 0 : channel];
    }

    @Override
    public double[] a() {
        return a.clone();
    }

    @Override
    public double[] b() {
        return b.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Affine x && name.equals(x.name) && inputShape.equals(x.inputShape)
                && Arrays.equals(a, x.a) && Arrays.equals(b, x.b);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(a);
    }

    @Override
    public String toString() {
        return "Affine[" + name + ", " + inputShape + "]";
    }

    @Override
    public LayerKind kind() {
        return LayerKind.AFFINE;
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
        int plane = inputShape.h() * inputShape.w();
        int[] q = in.codes();
        double realMax = 0;
        for (int i = 0; i < q.length; i++) {
            int c = i / plane;
            realMax = Math.max(realMax, Math.abs(q[i] * in.scale() * a(c) + b(c)));
        }
        long maxCode = Codes.max(bits, true);
        double sOut = Codes.step(realMax, maxCode);
        int[] o = new int[q.length];
        for (int c = 0; c < inputShape.c(); c++) {
            long ma = Codes.multiplier(a(c) * in.scale() / sOut);
            long mb = Codes.multiplier(b(c) / sOut);
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                o[i] = Codes.scaleDown(q[i] * ma + mb, -maxCode, maxCode);
            }
        }
        return new QTensor(inputShape, o, sOut, true);
    }

    @Override
    public String describe() {
        return "affine:" + inputShape.describe();
    }
}
