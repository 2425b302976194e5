package org.msqsim.models.layer;

/**
 * A quantized activation tensor between layers: integer codes ({@code C×H×W}, row-major), the real
 * value of one code step, and whether codes are signed (no ReLU before them) or unsigned.
 */
public record QTensor(Shape shape, int[] codes, double scale, boolean signed) {
    public QTensor {
        if (codes.length != shape.elements()) {
            throw new IllegalArgumentException("tensor " + shape + " needs " + shape.elements() + " codes, got "
                    + codes.length);
        }
    }
}
