package org.msqsim.models.layer;

import java.util.List;
import org.msqsim.core.fixed.Rounding;

/**
 * The element-wise sum of two tensors of one shape — a residual connection (He et al., CVPR 2016,
 * eq. 1) — with an optional fused activation: ResNet applies its ReLU after the sum, MobileNet-v2
 * none. One addition per element; no parameters.
 *
 * <p>In integers: both inputs are rescaled to a calibrated output scale (max calibration, as a
 * GEMM layer's requantizer) with 16-bit multipliers in a common fixed-point sum, which is rounded
 * once (half away from zero), clamped by the activation and saturated to {@code bits}.
 */
public record Add(String name, Shape inputShape, Activation activation) implements StreamLayer {
    private static final int FRAC = 16;

    public Add {
        if (inputShape == null || activation == null) {
            throw new IllegalArgumentException("add shape and activation must not be null");
        }
    }

    @Override
    public LayerKind kind() {
        return LayerKind.ADD;
    }

    @Override
    public int arity() {
        return 2;
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
        boolean signed = activation == Activation.NONE;
        long maxCode = signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
        long minCode = signed ? -maxCode : 0;
        double realMax = 0;
        int n = a.codes().length;
        for (int i = 0; i < n; i++) {
            double v = a.codes()[i] * a.scale() + b.codes()[i] * b.scale();
            realMax = Math.max(realMax, signed ? Math.abs(v) : v);
        }
        double sOut = realMax > 0 ? realMax / maxCode : 1.0;
        long ma = Math.round(Math.scalb(a.scale() / sOut, FRAC));
        long mb = Math.round(Math.scalb(b.scale() / sOut, FRAC));
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
            long y = Rounding.HALF_AWAY.shiftRight(a.codes()[i] * ma + b.codes()[i] * mb, FRAC);
            o[i] = (int) Math.max(minCode, Math.min(maxCode, y));
        }
        return new QTensor(a.shape(), o, sOut, signed);
    }

    @Override
    public String describe() {
        return "add:" + inputShape.describe() + activation.suffix();
    }
}
