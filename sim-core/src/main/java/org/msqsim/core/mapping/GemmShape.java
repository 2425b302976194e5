package org.msqsim.core.mapping;

/**
 * One GEMM {@code C[M×N] = W[M×K]·X[K×N]} as the MSQ accelerator sees it: its M rows split into
 * {@code mDsp} fixed-point rows (DSP core) and {@code mLut} SP2 rows (LUT core).
 */
public record GemmShape(int mDsp, int mLut, int k, int n) {
    public GemmShape {
        if (mDsp < 0 || mLut < 0 || mDsp + mLut == 0 || k <= 0 || n <= 0) {
            throw new IllegalArgumentException("GEMM needs M >= 1 rows, K >= 1 and N >= 1; got mDsp=" + mDsp
                    + " mLut=" + mLut + " K=" + k + " N=" + n);
        }
    }

    public int m() {
        return mDsp + mLut;
    }

    public long macs() {
        return (long) m() * k * n;
    }
}
