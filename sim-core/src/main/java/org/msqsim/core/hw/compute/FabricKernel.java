package org.msqsim.core.hw.compute;

import org.msqsim.core.fixed.FixedFormat;
import org.msqsim.core.fixed.Overflow;
import org.msqsim.core.spec.Dataflow;
import org.msqsim.core.spec.PeArraySpec;

/**
 * A LUT PE: a fabric multiplier (its kind is the subclass) whose products enter a fabric accumulator
 * of the declared width one by one in κ order — within the PE (output-stationary), down the column
 * that takes the running sum at its top (weight-stationary), or one adder-tree sum of R products per
 * cycle (dot-product) — wrapping or clamping per add. WRAP is associative, so the fast loop wraps
 * once per output; SATURATE clamps per add in that order. An overflow event is an output whose
 * accumulator ends the tile off its exact sum.
 *
 * <p>The subclasses give the multiplier, as a row dot and as single products; the loop calls them
 * once per output (a row of k MACs), never per MAC.
 */
abstract sealed class FabricKernel implements PeKernel permits FabricSp2Kernel, FabricFixedKernel {

    private final FixedFormat accumulator;
    private final boolean wrapOnce;
    /** Products per accumulator add, in κ order from the tile's κ = 0: one, or an adder tree's R or V. */
    final int chunk;
    private final long[] laneProducts = new long[1];
    private long[] productScratch = new long[0];

    FabricKernel(PeArraySpec spec, FixedFormat accumulator) {
        this.accumulator = accumulator;
        this.wrapOnce = accumulator.overflow() == Overflow.WRAP;
        // one fit per adder-tree sum: a dot-product PE's R lanes, a vector PE's V (1 for a scalar PE)
        this.chunk = spec.dataflow() == Dataflow.DOT_PRODUCT ? spec.rows() : spec.vectorLanes();
    }

    /** Σ of {@code len} products of the multiplier, {@code w[wOff..]} with {@code a[aOff..]}. */
    abstract long dot(int[] w, int wOff, int[] a, int aOff, int len);

    /** Each of {@code len} products of the multiplier into {@code out[0..len)}. */
    abstract void rowProducts(int[] w, int wOff, int[] a, int aOff, int len, long[] out);

    /** One product, as the multiplier forms it. */
    abstract long product(int w, int a);

    @Override
    public final int lanes() {
        return 1;
    }

    @Override
    public final FixedFormat accumulator() {
        return accumulator;
    }

    /** Whether the accumulator wraps (adds are then associative). */
    final boolean wrapOnce() {
        return wrapOnce;
    }

    @Override
    public long tile(int[] w, int wOff, int ws, int m, TileActivations x, long[] acc, int accOff, int as) {
        final FixedFormat f = accumulator;
        final int k = x.k();
        final int n = x.n();
        final int[] xT = x.byPixel();
        if (!wrapOnce && productScratch.length < k) {
            productScratch = new long[k];
        }
        final long[] products = productScratch;
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
                    rowProducts(w, wRow, xT, j * k, k, products);
                    v = exact;
                    for (int k0 = 0; k0 < k; ) {
                        int len = Math.min(chunk, k - k0);
                        long s = 0;
                        for (int kk = k0; kk < k0 + len; kk++) {
                            s += products[kk];
                        }
                        v = f.fit(v + s);
                        exact += s;
                        k0 += len;
                    }
                }
                overflows += v != exact ? 1 : 0;
                acc[o] = v;
            }
        }
        return overflows;
    }

    @Override
    public final void products(int[] wLanes, int a, long[] out) {
        out[0] = product(wLanes[0], a);
    }

    @Override
    public final void accumulate(long[] laneSums, long[] sum, long[] exact) {
        sum[0] = accumulator.fit(sum[0] + laneSums[0]);
        exact[0] += laneSums[0];
    }

    @Override
    public final void mac(int[] wLanes, int a, long[] sum, long[] exact) {
        products(wLanes, a, laneProducts);
        accumulate(laneProducts, sum, exact);
    }

    /** Fabric accumulators leave the array as they are: their bits and their exact sums. */
    @Override
    public final boolean drain(long[] sum, long[] exact, boolean chain, long[] outSum, long[] outExact) {
        outSum[0] = sum[0];
        outExact[0] = exact[0];
        return false;
    }
}
