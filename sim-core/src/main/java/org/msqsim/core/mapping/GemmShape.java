package org.msqsim.core.mapping;

import java.util.Optional;

/**
 * One GEMM {@code C[M×N] = W[M×K]·X[K×N]} as the MSQ accelerator sees it: its M rows split into
 * {@code mDsp} fixed-point rows (DSP core) and {@code mLut} SP2 rows (LUT core); for a convolution,
 * the {@link ConvWindow} its input X is expanded from on chip (empty: X is read as it is); and its
 * {@link OutputStage} (a fused residual add or max pool, or {@link OutputStage#NONE}).
 */
public record GemmShape(int mDsp, int mLut, int k, int n, Optional<ConvWindow> window, OutputStage stage) {
    public GemmShape {
        if (stage == null) {
            throw new IllegalArgumentException("stage is OutputStage.NONE for a GEMM that stores its output as it is");
        }
        if (window == null) {
            throw new IllegalArgumentException("window is Optional.empty() for a GEMM that reads X as it is");
        }
        if (mDsp < 0 || mLut < 0 || mDsp + mLut == 0 || k <= 0 || n <= 0) {
            throw new IllegalArgumentException("GEMM needs M >= 1 rows, K >= 1 and N >= 1; got mDsp=" + mDsp
                    + " mLut=" + mLut + " K=" + k + " N=" + n);
        }
    }

    /** A GEMM with a plain output stage. */
    public GemmShape(int mDsp, int mLut, int k, int n, Optional<ConvWindow> window) {
        this(mDsp, mLut, k, n, window, OutputStage.NONE);
    }

    /** A GEMM whose input is read as it is (dense and GEMM layers). */
    public GemmShape(int mDsp, int mLut, int k, int n) {
        this(mDsp, mLut, k, n, Optional.empty());
    }

    public int m() {
        return mDsp + mLut;
    }

    public long macs() {
        return (long) m() * k * n;
    }
}
