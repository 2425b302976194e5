package org.msqsim.core.hw.compute;

import org.msqsim.core.fixed.DspMac;
import org.msqsim.core.fixed.FixedFormat;
import org.msqsim.core.fixed.Overflow;
import org.msqsim.core.spec.Dataflow;
import org.msqsim.core.spec.PeArraySpec;

/**
 * A plain DSP PE (packing 1): one product per DSP48 per clock into its 48-bit P, preloaded with the
 * output's running sum; P is read out through the declared accumulator ({@link DspMac}) once per
 * output in an output-stationary or dot-product array, once per reduction fold in a
 * weight-stationary one (the column is a PCOUT→PCIN cascade whose top slice takes the running sum),
 * so SATURATE clamps once per readout.
 */
final class DspKernel implements PeKernel {

    private static final int[] NONE = new int[0];

    private final FixedFormat accumulator;
    /** Whole dot products (fast model) and P readout (literal model). */
    private final DspMac dspMac;
    /** A 48-bit wrapping "accumulator" turns a one-term {@link DspMac#dot} into the slice's exact product. */
    private final DspMac productMac;
    /** Reduction steps one P readout covers, in κ order from the tile's κ = 0. */
    private final int chunk;
    private final int[] w1 = new int[1];
    private final int[] a1 = new int[1];
    private final long[] laneProducts = new long[1];

    DspKernel(PeArraySpec spec, PeDatapath d, FixedFormat accumulator) {
        this.accumulator = accumulator;
        this.dspMac = new DspMac(d.dspKind(), d.weightBits(), d.actBits(), d.actSigned(), accumulator);
        this.productMac = new DspMac(d.dspKind(), d.weightBits(), d.actBits(), d.actSigned(),
                FixedFormat.signedInt(d.dspKind().pBits(), Overflow.WRAP));
        // a WS column's cascade covers rows·V reduction indices per fold; OS and dot-product P holds the output
        this.chunk = spec.dataflow() == Dataflow.WEIGHT_STATIONARY ? spec.rows() * spec.vectorLanes() : Integer.MAX_VALUE;
    }

    @Override
    public int lanes() {
        return 1;
    }

    @Override
    public FixedFormat accumulator() {
        return accumulator;
    }

    @Override
    public long tile(int[] w, int wOff, int ws, int m, TileActivations x, long[] acc, int accOff, int as) {
        final int k = x.k();
        final int n = x.n();
        final int[] xT = x.byPixel();
        final DspMac mac = dspMac;
        long overflows = 0;
        for (int i = 0; i < m; i++) {
            int wRow = wOff + i * ws;
            for (int j = 0; j < n; j++) {
                int o = accOff + i * as + j;
                long v = acc[o];
                for (int k0 = 0; k0 < k; ) {
                    int len = Math.min(chunk, k - k0);
                    v = mac.dot(w, wRow + k0, xT, j * k + k0, len, v);
                    if (mac.lastOverflowed()) {
                        overflows++;
                    }
                    k0 += len;
                }
                acc[o] = v;
            }
        }
        return overflows;
    }

    @Override
    public void products(int[] wLanes, int a, long[] out) {
        w1[0] = wLanes[0];
        a1[0] = a;
        out[0] = productMac.dot(w1, 0, a1, 0, 1, 0);
    }

    @Override
    public void accumulate(long[] laneSums, long[] sum, long[] exact) {
        sum[0] += laneSums[0];
    }

    @Override
    public void mac(int[] wLanes, int a, long[] sum, long[] exact) {
        products(wLanes, a, laneProducts);
        accumulate(laneProducts, sum, exact);
    }

    /** P read into the declared accumulator: a zero-length {@link DspMac#dot} preloaded with P. */
    @Override
    public boolean drain(long[] sum, long[] exact, boolean chain, long[] outSum, long[] outExact) {
        outSum[0] = dspMac.dot(NONE, 0, NONE, 0, 0, sum[0]);
        outExact[0] = outSum[0]; // the next readout of this output starts from the stored bits
        return dspMac.lastOverflowed();
    }
}
