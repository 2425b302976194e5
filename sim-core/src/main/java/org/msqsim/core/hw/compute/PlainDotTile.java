package org.msqsim.core.hw.compute;

import org.msqsim.core.fixed.FixedFormat;
import org.msqsim.core.fixed.Overflow;

/**
 * The tile loop of a kernel whose multipliers, for the tile at hand, are exactly integer
 * multiplication: every readout chunk's sum is the plain integer dot product of its weights and
 * activations, fitted into the declared accumulator once per chunk in κ order, and an output whose
 * bits end off its exact sum is one overflow event. {@link PackedDspKernel} takes it when every
 * operand is in range and every chain within the exact depth, {@link FabricSp2Kernel} on its
 * decoded SP2 weights; each kernel states why that is bit-identical to its faithful loop.
 */
final class PlainDotTile {

    private final FixedFormat accumulator;
    private final boolean wrapOnce;
    private final int chunk;
    /** Longest dot product whose exact sum an {@code int} holds for every in-range operand. */
    private final int intDotTerms;

    /**
     * @param chunk         the kernel's readout chunk in κ
     * @param maxAbsProduct the largest |product| of in-range operands
     */
    PlainDotTile(FixedFormat accumulator, int chunk, long maxAbsProduct) {
        this.accumulator = accumulator;
        this.wrapOnce = accumulator.overflow() == Overflow.WRAP;
        this.chunk = chunk;
        this.intDotTerms = (int) Math.min(Integer.MAX_VALUE, Integer.MAX_VALUE / Math.max(1, maxAbsProduct));
    }

    /** As {@link PeKernel#tile}, with plain integer products. */
    long run(int[] w, int wOff, int ws, int m, TileActivations x, long[] acc, int accOff, int as) {
        final FixedFormat f = accumulator;
        final int k = x.k();
        final int n = x.n();
        final int[] xT = x.byPixel();
        final int len0 = Math.min(chunk, k);
        long overflows = 0;
        for (int i = 0; i < m; i++) {
            int wRow = wOff + i * ws;
            for (int j = 0; j < n; j++) {
                int o = accOff + i * as + j;
                long exact = acc[o];
                long v;
                if (wrapOnce) { // wrapping adds are associative: one wrap of the exact sum is the same bits
                    exact += dot(w, wRow, xT, j * k, k);
                    v = f.fit(exact);
                } else {
                    v = exact;
                    for (int k0 = 0; k0 < k; k0 += len0) {
                        int len = Math.min(len0, k - k0);
                        long s = dot(w, wRow + k0, xT, j * k + k0, len);
                        v = f.fit(v + s);
                        exact += s;
                    }
                }
                overflows += v != exact ? 1 : 0;
                acc[o] = v;
            }
        }
        return overflows;
    }

    /** Plain integer dot product, in {@code int} while no in-range sum can leave it. */
    private long dot(int[] a, int aOff, int[] b, int bOff, int len) {
        if (len <= intDotTerms) {
            int s = 0;
            for (int i = 0; i < len; i++) {
                s += a[aOff + i] * b[bOff + i];
            }
            return s;
        }
        long s = 0;
        for (int i = 0; i < len; i++) {
            s += (long) a[aOff + i] * b[bOff + i];
        }
        return s;
    }
}
