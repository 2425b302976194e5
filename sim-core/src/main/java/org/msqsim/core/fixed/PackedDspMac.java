package org.msqsim.core.fixed;

import java.util.Arrays;

/**
 * Two or four low-bit multiplications in one DSP48 slice per cycle: the lanes are different output
 * rows whose weights are packed into the A/pre-adder word, all multiplied by the one shared
 * activation on B, and accumulated together in the 48-bit P register; fabric logic then pulls the
 * lane sums apart. Bit-accurate model of FINN's {@code mvu_8sx8u_dsp48.sv} (2 lanes) and
 * {@code mvu_4sx4u.sv} (4 lanes) for one slice (SIMD = 1); the idea is Xilinx WP486's
 * {@code (a·2^18 + b)·c = ac·2^18 + bc} (as summarised in facts/boards.md §4a) and WP521's INT4
 * extension. Layouts and their sources: {@code PackedLayout}.
 *
 * <p>Per cycle, in hardware order:
 * <ol>
 *   <li><b>Pack.</b> FINN drives the low {@code W−1} bits of each lane weight onto D at the lane
 *       offset and the sign bit onto A one place above, and the pre-adder forms {@code AD = D − A}
 *       = Σ w_i·2^{D_i}, wrapped to the A-path width (25 or 27 bits). The model forms the same sum
 *       and wraps it, so weights that break the layout (a −8 on DSP48E1) give the wrong bits the
 *       slice gives.</li>
 *   <li><b>Multiply and accumulate.</b> {@code P += AD·B}, 48-bit wrap. The model keeps P's exact
 *       value in a {@code long} (hardware P is its low 48 bits, identical bit for bit) so that it
 *       can also tell when the hardware result went wrong.</li>
 *   <li><b>Canary.</b> A negative lower-lane product borrows from the lane above, and lower-lane
 *       sums carry into it. FINN counts those per cycle in fabric: a LUT6_2 predicts the two bits
 *       of P at each upper lane offset from the lane's own product bits ({@code w[1:0]·a[1:0]}) plus
 *       the old P bits; the difference from the new P bits is the carry (−1, 0 or +1), summed into
 *       a per-lane counter {@code Hi}. The model does exactly this per cycle.</li>
 *   <li><b>Resolve</b> (FINN "Stage #5"): lane i = {@code Hi_{i+1}·2^{LO_i} + P[D_i +: LO_i] − Hi_i}:
 *       the lane's own low bits, the carries it passed up added back on top, the borrows it received
 *       from below taken out; the top lane is {@code P[D_top..47] − Hi_top}. All lane results are
 *       {@code resultBits() = 48 − D_top} bits wide, wrapping.</li>
 * </ol>
 * With the canaries, lower lanes are exact at any depth; only the top lane's share of P limits it.
 * Within {@link #maxExactDepth()} every lane equals the plain integer dot product for every input;
 * past it the results are the wrapped bits the hardware returns, not clamped or repaired. Overflow is
 * reported by a range check on the exact lane sums, which the model derives from the exact P and
 * the Hi counters — not from a second, plain dot product. The flag covers accumulation only:
 * operands outside the declared ranges (checked by {@link #packWeights}, not by the hot path) give
 * hardware's wrong bits without it.
 *
 * <p>Stateless apart from immutable configuration: safe to share between threads.
 */
public final class PackedDspMac {

    private final PackedLayout layout;
    private final int ws;
    private final int as;
    private final int aDrop;
    private final int maxLength;

    /** A packed MAC with full-range weights {@code [−2^(W−1), 2^(W−1)−1]}. */
    public PackedDspMac(DspKind kind, int weightBits, int actBits, boolean actSigned, int lanes) {
        this(kind, weightBits, actBits, actSigned, lanes, false);
    }

    /** A packed MAC; narrow weights lie in {@code [−(2^(W−1)−1), 2^(W−1)−1]} (required by DSP48E1 4-lane). */
    public PackedDspMac(DspKind kind, int weightBits, int actBits, boolean actSigned, int lanes,
            boolean narrowWeights) {
        this(kind, weightBits, actBits, actSigned, lanes, narrowWeights, LaneSeparation.CANARY);
    }

    /**
     * A packed MAC with the given lane separation: FINN's canary layout, or the guard-bit layout
     * ({@link LaneSeparation}).
     *
     * @throws IllegalArgumentException if the widths do not fit the layout (a guard-bit layout that
     *                                  cannot hold one product below each upper lane included)
     */
    public PackedDspMac(DspKind kind, int weightBits, int actBits, boolean actSigned, int lanes,
            boolean narrowWeights, LaneSeparation separation) {
        this.layout = new PackedLayout(kind, weightBits, actBits, actSigned, lanes, narrowWeights, separation);
        this.ws = 32 - weightBits;
        this.as = 32 - actBits;
        this.aDrop = 64 - kind.aBits();
        // |AD·B| < 2^(aBits−1)·2^actBits: the exact-P shadow cannot overflow a long within this many steps.
        this.maxLength = (int) Math.min(Integer.MAX_VALUE, Long.MAX_VALUE >> (kind.aBits() + actBits));
    }

    /**
     * The slice a designer builds for P chains of {@code chain} products beside a {@code accBits}-bit
     * accumulator: the guard-bit layout when its capacity holds the chain and its top lane the
     * accumulator (no canary, no counter: zero fabric beside the slice), else FINN's canary layout.
     * Cost ({@code PackedDspCost}) and the simulated kernel both take the slice from here, so they
     * describe the same hardware. 2-lane W4A4 (narrow, unsigned) on DSP48E1: guard bits for chains of
     * up to 9,986 products; 4-lane W4A4 never (7-bit fields cannot hold one ±105 product).
     */
    public static PackedDspMac forChain(DspKind kind, int weightBits, int actBits, boolean actSigned, int lanes,
            boolean narrowWeights, int accBits, int chain) {
        PackedDspMac canary = new PackedDspMac(kind, weightBits, actBits, actSigned, lanes, narrowWeights);
        PackedDspMac guard;
        try {
            guard = new PackedDspMac(kind, weightBits, actBits, actSigned, lanes, narrowWeights,
                    LaneSeparation.GUARD_BITS);
        } catch (IllegalArgumentException e) {
            return canary; // not even one product fits below an upper lane
        }
        return chain >= 1 && chain <= guard.maxExactDepth() && accBits <= guard.resultBits() ? guard : canary;
    }

    /**
     * The signed A-path word for one cycle's lane weights, lane 0 first: Σ w_i·2^{offset_i}. Unlike
     * the hot path, this checks each weight against the declared (narrow or full) range.
     */
    public long packWeights(int... laneWeights) {
        if (laneWeights.length != lanes()) {
            throw new IllegalArgumentException("expected " + lanes() + " lane weights, got " + laneWeights.length);
        }
        long ad = 0;
        for (int i = 0; i < laneWeights.length; i++) {
            int w = laneWeights[i];
            if (w < layout.weightMin || w > layout.weightMax) {
                throw new IllegalArgumentException("lane " + i + " weight " + w + " outside [" + layout.weightMin
                        + ", " + layout.weightMax + "]" + (layout.narrowWeights ? " (narrow-range weights)" : ""));
            }
            ad += (long) w << layout.offsets[i];
        }
        return ad;
    }

    /**
     * One slice accumulating {@code len} cycles from P = 0: in cycle k lane l multiplies
     * {@code w[wOff + l·laneStride + k]} by the shared {@code a[aOff + k]}. Writes the resolved lane
     * sums to {@code outLanes[0..lanes)} and returns whether any of them differs from the exact dot
     * product (overflow of the {@code resultBits()}-bit lanes). Operands are cut to their declared
     * widths like wires. Allocation-free.
     */
    public boolean dot(int[] w, int wOff, int laneStride, int[] a, int aOff, int len, long[] outLanes) {
        if (len < 0 || len > maxLength) {
            throw new IllegalArgumentException("accumulation depth must be 0.." + maxLength + ", got " + len);
        }
        if (outLanes.length < lanes()) {
            throw new IllegalArgumentException("need room for " + lanes() + " lanes, got " + outLanes.length);
        }
        if (layout.separation == LaneSeparation.GUARD_BITS) {
            return guardDot(w, wOff, laneStride, a, aOff, len, outLanes);
        }
        long p = lanes() == 2 ? run2(w, wOff, laneStride, a, aOff, len, outLanes)
                : run4(w, wOff, laneStride, a, aOff, len, outLanes);
        return resolve(p, outLanes);
    }

    /**
     * The guard-bit slice: P accumulates the packed products with no fabric beside it; the exact
     * lane sums are kept only to flag a wrong result (they do not feed the lanes).
     */
    private boolean guardDot(int[] w, int wOff, int stride, int[] a, int aOff, int len, long[] out) {
        final int[] off = layout.offsets;
        final int n = off.length;
        long p = 0;
        long e0 = 0;
        long e1 = 0;
        long e2 = 0;
        long e3 = 0;
        for (int k = 0; k < len; k++) {
            int av = act(a[aOff + k]);
            int w0 = (w[wOff + k] << ws) >> ws;
            int w1 = (w[wOff + stride + k] << ws) >> ws;
            long sum = (long) w0 + ((long) w1 << off[1]);
            e0 += (long) w0 * av;
            e1 += (long) w1 * av;
            if (n == 4) {
                int w2 = (w[wOff + 2 * stride + k] << ws) >> ws;
                int w3 = (w[wOff + 3 * stride + k] << ws) >> ws;
                sum += ((long) w2 << off[2]) + ((long) w3 << off[3]);
                e2 += (long) w2 * av;
                e3 += (long) w3 * av;
            }
            long ad = (sum << aDrop) >> aDrop;
            p += ad * av;
        }
        boolean overflow = splitGuard(p, out);
        overflow |= out[0] != e0 || out[1] != e1;
        if (n == 4) {
            overflow |= out[2] != e2 || out[3] != e3;
        }
        return overflow;
    }

    /**
     * The guard-bit resolve on the 48-bit P: lane 0 is {@code P[D_1−1:0]} sign-extended; upper lane i
     * is {@code (P >> D_i) + P[D_i−1]} in its field ({@code D_{i+1} − D_i} bits, the top lane
     * {@code 48 − D_top}) — the added bit is the borrow a negative sum below took from it, entering
     * the lane's resolve adder as its carry-in. Returns false (overflow is judged by the caller).
     */
    private boolean splitGuard(long p, long[] out) {
        final int[] off = layout.offsets;
        final int top = off.length - 1;
        final long p48 = DspKind.wrapSigned(p, layout.kind.pBits());
        for (int i = 0; i <= top; i++) {
            int width = i < top ? off[i + 1] - off[i] : layout.resultBits;
            long borrow = i == 0 ? 0 : (p48 >> (off[i] - 1)) & 1;
            out[i] = DspKind.wrapSigned((p48 >> off[i]) + borrow, width);
        }
        return false;
    }

    /**
     * What the slice's resolve gives for a chain whose exact lane sums are {@code exact} (in-range
     * operands): P is then exactly Σ exact_i·2^{D_i} (mod 2^48), and the lanes are read off it as the
     * hardware does — CANARY: every lane {@code wrap(exact, resultBits)} (the canaries keep the lower
     * lanes exact); GUARD_BITS: the split above, wrong once a lower sum outgrows its guard bits. The
     * literal model ends its chains here; {@link #dot} gives the same bits. Returns whether any lane
     * differs from its exact sum.
     */
    public boolean resolveLanes(long[] exact, long[] out) {
        final int n = lanes();
        boolean overflow = false;
        if (layout.separation == LaneSeparation.GUARD_BITS) {
            long p = 0;
            for (int i = 0; i < n; i++) {
                p += exact[i] << layout.offsets[i];
            }
            splitGuard(p, out);
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = DspKind.wrapSigned(exact[i], layout.resultBits);
            }
        }
        for (int i = 0; i < n; i++) {
            overflow |= out[i] != exact[i];
        }
        return overflow;
    }

    // The two run loops are unrolled by lane count on purpose: per-lane locals keep the hot loop free
    // of arrays. Each returns the exact P and leaves the canary carry into lane i in out[i], i >= 1.

    private long run2(int[] w, int wOff, int stride, int[] a, int aOff, int len, long[] out) {
        final int d1 = layout.offsets[1];
        final int i1 = wOff + stride;
        long p = 0;
        long c1 = 0;
        for (int k = 0; k < len; k++) {
            int av = act(a[aOff + k]);
            int w0 = (w[wOff + k] << ws) >> ws;
            int w1 = (w[i1 + k] << ws) >> ws;
            long ad = (((long) w0 + ((long) w1 << d1)) << aDrop) >> aDrop;
            long pn = p + ad * av;
            c1 += canary(p, pn, d1, w1, av);
            p = pn;
        }
        out[1] = c1;
        return p;
    }

    private long run4(int[] w, int wOff, int stride, int[] a, int aOff, int len, long[] out) {
        final int d1 = layout.offsets[1];
        final int d2 = layout.offsets[2];
        final int d3 = layout.offsets[3];
        final int i1 = wOff + stride;
        final int i2 = i1 + stride;
        final int i3 = i2 + stride;
        long p = 0;
        long c1 = 0;
        long c2 = 0;
        long c3 = 0;
        for (int k = 0; k < len; k++) {
            int av = act(a[aOff + k]);
            int w0 = (w[wOff + k] << ws) >> ws;
            int w1 = (w[i1 + k] << ws) >> ws;
            int w2 = (w[i2 + k] << ws) >> ws;
            int w3 = (w[i3 + k] << ws) >> ws;
            long ad = (((long) w0 + ((long) w1 << d1) + ((long) w2 << d2) + ((long) w3 << d3)) << aDrop) >> aDrop;
            long pn = p + ad * av;
            c1 += canary(p, pn, d1, w1, av);
            c2 += canary(p, pn, d2, w2, av);
            c3 += canary(p, pn, d3, w3, av);
            p = pn;
        }
        out[1] = c1;
        out[2] = c2;
        out[3] = c3;
        return p;
    }

    /**
     * FINN's external canary: X = LUT6_2(w[1:0], a[1:0]) + P_old[d +: 2] predicts P_new[d +: 2]
     * without a carry from below; the 2-bit difference, read signed, is that carry (−1, 0, +1).
     */
    private static int canary(long pOld, long pNew, int d, int w, int a) {
        int x = (int) (pOld >> d) + (w & 3) * (a & 3);
        int h = ((int) (pNew >> d) - x) & 3;
        return (h ^ 2) - 2;
    }

    private int act(int raw) {
        return layout.actSigned ? (raw << as) >> as : (raw << as) >>> as;
    }

    /** FINN Stage #5 on the 48-bit P; in: out[i] = carry into lane i (i >= 1); out: lane results. */
    private boolean resolve(long p, long[] out) {
        final int[] off = layout.offsets;
        final int top = off.length - 1;
        final int r = layout.resultBits;
        final long p48 = DspKind.wrapSigned(p, layout.kind.pBits());
        boolean overflow = false;
        long below = 0;
        for (int i = 0; i < top; i++) {
            int lo = off[i + 1] - off[i];
            long above = out[i + 1];
            long exact = (above << lo) + ((p48 >> off[i]) & ((1L << lo) - 1)) - below;
            long hw = DspKind.wrapSigned(exact, r);
            overflow |= hw != exact;
            out[i] = hw;
            below = above;
        }
        long hwTop = DspKind.wrapSigned(((p48 >> off[top]) & ((1L << r) - 1)) - below, r);
        overflow |= hwTop != (p >> off[top]) - below;
        out[top] = hwTop;
        return overflow;
    }

    public int lanes() {
        return layout.lanes();
    }

    /** Bit offset of each lane in the A word and in P, lane 0 first. */
    public int[] laneOffsets() {
        return layout.offsets();
    }

    /** How the lanes are kept apart: FINN's canaries or guard bits. */
    public LaneSeparation separation() {
        return layout.separation;
    }

    /**
     * Products every lower lane can take before its sum can reach the lane above ({@link
     * Integer#MAX_VALUE} with canaries, which count the crossings instead).
     */
    public int guardCapacity() {
        return layout.guardCapacity;
    }

    /**
     * Guard bits above lower lane {@code lane}: its field {@code D_{lane+1} − D_lane} less the bits
     * one product needs (signed); 0 or less for FINN's tight layouts.
     */
    public int guardBits(int lane) {
        if (lane < 0 || lane >= lanes() - 1) {
            throw new IllegalArgumentException("lower lanes are 0.." + (lanes() - 2) + ", got " + lane);
        }
        long mag = Math.max(layout.productMax, -layout.productMin);
        int productBits = 64 - Long.numberOfLeadingZeros(mag) + 1;
        return layout.offsets[lane + 1] - layout.offsets[lane] - productBits;
    }

    /**
     * Width of every resolved lane sum: the top lane's share of P, {@code 48 − topOffset} (with guard
     * bits the lower lanes are their fields' widths, exact within {@link #maxExactDepth()}).
     */
    public int resultBits() {
        return layout.resultBits;
    }

    /** Longest accumulation exact for all operands in range: worst-case products × depth fit {@link #resultBits()}. */
    public int maxExactDepth() {
        return layout.maxExactDepth;
    }

    /**
     * The longest chain a PE with a {@code accBits}-bit accumulator lets P take before the fabric
     * resolves its lanes: {@link #maxExactDepth()}, or fewer when every prefix of the chain must also
     * fit the accumulator — {@code floor((2^(acc−1) − 1) / productMax)} and
     * {@code floor(2^(acc−1) / −productMin)} products. Within it every lane's running sum, and so every
     * carry counter, stays inside the widths {@link #counterBits} gives; FINN sizes its counters the same
     * way, from {@code ACCU_WIDTH} ({@code mvu_4sx4u.sv}/{@code mvu_8sx8u_dsp48.sv} {@code hi_width}).
     * A layer with a longer reduction takes several chains, each resolved into the accumulator (whose
     * sum wraps or clamps as declared, as before). 0 when even one product does not fit the accumulator.
     *
     * @throws IllegalArgumentException if {@code accBits} is wider than {@link #resultBits()} or below 2
     */
    public int chainDepth(int accBits) {
        requireAccumulator(accBits);
        long half = 1L << (accBits - 1);
        long byAcc = Math.min((half - 1) / layout.productMax, half / -Math.min(-1, layout.productMin));
        return (int) Math.min(layout.maxExactDepth, byAcc);
    }

    /**
     * The chain a PE of {@code lanesPerClock} products a clock (its V vector lanes) takes by default
     * beside a {@code accBits}-bit accumulator: {@link #chainDepth}, at least one clock, whole clocks,
     * never past {@link #maxExactDepth()} (so below {@code lanesPerClock} only when even one clock is
     * not exact). An accumulator wider than a lane (which the cost model rejects) gets P's exact depth.
     */
    public int chainOf(int accBits, int lanesPerClock) {
        if (lanesPerClock < 1) {
            throw new IllegalArgumentException("a PE takes at least one product a clock, got " + lanesPerClock);
        }
        int byAcc = accBits >= 2 && accBits <= layout.resultBits ? chainDepth(accBits) : layout.maxExactDepth;
        int depth = Math.min(layout.maxExactDepth, Math.max(lanesPerClock, byAcc));
        return depth < lanesPerClock ? depth : depth / lanesPerClock * lanesPerClock;
    }

    /**
     * Bits of the carry counter {@code Hi} of upper lane {@code lane} (1 ≤ lane < lanes) beside a
     * {@code accBits}-bit accumulator: FINN's {@code hi_width(i) = 1 + $clog2(2^(ACCU_WIDTH − LO − 1) + SIMD)}
     * with {@code LO} the width of the lane below ({@code offset[lane] − offset[lane − 1]}) and
     * SIMD = 1 (one slice); capped by the count of carries a chain of {@link #chainDepth} can make
     * ({@code |Hi| ≤ depth}: bit length of the depth, plus sign). Hi is the lane below's running sum
     * above its {@code LO} bits, and that sum fits the accumulator within {@link #chainDepth}, so the
     * counter never wraps.
     */
    public int counterBits(int lane, int accBits) {
        return counterBits(lane, accBits, chainDepth(accBits));
    }

    /**
     * As {@link #counterBits(int, int)} for chains of {@code chain} products (a weight-stationary
     * column's {@code rows·V}, say): never more than the carries such a chain can make
     * ({@code bitlength(min(chain, maxExactDepth)) + 1}), and FINN's accumulator width only while the
     * chain is within {@link #chainDepth} (beyond it the lane sum, and so {@code Hi}, can outgrow it).
     */
    public int counterBits(int lane, int accBits, int chain) {
        if (lane < 1 || lane >= lanes()) {
            throw new IllegalArgumentException("upper lanes are 1.." + (lanes() - 1) + ", got " + lane);
        }
        if (chain < 1) {
            throw new IllegalArgumentException("a chain has at least one product, got " + chain);
        }
        if (layout.separation == LaneSeparation.GUARD_BITS && chain <= layout.maxExactDepth) {
            return 0; // the guard bits hold the chain: no counter
        }
        int byDepth = 32 - Integer.numberOfLeadingZeros(Math.min(chain, layout.maxExactDepth)) + 1;
        if (chain > chainDepth(accBits)) {
            return byDepth;
        }
        int lo = layout.offsets[lane] - layout.offsets[lane - 1];
        int finn = 1 + ceilLog2((1L << Math.max(0, accBits - lo - 1)) + 1);
        return Math.min(finn, byDepth);
    }

    private static int ceilLog2(long x) {
        return 64 - Long.numberOfLeadingZeros(x - 1);
    }

    private void requireAccumulator(int accBits) {
        if (accBits < 2 || accBits > layout.resultBits) {
            throw new IllegalArgumentException("accumulator of " + accBits + " bits: a " + lanes()
                    + "-lane packed DSP takes 2.." + layout.resultBits + " (its lanes are " + layout.resultBits
                    + " bits)");
        }
    }

    /** Longest accumulation one {@link #dot} call accepts (the exact-P shadow's limit). */
    public int maxLength() {
        return maxLength;
    }

    public int weightMin() {
        return layout.weightMin;
    }

    public int weightMax() {
        return layout.weightMax;
    }

    public int actMin() {
        return layout.actMin;
    }

    public int actMax() {
        return layout.actMax;
    }

    /** Most negative product of an in-range weight and activation. */
    public long productMin() {
        return layout.productMin;
    }

    /** Most positive product of an in-range weight and activation. */
    public long productMax() {
        return layout.productMax;
    }

    public DspKind kind() {
        return layout.kind;
    }

    @Override
    public String toString() {
        return "PackedDspMac(" + layout.kind + ", " + lanes() + " lanes"
                + (layout.separation == LaneSeparation.GUARD_BITS ? " (guard bits)" : "") + " at "
                + Arrays.toString(layout.offsets)
                + ", w s" + layout.weightBits + (layout.narrowWeights ? " narrow" : "") + " × a "
                + (layout.actSigned ? "s" : "u") + layout.actBits + ", " + layout.resultBits + "-bit lanes)";
    }
}
