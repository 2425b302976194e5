package org.msqsim.models.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.msqsim.core.fixed.Sp2Format;

/**
 * The table-driven {@link Sp2Quantizer#nearestCode} (branch-free level count) and the tabulated
 * {@code unitValue}s of both quantizers against the computations as first written, kept here:
 * the same code and the same bits on every level, every midpoint and its neighbouring doubles,
 * seeded random values of every scale, ±0, ±∞ and NaN.
 */
class QuantizerTablesTest {

    private static List<Double> probes(double[] magnitudes) {
        List<Double> xs = new ArrayList<>();
        for (int i = 0; i < magnitudes.length; i++) {
            double m = magnitudes[i];
            xs.add(m);
            if (i + 1 < magnitudes.length) {
                double mid = (m + magnitudes[i + 1]) / 2;
                xs.add(mid);
                xs.add(Math.nextUp(mid));
                xs.add(Math.nextDown(mid));
            }
        }
        xs.add(0.0);
        xs.add(Double.MIN_VALUE);
        xs.add(1.0);
        xs.add(Math.nextUp(1.0));
        xs.add(7.5);
        xs.add(Double.MAX_VALUE);
        xs.add(Double.POSITIVE_INFINITY);
        SplittableRandom rnd = new SplittableRandom(20261127);
        for (int i = 0; i < 4000; i++) {
            xs.add(rnd.nextDouble() * Math.pow(10, rnd.nextInt(-6, 3)));
        }
        List<Double> all = new ArrayList<>();
        for (double x : xs) {
            all.add(x);
            all.add(-x);
        }
        all.add(Double.NaN);
        return all;
    }

    @Test
    void sp2NearestCodeAndValuesAsFirstWritten() {
        for (int bits = 3; bits <= Sp2Format.MAX_BITS; bits++) {
            Sp2Format f = Sp2Format.of(bits);
            Sp2Quantizer q = new Sp2Quantizer(bits);
            for (double x : probes(q.unitMagnitudes())) {
                assertEquals(originalSp2NearestCode(f, x), q.nearestCode(x), bits + "-bit SP2, x=" + x);
            }
            for (int code = 0; code < f.codeCount(); code++) {
                assertEquals(Double.doubleToRawLongBits(f.value(code)), Double.doubleToRawLongBits(q.unitValue(code)),
                        bits + "-bit SP2 code " + code);
            }
        }
    }

    @Test
    void fixedPointValuesAsFirstWritten() {
        for (int bits = 2; bits <= 16; bits++) {
            FixedPointQuantizer q = new FixedPointQuantizer(bits);
            int max = (1 << (bits - 1)) - 1;
            for (int code = -max - 2; code <= max + 2; code++) {
                assertEquals(Double.doubleToRawLongBits(code / (double) max), Double.doubleToRawLongBits(q.unitValue(code)),
                        bits + "-bit fixed code " + code);
            }
        }
    }

    /** Sp2Quantizer.nearestCode as first written: binary search over the midpoints. */
    private static int originalSp2NearestCode(Sp2Format format, double x) {
        int[] magInts = format.magnitudes();
        double denom = format.maxMagnitudeInt();
        double[] magnitudes = new double[magInts.length];
        for (int i = 0; i < magInts.length; i++) {
            magnitudes[i] = magInts[i] / denom;
        }
        double[] midpoints = new double[magInts.length - 1];
        for (int i = 0; i < midpoints.length; i++) {
            midpoints[i] = (magnitudes[i] + magnitudes[i + 1]) / 2;
        }
        double a = Math.abs(x);
        int lo = 0;
        int hi = midpoints.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a <= midpoints[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return format.codeOf(magInts[lo], x < 0);
    }
}
