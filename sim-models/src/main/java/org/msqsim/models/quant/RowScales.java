package org.msqsim.models.quant;

/**
 * What the MSQ assignment's scale search finds for every row of a weight matrix at one width: each
 * scheme's MSE-optimal α and the row's MSE at it. This depends only on the row's values and the
 * width — not on the SP2 fraction, the board or the design — so it is what {@link ScaleCache} keeps;
 * the codes follow from α in one pass ({@link ScaleSearch#quantize}), and the assignment from the MSEs.
 * The arrays are owned by this record (callers hand over fresh arrays and do not change them).
 */
public record RowScales(double[] alphaFixed, double[] mseFixed, double[] alphaSp2, double[] mseSp2) {

    public RowScales {
        int n = alphaFixed.length;
        if (mseFixed.length != n || alphaSp2.length != n || mseSp2.length != n) {
            throw new IllegalArgumentException("row scales need four arrays of one length");
        }
    }

    public int rows() {
        return alphaFixed.length;
    }

    /**
     * Whether every value is one the scale search can give: α finite and ≥ 0, MSE ≥ 0 and not NaN
     * (a cache entry that fails this is not used).
     */
    boolean plausible() {
        for (int r = 0; r < rows(); r++) {
            if (!(alphaFixed[r] >= 0 && alphaFixed[r] < Double.POSITIVE_INFINITY && alphaSp2[r] >= 0
                    && alphaSp2[r] < Double.POSITIVE_INFINITY && mseFixed[r] >= 0 && mseSp2[r] >= 0)) {
                return false;
            }
        }
        return true;
    }
}
