package org.msqsim.bench;

import java.util.Arrays;

/**
 * The floor every bit-exact figure is compared with: a plain Java {@code int} GEMM,
 * {@code c[i][j] += Σ_κ w[i][κ]·x[κ][j]}, in the i-κ-j order whose inner loop runs over contiguous
 * memory (C2 vectorizes it). No widths, no overflow handling, no simulation.
 */
final class PlainGemm {
    private PlainGemm() {
    }

    /** {@code w} is m×k, {@code x} k×n, {@code c} m×n, all row-major; returns a checksum of {@code c}. */
    static long gemm(int[] w, int[] x, int[] c, int m, int k, int n) {
        long check = 0;
        for (int i = 0; i < m; i++) {
            int cRow = i * n;
            Arrays.fill(c, cRow, cRow + n, 0);
            for (int kk = 0; kk < k; kk++) {
                int wv = w[i * k + kk];
                int xRow = kk * n;
                for (int j = 0; j < n; j++) {
                    c[cRow + j] += wv * x[xRow + j];
                }
            }
            check += c[cRow] + c[cRow + n - 1];
        }
        return check;
    }
}
