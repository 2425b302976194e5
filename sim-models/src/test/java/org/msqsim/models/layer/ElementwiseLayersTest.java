package org.msqsim.models.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.msqsim.models.golden.ElementwiseReference;

/**
 * The integer element-wise layers of imported networks against the plain reference
 * ({@link ElementwiseReference}), on seeded random tensors at 3..8 bits and on edge cases (all
 * zeros, extreme codes, a gate of zeros), plus their real-valued error against the float function.
 */
class ElementwiseLayersTest {
    private static QTensor random(Random rnd, Shape s, int bits, boolean signed, double scale) {
        int max = signed ? (1 << (bits - 1)) - 1 : (1 << bits) - 1;
        int[] c = new int[(int) s.elements()];
        for (int i = 0; i < c.length; i++) {
            c[i] = signed ? rnd.nextInt(2 * max + 1) - max : rnd.nextInt(max + 1);
        }
        if (c.length > 2) {
            c[0] = max; // the extremes, always present
            c[1] = signed ? -max : 0;
        }
        return new QTensor(s, c, scale, signed);
    }

    @Test
    void hardSwishAndHardSigmoidMatchReference() {
        Random rnd = new Random(14);
        int cases = 0;
        for (int t = 0; t < 200; t++) {
            int bits = 3 + t % 6;
            Shape s = new Shape(1 + rnd.nextInt(4), 1 + rnd.nextInt(5), 1 + rnd.nextInt(5));
            QTensor in = random(rnd, s, bits, true, 0.005 + rnd.nextDouble() * 0.5);
            long hi = (1L << (bits - 1)) - 1;
            QTensor hs = new Pointwise("hs", s, new PointwiseFn.HardSwish()).apply(List.of(in), bits);
            long three = Math.round(3 / in.scale());
            long six = Math.round(6 / in.scale());
            long m = ElementwiseReference.multiplier(in.scale() * in.scale() / (6 * hs.scale()));
            long uhi = (1L << bits) - 1;
            QTensor hg = new Pointwise("hg", s, new PointwiseFn.HardSigmoid(0.2, 0.5)).apply(List.of(in), bits);
            long ma = ElementwiseReference.multiplier(0.2 * in.scale() / hg.scale());
            long mb = ElementwiseReference.multiplier(0.5 / hg.scale());
            for (int i = 0; i < in.codes().length; i++) {
                int q = in.codes()[i];
                assertEquals(ElementwiseReference.hardSwish(q, three, six, m, hi), hs.codes()[i]);
                assertEquals(ElementwiseReference.hardSigmoid(q, ma, mb, uhi), hg.codes()[i]);
                // within one output step of the real function, plus what rounding 3 and 6 to input codes costs
                double x = q * in.scale();
                double real = new PointwiseFn.HardSwish().real(x);
                assertTrue(Math.abs(hs.codes()[i] * hs.scale() - real) <= hs.scale() + Math.abs(x) * in.scale() / 6 * 1.01
                        + 1e-12, "hswish");
                cases++;
            }
        }
        assertTrue(cases > 1000, "cases " + cases);
    }

    @Test
    void mulMatchesReferenceWithAndWithoutGate() {
        Random rnd = new Random(15);
        for (int t = 0; t < 100; t++) {
            int bits = 3 + t % 6;
            Shape s = new Shape(1 + rnd.nextInt(4), 1 + rnd.nextInt(5), 1 + rnd.nextInt(5));
            boolean gate = t % 2 == 0;
            QTensor a = random(rnd, s, bits, t % 3 == 0, 0.01 + rnd.nextDouble());
            QTensor b = random(rnd, gate ? new Shape(s.c(), 1, 1) : s, bits, false, 1.0 / ((1 << bits) - 1));
            QTensor y = new Mul("m", s, gate).apply(List.of(a, b), bits);
            long hi = a.signed() ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
            long lo = a.signed() ? -hi : 0;
            long m = ElementwiseReference.multiplier(a.scale() * b.scale() / y.scale());
            int plane = s.h() * s.w();
            for (int i = 0; i < a.codes().length; i++) {
                int bi = b.codes()[gate ? i / plane : i];
                assertEquals(ElementwiseReference.mul(a.codes()[i], bi, m, lo, hi), y.codes()[i]);
            }
        }
    }

    @Test
    void allZeroInputsGiveZeros() {
        Shape s = new Shape(2, 3, 3);
        QTensor z = new QTensor(s, new int[18], 0.1, true);
        assertArrayEquals(new int[18], new Pointwise("hs", s, new PointwiseFn.HardSwish()).apply(List.of(z), 4).codes());
        assertArrayEquals(new int[18], new Mul("m", s, false).apply(List.of(z, z), 4).codes());
        int[] half = new Pointwise("hg", s, new PointwiseFn.HardSigmoid(0.2, 0.5)).apply(List.of(z), 4).codes();
        for (int v : half) {
            assertEquals(8, v); // 0.5 of 15, rounded half away
        }
    }

    @Test
    void resizeAndShuffleMatchReference() {
        Random rnd = new Random(16);
        for (int t = 0; t < 30; t++) {
            Shape s = new Shape(1 + rnd.nextInt(3), 1 + rnd.nextInt(4), 1 + rnd.nextInt(4));
            int f = 1 + rnd.nextInt(4);
            QTensor in = random(rnd, s, 8, true, 0.1);
            QTensor y = new Resize("r", s, f).apply(List.of(in), 8);
            assertArrayEquals(ElementwiseReference.resize(in.codes(), s.c(), s.h(), s.w(), f), y.codes());
            assertEquals(in.scale(), y.scale());
        }
        // shuffle: channel c·4 + ky·2 + kx lands at (2y + ky, 2x + kx) of channel c
        Shape s = new Shape(4, 1, 1);
        QTensor in = new QTensor(s, new int[] {1, 2, 3, 4}, 1, true);
        assertArrayEquals(new int[] {1, 2, 3, 4}, new PixelShuffle("p", s, 2).apply(List.of(in), 8).codes());
    }

    @Test
    void sigmoidTableIsTheRoundedFunction() {
        Shape s = new Shape(1, 1, 15);
        int[] c = new int[15];
        for (int i = 0; i < 15; i++) {
            c[i] = i - 7;
        }
        QTensor y = new Pointwise("s", s, new PointwiseFn.Sigmoid()).apply(List.of(new QTensor(s, c, 0.9, true)), 4);
        for (int i = 0; i < 15; i++) {
            assertEquals(Math.round(15 / (1 + Math.exp(-(i - 7) * 0.9))), y.codes()[i]);
        }
    }
}
