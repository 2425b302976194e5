package org.msqsim.models.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class QuantizerTest {

    @Test
    void fourBitSp2LevelsAreThePapers() {
        Sp2Quantizer q = new Sp2Quantizer(4);
        assertArrayEquals(new double[] {0, 1.0 / 8, 1.0 / 4, 1.0 / 2, 5.0 / 8, 3.0 / 4, 1}, q.unitMagnitudes(), 0);
    }

    @Test
    void fourBitFixedHasFifteenSymmetricLevels() {
        FixedPointQuantizer q = new FixedPointQuantizer(4);
        assertEquals(7, q.unitDenominator());
        assertEquals(7, q.nearestCode(5.0));
        assertEquals(-7, q.nearestCode(-5.0));
        assertEquals(0, q.nearestCode(0.07));
        assertEquals(1, q.nearestCode(1.0 / 14)); // tie rounds away from zero
        assertEquals(-1, q.nearestCode(-1.0 / 14));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 6, 7, 8})
    void nearestCodeIsReallyNearest(int bits) {
        for (RowQuantizer q : new RowQuantizer[] {new FixedPointQuantizer(bits), new Sp2Quantizer(bits)}) {
            TreeSet<Double> levels = new TreeSet<>();
            for (double m : q.unitMagnitudes()) {
                levels.add(m);
                levels.add(-m);
            }
            SplittableRandom rnd = new SplittableRandom(bits);
            for (int i = 0; i < 20_000; i++) {
                double x = rnd.nextDouble(-1.3, 1.3);
                double got = q.unitValue(q.nearestCode(x));
                assertTrue(levels.contains(got), q.scheme() + " value " + got + " is not a level");
                Double lo = levels.floor(x);
                Double hi = levels.ceiling(x);
                double best = Math.min(lo == null ? Double.MAX_VALUE : Math.abs(x - lo),
                        hi == null ? Double.MAX_VALUE : Math.abs(x - hi));
                assertEquals(best, Math.abs(x - got), 1e-12, q.scheme() + " at " + x);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 6, 8})
    void intWeightTimesDenominatorIsTheUnitValue(int bits) {
        for (RowQuantizer q : new RowQuantizer[] {new FixedPointQuantizer(bits), new Sp2Quantizer(bits)}) {
            for (double m : q.unitMagnitudes()) {
                for (double x : new double[] {m, -m}) {
                    int code = q.nearestCode(x);
                    assertEquals(x, q.intWeight(code) / (double) q.unitDenominator(), 0, q.scheme() + " " + x);
                    assertEquals(x, q.unitValue(code), 0);
                }
            }
        }
    }

    @Test
    void sp2TieGoesToTheSmallerMagnitude() {
        Sp2Quantizer q = new Sp2Quantizer(4);
        assertEquals(0.5, q.unitValue(q.nearestCode(0.5625)), 0); // midway 1/2 .. 5/8
        assertEquals(0.0, q.unitValue(q.nearestCode(1.0 / 16)), 0);
        assertEquals(0, q.nearestCode(-0.01)); // zero is code 0, never "negative zero"
    }

    @Test
    void scaleSearchIsNoWorseThanAnyGridPointAndScaleFree() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (RowQuantizer q : new RowQuantizer[] {new FixedPointQuantizer(4), new Sp2Quantizer(4)}) {
            for (int k = 0; k < 30; k++) {
                double[] row = k % 2 == 0 ? RowSamples.gaussian(rnd, 300, 0.1) : RowSamples.uniform(rnd, 300, 0.1);
                ScaledRow best = ScaleSearch.best(row, q);
                double maxAbs = Arrays.stream(row).map(Math::abs).max().orElseThrow();
                for (int i = 1; i <= 2000; i++) {
                    assertTrue(best.mse() <= ScaleSearch.mse(row, q, maxAbs * i / 1000) * (1 + 1e-12));
                }
                double c = 37.5;
                double[] scaled = Arrays.stream(row).map(v -> v * c).toArray();
                ScaledRow s = ScaleSearch.best(scaled, q);
                assertEquals(best.alpha() * c, s.alpha(), best.alpha() * c * 1e-9);
                assertEquals(best.mse() * c * c, s.mse(), best.mse() * c * c * 1e-9);
                assertArrayEquals(best.codes(), s.codes());
            }
        }
    }

    @Test
    void allZeroRowQuantizesToZero() {
        ScaledRow r = ScaleSearch.best(new double[8], new Sp2Quantizer(4));
        assertEquals(0, r.alpha());
        assertEquals(0, r.mse());
        assertArrayEquals(new int[8], r.codes());
    }

    @Test
    void activationQuantizerRangesAndErrors() {
        ActivationQuantizer u = ActivationQuantizer.calibrate(new double[] {0, 1.5, 3.0}, 4, false);
        assertEquals(0.2, u.scale(), 1e-15);
        assertArrayEquals(new int[] {0, 8, 15}, u.quantize(new double[] {0, 1.5, 3.0}));
        assertEquals(15, u.quantize(99));
        assertEquals(0, u.quantize(-1));
        ActivationQuantizer s = ActivationQuantizer.calibrate(new double[] {-2, 1}, 8, true);
        assertEquals(-127, s.quantize(-2));
        assertEquals(127, s.quantize(2));
        assertEquals(-127, s.minCode());
        assertThrows(IllegalArgumentException.class, () -> ActivationQuantizer.calibrate(new double[] {-1}, 4, false));
        assertThrows(IllegalArgumentException.class, () -> ActivationQuantizer.calibrate(new double[] {Double.NaN}, 4, true));
        assertThrows(IllegalArgumentException.class, () -> ActivationQuantizer.withScale(1, true, 1));
    }
}
