package org.msqsim.core.hw.compute;

import java.util.Arrays;
import java.util.Objects;
import org.msqsim.core.fixed.FixedFormat;
import org.msqsim.core.fixed.Overflow;
import org.msqsim.core.fixed.PackedDspMac;
import org.msqsim.core.fixed.Sp2Format;
import org.msqsim.core.spec.PeArraySpec;

/**
 * One GEMM core at tile granularity: exact tile cycles from {@link ArrayTiming} and the tile's
 * values, bit-exact with the {@code org.msqsim.core.fixed} datapaths, without stepping cycles
 * (STYLE 3). {@link LiteralSystolicArray} steps the same arithmetic PE by PE; the tests hold the two
 * to the same bits and cycles.
 *
 * <p>The PE design, per MAC kind ({@link PeArithmetic} has the details):
 * <ul>
 *   <li>DSP, packing 1: each output's running sum is preloaded into a DSP48's P and the products
 *       accumulate there ({@code DspMac}); P is read out through the declared accumulator once per
 *       output (OS, dot-product) or once per reduction fold (WS: the column is a PCOUT→PCIN cascade
 *       whose top slice takes the running sum), so SATURATE clamps once per readout.</li>
 *   <li>DSP, packing 2/4: p filters sharing one activation occupy one slice (FINN's MVU packing).
 *       P accumulates from zero for one chain — {@code chainLength} products in OS and dot-product
 *       arrays, one fold's rows in WS — then the fabric resolves the lanes ({@code PackedDspMac}) and
 *       adds each into a per-row fabric accumulator of the declared width, in κ order.</li>
 *   <li>LUT_SP2 / LUT_FIXED: products enter a fabric accumulator of the declared width one by one in
 *       κ order (OS: within the PE; WS: down the column, which takes the running sum at its top; a
 *       dot-product PE adds one adder-tree sum of R products per cycle). WRAP is associative, so the
 *       fast path wraps once per output; SATURATE clamps per add in that order.</li>
 * </ul>
 *
 * <p>Counters: MACs ({@code m·k·n} per tile: padding lanes are not work), busy cycles (tile
 * cycles), overflow events — readouts whose bits differ from the exact integer they stand for: a
 * DSP P readout that left P or the accumulator, a packed chain with a wrapped lane, or an output
 * whose fabric accumulator ends the tile off its exact sum.
 *
 * <p>The hot path allocates nothing once the scratch has grown to the largest tile; not thread-safe.
 */
public final class PeArray {

    private final PeArraySpec spec;
    private final PeDatapath datapath;
    private final PeArithmetic arith;
    private final int chunk;
    private final boolean wrapOnce;
    private final long[] laneOut;
    private final long[] laneVal;
    private final long[] laneExact;
    private int[] xT = new int[0];
    private int[] padW = new int[0];
    private long[] products = new long[0];
    private int[] decoded = new int[0];
    /** Smallest and largest activation of the tile last transposed. */
    private int xMin;
    private int xMax;
    /** Longest dot product whose exact sum an {@code int} holds for every in-range operand. */
    private final int intDotTerms;
    private long macs;
    private long overflowEvents;
    private long busyCycles;

    public PeArray(PeArraySpec spec, PeDatapath datapath) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.datapath = Objects.requireNonNull(datapath, "datapath");
        this.arith = new PeArithmetic(spec, datapath);
        this.chunk = arith.readoutChunk(spec.dataflow(), spec.rows());
        this.wrapOnce = datapath.accumulatorOverflow() == Overflow.WRAP;
        this.laneOut = new long[spec.packing()];
        this.laneVal = new long[spec.packing()];
        this.laneExact = new long[spec.packing()];
        long maxAbsProduct = (1L << (datapath.weightBits() - 1)) * (1L << datapath.actBits());
        if (spec.mac() == org.msqsim.core.spec.MacKind.LUT_SP2) {
            maxAbsProduct = (1L << datapath.actBits()) * (long) Sp2Format.of(datapath.weightBits()).maxMagnitudeInt();
        }
        this.intDotTerms = (int) Math.min(Integer.MAX_VALUE, Integer.MAX_VALUE / Math.max(1, maxAbsProduct));
    }

    public long tileCycles(int m, int k, int n) {
        return ArrayTiming.tileCycles(spec, m, k, n);
    }

    /**
     * {@code acc[i][j] += Σ_κ w[i][κ]·x[κ][j]} for {@code i < m, j < n, κ < k} at the declared
     * widths, where {@code w[i][κ] = w[wOff + i·wRowStride + κ]} (SP2 codes for a LUT_SP2 core),
     * {@code x[κ][j] = x[xOff + κ·xRowStride + j]}, {@code acc[i][j] = acc[accOff + i·accRowStride + j]}
     * holding values of the accumulator format. Counts MACs, overflow events and busy cycles.
     */
    public void computeTile(int[] w, int wOff, int wRowStride, int[] x, int xOff, int xRowStride,
                            int m, int k, int n, long[] acc, int accOff, int accRowStride) {
        if (m <= 0 || k <= 0 || n <= 0) {
            if (m < 0 || k < 0 || n < 0) {
                throw new IllegalArgumentException("tile dimensions must be >= 0, got " + m + "x" + k + "x" + n);
            }
            return;
        }
        if (wRowStride < k || xRowStride < n || accRowStride < n) {
            throw new IllegalArgumentException("row strides must cover a row, got w " + wRowStride + " for k=" + k
                    + ", x " + xRowStride + " and acc " + accRowStride + " for n=" + n);
        }
        Objects.checkFromIndexSize(wOff, (m - 1L) * wRowStride + k, w.length);
        Objects.checkFromIndexSize(xOff, (k - 1L) * xRowStride + n, x.length);
        Objects.checkFromIndexSize(accOff, (m - 1L) * accRowStride + n, acc.length);
        transpose(x, xOff, xRowStride, k, n);
        switch (arith.accumulation) {
            case DSP_P -> dspTile(w, wOff, wRowStride, m, k, n, acc, accOff, accRowStride);
            case PACKED_LANES -> packedTile(w, wOff, wRowStride, m, k, n, acc, accOff, accRowStride);
            case FABRIC -> fabricTile(w, wOff, wRowStride, m, k, n, acc, accOff, accRowStride);
        }
        macs += (long) m * k * n;
        busyCycles += tileCycles(m, k, n);
    }

    /** xT[j·k + κ] = x[κ][j]: the datapath dots want each pixel's activations contiguous. */
    private void transpose(int[] x, int xOff, int xRowStride, int k, int n) {
        if (xT.length < k * n) {
            xT = new int[k * n];
        }
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (int kk = 0; kk < k; kk++) {
            int row = xOff + kk * xRowStride;
            for (int j = 0; j < n; j++) {
                int v = x[row + j];
                xT[j * k + kk] = v;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        xMin = lo;
        xMax = hi;
    }

    private void dspTile(int[] w, int wOff, int ws, int m, int k, int n, long[] acc, int accOff, int as) {
        for (int i = 0; i < m; i++) {
            int wRow = wOff + i * ws;
            for (int j = 0; j < n; j++) {
                int o = accOff + i * as + j;
                long v = acc[o];
                for (int k0 = 0; k0 < k; ) {
                    int len = Math.min(chunk, k - k0);
                    v = arith.dspMac.dot(w, wRow + k0, xT, j * k + k0, len, v);
                    if (arith.dspMac.lastOverflowed()) {
                        overflowEvents++;
                    }
                    k0 += len;
                }
                acc[o] = v;
            }
        }
    }

    private void packedTile(int[] w, int wOff, int ws, int m, int k, int n, long[] acc, int accOff, int as) {
        PackedDspMac pm = arith.packed;
        if (xMin >= pm.actMin() && xMax <= pm.actMax() && Math.min(chunk, k) <= pm.maxExactDepth()
                && weightsWithin(w, wOff, ws, m, k, pm.weightMin(), pm.weightMax())) {
            plainTile(w, wOff, ws, m, k, n, acc, accOff, as);
            return;
        }
        final int p = arith.lanes;
        final FixedFormat f = arith.acc;
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
                    if (arith.packed.dot(wa, wBase + k0, stride, xT, j * k + k0, len, laneOut)) {
                        overflowEvents++;
                    }
                    for (int l = 0; l < real; l++) {
                        laneVal[l] = f.fit(laneVal[l] + laneOut[l]);
                        laneExact[l] += laneOut[l];
                    }
                    k0 += len;
                }
                for (int l = 0; l < real; l++) {
                    overflowEvents += laneVal[l] != laneExact[l] ? 1 : 0;
                    acc[accOff + (r0 + l) * as + j] = laneVal[l];
                }
            }
        }
    }

    /**
     * The packed tile when every operand is in its declared range and every chain is within
     * {@link PackedDspMac#maxExactDepth()}: then each resolved lane of {@link PackedDspMac#dot} is
     * the plain integer dot product of its row with the chain's activations and no lane wraps (the
     * canaries make the lower lanes exact at any depth, and the depth bound keeps the top lane's
     * worst-case sum inside its {@code resultBits}; PackedDspMacTest checks both exhaustively and
     * at random), and lanes do not interact, so the zero padding lanes of a short group change
     * nothing. The fabric side — one fit per chain into the declared accumulator, in κ order, and
     * the overflow count of outputs off their exact sum — is the same as {@link #packedTile}'s.
     * Out-of-range operands or deeper chains take the faithful per-cycle model instead, which
     * gives the wrong bits the hardware gives.
     */
    private void plainTile(int[] w, int wOff, int ws, int m, int k, int n, long[] acc, int accOff, int as) {
        final FixedFormat f = arith.acc;
        final int len0 = Math.min(chunk, k);
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
                overflowEvents += v != exact ? 1 : 0;
                acc[o] = v;
            }
        }
    }

    /**
     * The tile's SP2 codes as their integer weights ({@code Sp2Format.valueInt}, units of 2^-L),
     * once per tile instead of a shift-add per MAC: {@code Sp2Mac}'s shift-add product of a valid
     * code and an in-range activation is exactly {@code activation · valueInt(code)} (Sp2MacTest
     * checks every code against every activation), its product register is wide enough never to
     * wrap, and with a wrapping accumulator the sum order does not matter. False (nothing decoded
     * for use) if a code is invalid: the faithful path then reports it.
     */
    private boolean decodeSp2(int[] w, int wOff, int ws, int m, int k) {
        if (decoded.length < m * k) {
            decoded = new int[m * k];
        }
        Sp2Format fmt = arith.sp2.format();
        int[] table = arith.sp2Values;
        int bits = fmt.bits();
        for (int i = 0; i < m; i++) {
            int row = wOff + i * ws;
            int out = i * k;
            for (int kk = 0; kk < k; kk++) {
                int c = w[row + kk];
                if ((c >>> bits) != 0) {
                    return false;
                }
                decoded[out + kk] = table[c];
            }
        }
        return true;
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
        int p = arith.lanes;
        if (padW.length < p * k) {
            padW = new int[p * k];
        }
        for (int l = 0; l < real; l++) {
            System.arraycopy(w, wBase + l * ws, padW, l * k, k);
        }
        Arrays.fill(padW, real * k, p * k, 0);
        return padW;
    }

    private void fabricTile(int[] w, int wOff, int ws, int m, int k, int n, long[] acc, int accOff, int as) {
        if (arith.sp2 != null && wrapOnce && xMin >= arith.sp2ActMin && xMax <= arith.sp2ActMax
                && k <= arith.sp2MaxTerms && decodeSp2(w, wOff, ws, m, k)) {
            plainTile(decoded, 0, k, m, k, n, acc, accOff, as);
            return;
        }
        final FixedFormat f = arith.acc;
        if (!wrapOnce && products.length < k) {
            products = new long[k];
        }
        for (int i = 0; i < m; i++) {
            int wRow = wOff + i * ws;
            for (int j = 0; j < n; j++) {
                int o = accOff + i * as + j;
                long exact = acc[o];
                long v;
                if (wrapOnce) { // wrapping adds are associative: one wrap of the exact sum is the same bits
                    exact += arith.lutDot(w, wRow, xT, j * k, k);
                    v = f.fit(exact);
                } else {
                    arith.products(w, wRow, xT, j * k, k, products);
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
                overflowEvents += v != exact ? 1 : 0;
                acc[o] = v;
            }
        }
    }

    public PeArraySpec spec() {
        return spec;
    }

    public PeDatapath datapath() {
        return datapath;
    }

    /** The declared accumulator: every value in {@code acc} is one of its values. */
    public FixedFormat accumulatorFormat() {
        return arith.acc;
    }

    public long macs() {
        return macs;
    }

    public long overflowEvents() {
        return overflowEvents;
    }

    public long busyCycles() {
        return busyCycles;
    }

    public void resetCounters() {
        macs = 0;
        overflowEvents = 0;
        busyCycles = 0;
    }
}
