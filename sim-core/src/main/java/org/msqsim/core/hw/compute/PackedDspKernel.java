package org.msqsim.core.hw.compute;

import java.util.Arrays;
import org.msqsim.core.fixed.FixedFormat;
import org.msqsim.core.fixed.PackedDspMac;
import org.msqsim.core.spec.Dataflow;
import org.msqsim.core.spec.PeArraySpec;

/**
 * A packed DSP PE (packing p = 2 or 4): p filters sharing one activation occupy one slice (FINN's
 * MVU packing). P accumulates from zero for one chain — {@link #chainLength} products (by default
 * {@link PackedDspMac#chainDepth} of the accumulator width, so its carry counters fit FINN's widths) in
 * output-stationary and dot-product arrays, one fold's rows in weight-stationary ones, where the
 * column's cascade is the chain — then the fabric resolves the lanes ({@link PackedDspMac}) and adds
 * each into a per-filter fabric accumulator of the declared width, in κ order (wrap or clamp per
 * add). An overflow event is a chain with a wrapped lane, or an output whose accumulator ends the
 * tile off its exact sum.
 */
final class PackedDspKernel implements PeKernel {

    private final FixedFormat accumulator;
    private final PackedDspMac packed;
    private final int lanes;
    /** Products per P chain in OS and dot-product arrays, ≤ maxExactDepth, whole clocks of V products. */
    private final int chainLength;
    /** Clocks per P chain in an OS array (V products each). */
    private final int chainSteps;
    /** Reduction steps one chain covers, in κ order from the tile's κ = 0. */
    private final int chunk;
    private final PlainDotTile plain;
    private final long[] laneOut;
    private final long[] laneVal;
    private final long[] laneExact;
    private final long[] laneProducts;
    private final long[] resolved;
    private final int[] a1 = new int[1];
    private int[] padW = new int[0];

    PackedDspKernel(PeArraySpec spec, PeDatapath d, FixedFormat accumulator) {
        this.accumulator = accumulator;
        this.lanes = spec.packing();
        PackedDspMac canary = new PackedDspMac(d.dspKind(), d.weightBits(), d.actBits(), d.actSigned(), lanes,
                d.narrowWeights());
        if (d.chainLength() > canary.maxExactDepth()) {
            throw new IllegalArgumentException("chain length " + d.chainLength() + " exceeds the deepest exact "
                    + "accumulation of " + canary + " (" + canary.maxExactDepth() + ")");
        }
        int v = spec.vectorLanes();
        // The default chain is the accumulator's bound (PackedDspMac#chainOf): the carry counters are
        // sized from the accumulator width as FINN's are (PackedDspCost), and within that chain they never
        // wrap.
        int deepest = d.chainLength() != 0 ? d.chainLength() : canary.chainOf(accumulator.bits(), v);
        if (deepest < v) {
            throw new IllegalArgumentException("chain length " + deepest + " is shorter than one clock of "
                    + v + " vector lanes");
        }
        // a chain ends at a clock edge: whole clocks of V products each
        this.chainSteps = deepest / v;
        this.chainLength = chainSteps * v;
        this.chunk = spec.dataflow() == Dataflow.WEIGHT_STATIONARY ? spec.rows() * v : chainLength;
        // The slice is built for the longest chain it takes (PackedDspMac#forChain, as the cost model
        // prices it): guard bits, no canary, when they hold it; FINN's canaries otherwise.
        this.packed = PackedDspMac.forChain(d.dspKind(), d.weightBits(), d.actBits(), d.actSigned(), lanes,
                d.narrowWeights(), accumulator.bits(), chunk);
        long maxAbsProduct = (1L << (d.weightBits() - 1)) * (1L << d.actBits());
        this.plain = new PlainDotTile(accumulator, chunk, maxAbsProduct);
        this.laneOut = new long[lanes];
        this.laneVal = new long[lanes];
        this.laneExact = new long[lanes];
        this.laneProducts = new long[lanes];
        this.resolved = new long[lanes];
    }

    @Override
    public int lanes() {
        return lanes;
    }

    @Override
    public FixedFormat accumulator() {
        return accumulator;
    }

    /**
     * When every operand is in its declared range and every chain is within
     * {@link PackedDspMac#maxExactDepth()}, each resolved lane of {@link PackedDspMac#dot} is the
     * plain integer dot product of its row with the chain's activations and no lane wraps (the
     * canaries make the lower lanes exact at any depth, and the depth bound keeps the top lane's
     * worst-case sum inside its {@code resultBits}; PackedDspMacTest checks both exhaustively and
     * at random), and lanes do not interact, so the zero padding lanes of a short group change
     * nothing: the tile is a {@link PlainDotTile}, whose fabric side — one fit per chain into the
     * declared accumulator, in κ order, and the overflow count of outputs off their exact sum — is
     * the same as the faithful loop's. Out-of-range operands or deeper chains take the faithful
     * per-chain model instead, which gives the wrong bits the hardware gives.
     */
    @Override
    public long tile(int[] w, int wOff, int ws, int m, TileActivations x, long[] acc, int accOff, int as) {
        PackedDspMac pm = packed;
        if (x.min() >= pm.actMin() && x.max() <= pm.actMax() && Math.min(chunk, x.k()) <= pm.maxExactDepth()
                && weightsWithin(w, wOff, ws, m, x.k(), pm.weightMin(), pm.weightMax())) {
            return plain.run(w, wOff, ws, m, x, acc, accOff, as);
        }
        return faithfulTile(w, wOff, ws, m, x, acc, accOff, as);
    }

    private long faithfulTile(int[] w, int wOff, int ws, int m, TileActivations x, long[] acc, int accOff, int as) {
        final int p = lanes;
        final int k = x.k();
        final int n = x.n();
        final int[] xT = x.byPixel();
        final FixedFormat f = accumulator;
        long overflows = 0;
        for (int r0 = 0; r0 < m; r0 += p) {
            int real = Math.min(p, m - r0);
            int[] wa = w;
            int wBase = wOff + r0 * ws;
            int stride = ws;
            if (real < p) { // the last group of a tile whose m is not a multiple of p: zero lanes
                wa = paddedGroup(w, wBase, ws, real, k);
                wBase = 0;
                stride = k;
            }
            for (int j = 0; j < n; j++) {
                for (int l = 0; l < real; l++) {
                    laneVal[l] = acc[accOff + (r0 + l) * as + j];
                    laneExact[l] = laneVal[l];
                }
                for (int k0 = 0; k0 < k; ) {
                    int len = Math.min(chunk, k - k0);
                    if (packed.dot(wa, wBase + k0, stride, xT, j * k + k0, len, laneOut)) {
                        overflows++;
                    }
                    for (int l = 0; l < real; l++) {
                        laneVal[l] = f.fit(laneVal[l] + laneOut[l]);
                        laneExact[l] += laneOut[l];
                    }
                    k0 += len;
                }
                for (int l = 0; l < real; l++) {
                    overflows += laneVal[l] != laneExact[l] ? 1 : 0;
                    acc[accOff + (r0 + l) * as + j] = laneVal[l];
                }
            }
        }
        return overflows;
    }

    private static boolean weightsWithin(int[] w, int wOff, int ws, int m, int k, int lo, int hi) {
        for (int i = 0; i < m; i++) {
            int row = wOff + i * ws;
            for (int kk = 0; kk < k; kk++) {
                int v = w[row + kk];
                if (v < lo || v > hi) {
                    return false;
                }
            }
        }
        return true;
    }

    private int[] paddedGroup(int[] w, int wBase, int ws, int real, int k) {
        int p = lanes;
        if (padW.length < p * k) {
            padW = new int[p * k];
        }
        for (int l = 0; l < real; l++) {
            System.arraycopy(w, wBase + l * ws, padW, l * k, k);
        }
        Arrays.fill(padW, real * k, p * k, 0);
        return padW;
    }

    /** One cycle's p lane products as a one-step {@link PackedDspMac#dot}: in-range products are exact. */
    @Override
    public void products(int[] wLanes, int a, long[] out) {
        a1[0] = a;
        packed.dot(wLanes, 0, 1, a1, 0, 1, out);
    }

    @Override
    public void accumulate(long[] laneSums, long[] sum, long[] exact) {
        for (int l = 0; l < lanes; l++) {
            sum[l] += laneSums[l];
        }
    }

    @Override
    public void mac(int[] wLanes, int a, long[] sum, long[] exact) {
        products(wLanes, a, laneProducts);
        accumulate(laneProducts, sum, exact);
    }

    /** The PE's P {@code chain} takes the clock's products; the fabric extracts its lanes where the chain ends. */
    @Override
    public boolean accumulateStationary(long[] laneSums, long[] sum, long[] exact, long[] chain, int done,
                                        int steps) {
        accumulate(laneSums, chain, null);
        return (done % chainSteps == 0 || done == steps) && endChain(chain, sum, exact);
    }

    @Override
    public boolean columnCarriesChain() {
        return true;
    }

    @Override
    public boolean drain(long[] sum, long[] exact, boolean chain, long[] outSum, long[] outExact) {
        if (chain) {
            return endChain(sum, outSum, outExact);
        }
        System.arraycopy(sum, 0, outSum, 0, lanes);
        System.arraycopy(exact, 0, outExact, 0, lanes);
        return false;
    }

    /**
     * The end of a chain: the fabric's lane extraction from the chain's exact lane sums, each lane
     * then added into its fabric accumulator {@code sum} (fitted per add) and exact shadow
     * {@code exact}; the chain restarts from zero. The lanes are read off the chain's P as the slice's
     * resolve does ({@link PackedDspMac#resolveLanes}: with canaries every lane wraps to
     * {@code resultBits}; with guard bits a lower sum past its field corrupts the lane above), bit-identical
     * to its dot. Returns whether any lane came out off its exact sum.
     */
    private boolean endChain(long[] chain, long[] sum, long[] exact) {
        boolean overflow = packed.resolveLanes(chain, resolved);
        for (int l = 0; l < lanes; l++) {
            sum[l] = accumulator.fit(sum[l] + resolved[l]);
            exact[l] += resolved[l];
            chain[l] = 0;
        }
        return overflow;
    }
}
