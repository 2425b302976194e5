package org.msqsim.models.layer;

import java.util.List;

/**
 * Inputs of one height and width joined along the channels, in order. In integers each input is
 * rescaled to one output step (calibrated on the largest magnitude of all of them) by a
 * {@value Codes#FRAC}-bit multiplier and saturated; signed if any input is. One copy per element.
 */
public record Concat(String name, List<Shape> inputs) implements StreamLayer {
    public Concat {
        if (inputs == null || inputs.size() < 2) {
            throw new IllegalArgumentException("concat needs at least two inputs");
        }
        inputs = List.copyOf(inputs);
        Shape first = inputs.get(0);
        for (Shape s : inputs) {
            if (s.h() != first.h() || s.w() != first.w()) {
                throw new IllegalArgumentException("concat inputs must share height and width, got " + inputs);
            }
        }
    }

    @Override
    public LayerKind kind() {
        return LayerKind.CONCAT;
    }

    @Override
    public int arity() {
        return inputs.size();
    }

    @Override
    public Shape inputShape() {
        return inputs.get(0);
    }

    @Override
    public boolean acceptsInput(Shape shape) {
        return inputs.contains(shape);
    }

    @Override
    public List<Shape> inputShapes() {
        return inputs;
    }

    @Override
    public Shape outputShape() {
        return new Shape(inputs.stream().mapToInt(Shape::c).sum(), inputs.get(0).h(), inputs.get(0).w());
    }

    @Override
    public long elementOps() {
        return outputShape().elements();
    }

    @Override
    public QTensor apply(List<QTensor> in, int bits) {
        boolean signed = in.stream().anyMatch(QTensor::signed);
        double realMax = 0;
        for (QTensor t : in) {
            for (int q : t.codes()) {
                realMax = Math.max(realMax, Math.abs(q * t.scale()));
            }
        }
        long maxCode = Codes.max(bits, signed);
        double sOut = Codes.step(realMax, maxCode);
        int[] out = new int[(int) outputShape().elements()];
        int at = 0;
        for (QTensor t : in) {
            long m = Codes.multiplier(t.scale() / sOut);
            for (int q : t.codes()) {
                out[at++] = Codes.scaleDown(q * m, Codes.min(bits, signed), maxCode);
            }
        }
        return new QTensor(outputShape(), out, sOut, signed);
    }

    @Override
    public String describe() {
        return "concat:" + inputs.stream().map(Shape::describe).reduce((a, b) -> a + "+" + b).orElse("");
    }
}
