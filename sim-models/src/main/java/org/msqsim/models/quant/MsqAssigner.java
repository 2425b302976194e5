package org.msqsim.models.quant;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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
 *
 * <p>The per-row scales and errors ({@link RowScales}) depend only on the rows and the width, so they
 * are kept in a {@link ScaleCache}: with an entry for the weights, the search is skipped and only the
 * chosen scheme's codes are computed from the kept α — the same function of the same α as the search
 * ends with, so the same codes and MSE to the last bit. The recomputed MSE of every chosen row must
 * equal the kept one, or the entry is not used.
 */
public final class MsqAssigner {
    /**
     * Version of the scale search and quantizers' results, part of every {@link ScaleCache} key: raise
     * it with any change that can move an α, an MSE or a code (ScaleSearch, its sweeps, the quantizers'
     * levels or rounding), so that entries written by older code are never read.
     */
    public static final int QUANTIZER_VERSION = 1;

    private final FixedPointQuantizer fixed;
    private final Sp2Quantizer sp2;
    private final ScaleCache cache;

    /** With the process's {@link ScaleCache#processDefault() cache}. */
    public MsqAssigner(int bits) {
        this(bits, ScaleCache.processDefault());
    }

    public MsqAssigner(int bits, ScaleCache cache) {
        this.fixed = new FixedPointQuantizer(bits);
        this.sp2 = new Sp2Quantizer(bits);
        this.cache = cache;
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
        int sp2Count = sp2RowCount(rows, sp2Fraction);
        double[][] moments = new double[rows][];
        if (withReports) {
            IntStream.range(0, rows).parallel().forEach(r -> {
                double[] row = w.row(r);
                moments[r] = new double[] {new Variance().evaluate(row), new Kurtosis().evaluate(row)};
            });
        }
        Optional<RowScales> kept = cache.load(w, fixed.bits());
        if (kept.isPresent() && kept.get().rows() == rows) {
            Optional<MsqResult> res = fromScales(w, kept.get(), sp2Count, moments, withReports);
            if (res.isPresent()) {
                return res.get();
            }
        }
        ScaledRow[] fixedRows = new ScaledRow[rows];
        ScaledRow[] sp2RowsQ = new ScaledRow[rows];
        IntStream.range(0, rows).parallel().forEach(r -> {
            double[] row = w.row(r);
            double[] sorted = ScaleSearch.sortedMagnitudes(row);
            fixedRows[r] = ScaleSearch.best(row, sorted, fixed);
            sp2RowsQ[r] = ScaleSearch.best(row, sorted, sp2);
        });
        RowScales scales = new RowScales(new double[rows], new double[rows], new double[rows], new double[rows]);
        for (int r = 0; r < rows; r++) {
            scales.alphaFixed()[r] = fixedRows[r].alpha();
            scales.mseFixed()[r] = fixedRows[r].mse();
            scales.alphaSp2()[r] = sp2RowsQ[r].alpha();
            scales.mseSp2()[r] = sp2RowsQ[r].mse();
        }
        cache.store(w, fixed.bits(), scales);
        Scheme[] schemes = schemes(scales, sp2Count);
        ScaledRow[] chosen = new ScaledRow[rows];
        for (int r = 0; r < rows; r++) {
            chosen[r] = schemes[r] == Scheme.SP2 ? sp2RowsQ[r] : fixedRows[r];
        }
        return result(w, scales, schemes, chosen, moments, withReports);
    }

    /**
     * The assignment from kept scales: only the chosen scheme's codes are computed, each at its kept α;
     * empty when a recomputed MSE differs from the kept one (an entry that does not belong to these
     * rows), so that the caller searches afresh.
     */
    private Optional<MsqResult> fromScales(FloatMatrix w, RowScales scales, int sp2Count, double[][] moments,
                                           boolean withReports) {
        int rows = w.rows();
        Scheme[] schemes = schemes(scales, sp2Count);
        ScaledRow[] chosen = new ScaledRow[rows];
        boolean[] agrees = new boolean[rows];
        IntStream.range(0, rows).parallel().forEach(r -> {
            boolean isSp2 = schemes[r] == Scheme.SP2;
            double alpha = isSp2 ? scales.alphaSp2()[r] : scales.alphaFixed()[r];
            double mse = isSp2 ? scales.mseSp2()[r] : scales.mseFixed()[r];
            double[] row = w.row(r);
            // An all-zero row's search gives α = 0, codes 0 and MSE 0, as quantize does at α = 0.
            chosen[r] = ScaleSearch.quantize(row, isSp2 ? sp2 : fixed, alpha);
            agrees[r] = Double.doubleToRawLongBits(chosen[r].mse()) == Double.doubleToRawLongBits(mse);
        });
        for (boolean a : agrees) {
            if (!a) {
                return Optional.empty();
            }
        }
        return Optional.of(result(w, scales, schemes, chosen, moments, withReports));
    }

    /** The lowest-ratio {@code sp2Count} rows (ties by index) take SP2. */
    private static Scheme[] schemes(RowScales s, int sp2Count) {
        int rows = s.rows();
        Integer[] order = IntStream.range(0, rows).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(
                r -> errorRatio(s.mseSp2()[r], s.mseFixed()[r])).thenComparingInt(r -> r));
        Scheme[] schemes = new Scheme[rows];
        Arrays.fill(schemes, Scheme.FIXED);
        for (int i = 0; i < sp2Count; i++) {
            schemes[order[i]] = Scheme.SP2;
        }
        return schemes;
    }

    private MsqResult result(FloatMatrix w, RowScales s, Scheme[] schemes, ScaledRow[] chosenRows,
                             double[][] moments, boolean withReports) {
        int rows = w.rows();
        int cols = w.cols();
        double[] alphas = new double[rows];
        int[] codes = new int[rows * cols];
        double sumMsq = 0;
        double sumFixed = 0;
        double sumSp2 = 0;
        RowReport[] reports = new RowReport[withReports ? rows : 0];
        for (int r = 0; r < rows; r++) {
            ScaledRow chosen = chosenRows[r];
            alphas[r] = chosen.alpha();
            System.arraycopy(chosen.codes(), 0, codes, r * cols, cols);
            sumMsq += chosen.mse();
            sumFixed += s.mseFixed()[r];
            sumSp2 += s.mseSp2()[r];
            if (withReports) {
                reports[r] = new RowReport(r, schemes[r], s.alphaFixed()[r], s.alphaSp2()[r],
                        s.mseFixed()[r], s.mseSp2()[r], moments[r][0], moments[r][1]);
            }
        }
        QuantizedWeights qw = new QuantizedWeights(rows, cols, fixed, sp2, schemes, alphas, codes);
        return new MsqResult(qw, List.of(reports), sumMsq / rows, sumFixed / rows, sumSp2 / rows);
    }
}
