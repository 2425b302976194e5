package org.msqsim.models.quant;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.math3.stat.descriptive.moment.Kurtosis;
import org.apache.commons.math3.stat.descriptive.moment.Variance;
import org.msqsim.models.tensor.FloatMatrix;

/**
 * Mixed-scheme row assignment (Chang et al., HPCA 2021, §IV: SP2 for rows whose distribution suits
 * it, fixed-point for the rest, at a ratio set by the hardware).
 *
 * <p>Criterion (our choice, scale-free as it must be): each row is quantized under both schemes at
 * its own MSE-optimal α ({@link ScaleSearch}); the row's score is {@code mse_sp2 / mse_fixed}. The
 * {@code round(F · rows)} rows with the lowest score (ties by row index) get SP2, so the target
 * fraction F is met exactly. Because each MSE is taken at the row's own best scale, multiplying a
 * row by a constant multiplies both errors by its square and leaves the score unchanged: rows are
 * judged by the shape of their distribution, never by their size. (A criterion on absolute error
 * differences would hand SP2 to the rows of smallest variance.) An all-zero row scores 1; a row
 * that fixed-point represents exactly but SP2 does not scores +∞.
 *
 * <p>Rows are independent, so they are scored in parallel; the result does not depend on the
 * thread count.
 */
public final class MsqAssigner {
    private final FixedPointQuantizer fixed;
    private final Sp2Quantizer sp2;

    public MsqAssigner(int bits) {
        this.fixed = new FixedPointQuantizer(bits);
        this.sp2 = new Sp2Quantizer(bits);
    }

    /** Number of SP2 rows for a fraction: {@code round(F · rows)}, halves rounded up. */
    public static int sp2RowCount(int rows, double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("SP2 fraction must be within [0, 1], got " + fraction);
        }
        return (int) Math.round(fraction * rows);
    }

    static double errorRatio(double mseSp2, double mseFixed) {
        if (mseFixed == 0) {
            return mseSp2 == 0 ? 1.0 : Double.POSITIVE_INFINITY;
        }
        return mseSp2 / mseFixed;
    }

    /** The assignment with a {@link RowReport} per row (errors, scales, variance and kurtosis). */
    public MsqResult assign(FloatMatrix w, double sp2Fraction) {
        return assign(w, sp2Fraction, true);
    }

    /**
     * Only the quantized weights of {@link #assign}: the same schemes, scales and codes, without the
     * per-row reports and their moments (variance, kurtosis), which a simulation does not read.
     */
    public QuantizedWeights assignWeights(FloatMatrix w, double sp2Fraction) {
        return assign(w, sp2Fraction, false).weights();
    }

    private MsqResult assign(FloatMatrix w, double sp2Fraction, boolean withReports) {
        int rows = w.rows();
        int cols = w.cols();
        int sp2Count = sp2RowCount(rows, sp2Fraction);
        ScaledRow[] fixedRows = new ScaledRow[rows];
        ScaledRow[] sp2RowsQ = new ScaledRow[rows];
        double[][] moments = new double[rows][];
        IntStream.range(0, rows).parallel().forEach(r -> {
            double[] row = w.row(r);
            double[] sorted = ScaleSearch.sortedMagnitudes(row);
            fixedRows[r] = ScaleSearch.best(row, sorted, fixed);
            sp2RowsQ[r] = ScaleSearch.best(row, sorted, sp2);
            if (withReports) {
                moments[r] = new double[] {new Variance().evaluate(row), new Kurtosis().evaluate(row)};
            }
        });
        Integer[] order = IntStream.range(0, rows).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(
                r -> errorRatio(sp2RowsQ[r].mse(), fixedRows[r].mse())).thenComparingInt(r -> r));
        Scheme[] schemes = new Scheme[rows];
        Arrays.fill(schemes, Scheme.FIXED);
        for (int i = 0; i < sp2Count; i++) {
            schemes[order[i]] = Scheme.SP2;
        }
        double[] alphas = new double[rows];
        int[] codes = new int[rows * cols];
        double sumMsq = 0;
        double sumFixed = 0;
        double sumSp2 = 0;
        RowReport[] reports = new RowReport[withReports ? rows : 0];
        for (int r = 0; r < rows; r++) {
            ScaledRow chosen = schemes[r] == Scheme.SP2 ? sp2RowsQ[r] : fixedRows[r];
            alphas[r] = chosen.alpha();
            System.arraycopy(chosen.codes(), 0, codes, r * cols, cols);
            sumMsq += chosen.mse();
            sumFixed += fixedRows[r].mse();
            sumSp2 += sp2RowsQ[r].mse();
            if (withReports) {
                reports[r] = new RowReport(r, schemes[r], fixedRows[r].alpha(), sp2RowsQ[r].alpha(),
                        fixedRows[r].mse(), sp2RowsQ[r].mse(), moments[r][0], moments[r][1]);
            }
        }
        QuantizedWeights qw = new QuantizedWeights(rows, cols, fixed, sp2, schemes, alphas, codes);
        return new MsqResult(qw, List.of(reports), sumMsq / rows, sumFixed / rows, sumSp2 / rows);
    }
}
