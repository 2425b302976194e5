package org.msqsim.models.quant;

import java.util.Arrays;

/**
 * A weight matrix after MSQ: each row has a scheme and a scale, each weight a code of its row's
 * scheme. The datapaths multiply by {@link #intWeight}: the signed fixed-point integer for
 * fixed rows, the SP2 value in units of 2^-L for SP2 rows (the LUT core reads the code itself and
 * computes the same product with shifts). Real weight = {@code rowScale(r) · intWeight(r, c)}.
 */
public final class QuantizedWeights {
    private final int rows;
    private final int cols;
    private final FixedPointQuantizer fixed;
    private final Sp2Quantizer sp2;
    private final Scheme[] schemes;
    private final double[] alphas;
    private final int[] codes;

    QuantizedWeights(int rows, int cols, FixedPointQuantizer fixed, Sp2Quantizer sp2, Scheme[] schemes,
                     double[] alphas, int[] codes) {
        this.rows = rows;
        this.cols = cols;
        this.fixed = fixed;
        this.sp2 = sp2;
        this.schemes = schemes.clone();
        this.alphas = alphas.clone();
        this.codes = codes.clone();
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int bits() {
        return fixed.bits();
    }

    public Scheme scheme(int r) {
        return schemes[r];
    }

    public double alpha(int r) {
        return alphas[r];
    }

    public int code(int r, int c) {
        return codes[r * cols + c];
    }

    public RowQuantizer quantizer(int r) {
        return schemes[r] == Scheme.SP2 ? sp2 : fixed;
    }

    public Sp2Quantizer sp2Quantizer() {
        return sp2;
    }

    public int intWeight(int r, int c) {
        return quantizer(r).intWeight(code(r, c));
    }

    /** The real value of one integer weight step of row {@code r}. */
    public double rowScale(int r) {
        return alphas[r] / quantizer(r).unitDenominator();
    }

    /** The dequantized real weight. */
    public double value(int r, int c) {
        return rowScale(r) * intWeight(r, c);
    }

    /** All datapath integers, row-major (a fresh array). */
    public int[] intWeights() {
        int[] out = new int[rows * cols];
        for (int r = 0; r < rows; r++) {
            RowQuantizer q = quantizer(r);
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = q.intWeight(codes[r * cols + c]);
            }
        }
        return out;
    }

    /**
     * Row {@code r}'s datapath integers ({@link #intWeight}) into {@code dst} from {@code off}: a whole row
     * per call, so that callers' copy loops stay small for the JIT (docs/performance.md).
     */
    public void intWeightsOfRow(int r, int[] dst, int off) {
        RowQuantizer q = quantizer(r);
        int base = r * cols;
        for (int c = 0; c < cols; c++) {
            dst[off + c] = q.intWeight(codes[base + c]);
        }
    }

    /** Row {@code r}'s codes ({@link #code}) into {@code dst} from {@code off}. */
    public void codesOfRow(int r, int[] dst, int off) {
        System.arraycopy(codes, r * cols, dst, off, cols);
    }

    /** All codes, row-major (a fresh array). */
    public int[] codes() {
        return codes.clone();
    }

    public int countRows(Scheme scheme) {
        return (int) Arrays.stream(schemes).filter(s -> s == scheme).count();
    }
}
