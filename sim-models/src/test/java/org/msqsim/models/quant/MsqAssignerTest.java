package org.msqsim.models.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.msqsim.models.tensor.FloatMatrix;

class MsqAssignerTest {

    /** 3·n rows: Gaussian, Laplace and uniform in turn, each with its own scale spanning 40×. */
    static FloatMatrix mixed(int n, int cols, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] data = new float[3 * n * cols];
        for (int r = 0; r < 3 * n; r++) {
            double sigma = 0.005 * Math.pow(40, rnd.nextDouble());
            double[] row = switch (r % 3) {
                case 0 -> RowSamples.gaussian(rnd, cols, sigma);
                case 1 -> RowSamples.laplace(rnd, cols, sigma);
                default -> RowSamples.uniform(rnd, cols, sigma);
            };
            for (int c = 0; c < cols; c++) {
                data[r * cols + c] = (float) row[c];
            }
        }
        return new FloatMatrix(3 * n, cols, data);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.1, 1.0 / 3, 0.5, 0.65, 0.999, 1})
    void fractionIsMetExactly(double f) {
        MsqResult res = new MsqAssigner(4).assign(mixed(7, 64, 3), f);
        assertEquals(Math.round(f * 21), res.sp2Rows());
        // Every SP2 row scores no worse than every fixed row: the lowest scores took SP2.
        double worstSp2 = res.rows().stream().filter(r -> r.scheme() == Scheme.SP2)
                .mapToDouble(RowReport::errorRatio).max().orElse(Double.NEGATIVE_INFINITY);
        double bestFixed = res.rows().stream().filter(r -> r.scheme() == Scheme.FIXED)
                .mapToDouble(RowReport::errorRatio).min().orElse(Double.POSITIVE_INFINITY);
        assertTrue(worstSp2 <= bestFixed);
        // MSQ error lies between the two single-scheme errors.
        assertTrue(res.mseMsq() >= Math.min(res.mseAllFixed(), res.mseAllSp2()) - 1e-18);
        assertTrue(res.mseMsq() <= Math.max(res.mseAllFixed(), res.mseAllSp2()) + 1e-18);
    }

    @Test
    void bellShapedRowsGetSp2AndUniformRowsGetFixed() {
        // The paper's premise, measured: SP2's error relative to fixed-point is lower on Gaussian-
        // and Laplace-like rows than on uniform-like rows, so at F = 2/3 the uniform rows stay fixed.
        MsqResult res = new MsqAssigner(4).assign(mixed(30, 576, 11), 2.0 / 3);
        int uniformSp2 = 0;
        for (RowReport r : res.rows()) {
            if (r.index() % 3 == 2 && r.scheme() == Scheme.SP2) {
                uniformSp2++;
            }
        }
        assertTrue(uniformSp2 <= 2, "uniform rows given SP2: " + uniformSp2);
        double gauss = meanRatio(res, 0);
        double laplace = meanRatio(res, 1);
        double uniform = meanRatio(res, 2);
        assertTrue(laplace < gauss && gauss < uniform, laplace + " " + gauss + " " + uniform);
    }

    private static double meanRatio(MsqResult res, int shape) {
        return res.rows().stream().filter(r -> r.index() % 3 == shape).mapToDouble(RowReport::errorRatio)
                .average().orElseThrow();
    }

    @Test
    void assignmentJudgesShapeNotSize() {
        FloatMatrix m = mixed(10, 128, 5);
        float[] data = m.toArray();
        SplittableRandom rnd = new SplittableRandom(99);
        for (int r = 0; r < m.rows(); r++) {
            float c = (float) Math.scalb(1.0, rnd.nextInt(-6, 7)); // exact power-of-two rescaling
            for (int j = 0; j < m.cols(); j++) {
                data[r * m.cols() + j] *= c;
            }
        }
        MsqResult a = new MsqAssigner(4).assign(m, 0.5);
        MsqResult b = new MsqAssigner(4).assign(new FloatMatrix(m.rows(), m.cols(), data), 0.5);
        for (int r = 0; r < m.rows(); r++) {
            assertEquals(a.weights().scheme(r), b.weights().scheme(r), "row " + r);
        }
    }

    @Test
    void dequantizedWeightsMatchTheReportedError() {
        FloatMatrix m = mixed(4, 50, 8);
        MsqResult res = new MsqAssigner(4).assign(m, 0.5);
        QuantizedWeights q = res.weights();
        double sum = 0;
        for (int r = 0; r < m.rows(); r++) {
            double rowSum = 0;
            for (int c = 0; c < m.cols(); c++) {
                double e = m.get(r, c) - q.value(r, c);
                rowSum += e * e;
            }
            assertEquals(res.rows().get(r).mse(), rowSum / m.cols(), 1e-15);
            sum += rowSum / m.cols();
        }
        assertEquals(res.mseMsq(), sum / m.rows(), 1e-15);
    }

    @Test
    void sameInputSameResult() {
        FloatMatrix m = mixed(20, 96, 1);
        MsqResult a = new MsqAssigner(4).assign(m, 0.4);
        MsqResult b = new MsqAssigner(4).assign(m, 0.4);
        assertEquals(a.rows(), b.rows());
        assertEquals(Arrays.toString(a.weights().codes()), Arrays.toString(b.weights().codes()));
    }

    @Test
    void badFractionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> MsqAssigner.sp2RowCount(10, -0.1));
        assertThrows(IllegalArgumentException.class, () -> MsqAssigner.sp2RowCount(10, 1.5));
        assertThrows(IllegalArgumentException.class, () -> MsqAssigner.sp2RowCount(10, Double.NaN));
    }
}
