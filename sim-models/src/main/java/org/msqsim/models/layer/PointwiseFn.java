package org.msqsim.models.layer;

/**
 * A function of one element that the element-wise unit applies: its real definition (the float
 * path), and its integer form for one input tensor ({@link Kernel}: the output code of each input
 * code, every constant turned into an integer once per layer).
 *
 * <p>Integer forms, with input step {@code s}, {@code F = }{@value Codes#FRAC} and every rounding half
 * away from zero:
 * <ul>
 *   <li>{@link HardSigmoid} {@code clamp(α·x + β, 0, 1)}: unsigned output of step {@code 1/(2^bits − 1)};
 *       {@code code = clamp((q·round(2^F·α·s/sOut) + round(2^F·β/sOut)) >> F)};</li>
 *   <li>{@link HardSwish} {@code x·clamp(x + 3, 0, 6)/6} (Howard et al., ICCV 2019): {@code t = clamp(q +
 *       round(3/s), 0, round(6/s))}, the product {@code q·t} times {@code round(2^F·s²/(6·sOut))}, signed
 *       output calibrated on the largest product;</li>
 *   <li>{@link Sigmoid}: unsigned output of step {@code 1/(2^bits − 1)}, each code's value from a table
 *       of {@code 2^bits} entries computed when the layer is compiled (as a hardware LUT holds it);</li>
 *   <li>{@link Relu}: {@code max(q, 0)}, and {@code min(·, round(6/s))} for ReLU6; the step is kept.</li>
 * </ul>
 */
public sealed interface PointwiseFn permits PointwiseFn.HardSwish, PointwiseFn.HardSigmoid, PointwiseFn.Sigmoid,
        PointwiseFn.Relu {

    LayerKind kind();

    /** The function on real numbers. */
    double real(double x);

    /** The integer form for input tensor {@code in} and output width {@code bits}. */
    Kernel kernel(QTensor in, int bits);

    /** The output code of each input code, and the output's step and signedness. */
    interface Kernel {
        int code(int q);

        double scale();

        boolean signed();
    }

    record Fixed(double scale, boolean signed, java.util.function.IntUnaryOperator f) implements Kernel {
        @Override
        public int code(int q) {
            return f.applyAsInt(q);
        }
    }

    record HardSigmoid(double alpha, double beta) implements PointwiseFn {
        @Override
        public LayerKind kind() {
            return LayerKind.HSIGMOID;
        }

        @Override
        public double real(double x) {
            return Math.max(0, Math.min(1, alpha * x + beta));
        }

        @Override
        public Kernel kernel(QTensor in, int bits) {
            long maxCode = Codes.max(bits, false);
            double sOut = 1.0 / maxCode;
            long ma = Codes.multiplier(alpha * in.scale() / sOut);
            long mb = Codes.multiplier(beta / sOut);
            return new Fixed(sOut, false, q -> Codes.scaleDown(q * ma + mb, 0, maxCode));
        }
    }

    record HardSwish() implements PointwiseFn {
        @Override
        public LayerKind kind() {
            return LayerKind.HSWISH;
        }

        @Override
        public double real(double x) {
            return x * Math.max(0, Math.min(6, x + 3)) / 6;
        }

        @Override
        public Kernel kernel(QTensor in, int bits) {
            double s = in.scale();
            long three = Math.round(3 / s);
            long six = Math.round(6 / s);
            long maxProduct = 0;
            for (int q : in.codes()) {
                maxProduct = Math.max(maxProduct, Math.abs(q * Math.max(0, Math.min(six, q + three))));
            }
            long maxCode = Codes.max(bits, true);
            double sOut = Codes.step(maxProduct * s * s / 6, maxCode);
            long m = Codes.multiplier(s * s / (6 * sOut));
            return new Fixed(sOut, true, q -> Codes.scaleDown(q * Math.max(0, Math.min(six, q + three)) * m,
                    -maxCode, maxCode));
        }
    }

    record Sigmoid() implements PointwiseFn {
        @Override
        public LayerKind kind() {
            return LayerKind.SIGMOID;
        }

        @Override
        public double real(double x) {
            return 1 / (1 + Math.exp(-x));
        }

        @Override
        public Kernel kernel(QTensor in, int bits) {
            long maxCode = Codes.max(bits, false);
            double s = in.scale();
            return new Fixed(1.0 / maxCode, false, q -> (int) Math.round(maxCode * real(q * s)));
        }
    }

    /** ReLU, or ReLU6 when {@code six}. */
    record Relu(boolean six) implements PointwiseFn {
        @Override
        public LayerKind kind() {
            return LayerKind.RELU;
        }

        @Override
        public double real(double x) {
            return six ? Math.max(0, Math.min(6, x)) : Math.max(0, x);
        }

        @Override
        public Kernel kernel(QTensor in, int bits) {
            long cap = six ? Math.round(6 / in.scale()) : Long.MAX_VALUE;
            return new Fixed(in.scale(), false, q -> (int) Math.min(cap, Math.max(0, q)));
        }
    }
}
