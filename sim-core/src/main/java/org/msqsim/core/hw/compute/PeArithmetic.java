package org.msqsim.core.hw.compute;

import org.msqsim.core.fixed.DspMac;
import org.msqsim.core.fixed.FixedFormat;
import org.msqsim.core.fixed.Overflow;
import org.msqsim.core.fixed.PackedDspMac;
import org.msqsim.core.fixed.Sp2Format;
import org.msqsim.core.fixed.Sp2Mac;
import org.msqsim.core.spec.Dataflow;
import org.msqsim.core.spec.MacKind;
import org.msqsim.core.spec.PeArraySpec;

/**
 * The arithmetic of one PE, built once from a spec and a datapath and used by both {@link PeArray}
 * and {@link LiteralSystolicArray}, so that the fast and the literal model multiply and accumulate
 * through the same {@code org.msqsim.core.fixed} objects.
 *
 * <p>Three ways a PE accumulates, chosen by MAC kind and packing:
 * <ul>
 *   <li>{@link Accumulation#DSP_P}: one product per DSP48 into its 48-bit P, preloaded with the
 *       output's running sum and read out through the declared accumulator ({@link DspMac}: wrap at
 *       48 bits, then wrap or saturate once at readout — a DSP48 cannot clamp per cycle at full rate).</li>
 *   <li>{@link Accumulation#PACKED_LANES}: p lane products per DSP48 into P from zero for one chain,
 *       the lanes resolved with FINN's canaries ({@link PackedDspMac}), then each lane added into a
 *       fabric accumulator of the declared width (wrap or clamp per add).</li>
 *   <li>{@link Accumulation#FABRIC}: LUT multipliers (SP2 shift-add or fixed-point) whose products
 *       enter a fabric accumulator of the declared width, wrap or clamp per add.</li>
 * </ul>
 * Not thread-safe: the DSP readout counts overflows and the single-product scratch is shared.
 */
final class PeArithmetic {

    enum Accumulation { DSP_P, PACKED_LANES, FABRIC }

    final MacKind mac;
    final Accumulation accumulation;
    final int lanes;
    final FixedFormat acc;
    /** DSP_P: whole dot products (fast model) and P readout (literal model). */
    final DspMac dspMac;
    final PackedDspMac packed;
    final Sp2Mac sp2;
    /** PACKED_LANES: products per P chain in OS and dot-product arrays, ≤ maxExactDepth. */
    final int chainLength;
    /** LUT_SP2: {@code valueInt} of every code, indexed by code. */
    final int[] sp2Values;
    /** LUT_SP2: the activation range {@link Sp2Mac} accepts, and its longest dot. */
    final long sp2ActMin;
    final long sp2ActMax;
    final int sp2MaxTerms;
    private final DspMac productMac;
    private final int wShift;
    private final int aShift;
    private final boolean actSigned;
    private final int[] w1 = new int[1];
    private final int[] a1 = new int[1];
    private final long[] laneScratch;
    private static final int[] NONE = new int[0];

    PeArithmetic(PeArraySpec spec, PeDatapath d) {
        this.mac = spec.mac();
        this.lanes = spec.packing();
        this.acc = FixedFormat.signedInt(spec.accumulatorBits(), d.accumulatorOverflow());
        this.accumulation = mac != MacKind.DSP ? Accumulation.FABRIC
                : lanes == 1 ? Accumulation.DSP_P : Accumulation.PACKED_LANES;
        this.dspMac = accumulation == Accumulation.DSP_P
                ? new DspMac(d.dspKind(), d.weightBits(), d.actBits(), d.actSigned(), acc) : null;
        // A 48-bit wrapping "accumulator" turns a one-term DspMac dot into the slice's exact product.
        this.productMac = dspMac == null ? null : new DspMac(d.dspKind(), d.weightBits(), d.actBits(), d.actSigned(),
                FixedFormat.signedInt(d.dspKind().pBits(), Overflow.WRAP));
        this.packed = accumulation == Accumulation.PACKED_LANES
                ? new PackedDspMac(d.dspKind(), d.weightBits(), d.actBits(), d.actSigned(), lanes, d.narrowWeights())
                : null;
        this.sp2 = mac == MacKind.LUT_SP2 ? new Sp2Mac(Sp2Format.of(d.weightBits()), d.actBits(), d.actSigned()) : null;
        if (sp2 != null) {
            Sp2Format f = sp2.format();
            this.sp2Values = new int[f.codeCount()];
            for (int c = 0; c < sp2Values.length; c++) {
                sp2Values[c] = f.valueInt(c);
            }
            this.sp2ActMin = d.actSigned() ? -(1L << (d.actBits() - 1)) : 0L;
            this.sp2ActMax = d.actSigned() ? (1L << (d.actBits() - 1)) - 1 : (1L << d.actBits()) - 1;
            this.sp2MaxTerms = (int) Math.min(Integer.MAX_VALUE, sp2.structure().maxExactTerms());
        } else {
            this.sp2Values = null;
            this.sp2ActMin = 0;
            this.sp2ActMax = -1;
            this.sp2MaxTerms = 0;
        }
        if (packed != null && d.chainLength() > packed.maxExactDepth()) {
            throw new IllegalArgumentException("chain length " + d.chainLength() + " exceeds the deepest exact "
                    + "accumulation of " + packed + " (" + packed.maxExactDepth() + ")");
        }
        this.chainLength = packed == null ? 0 : d.chainLength() == 0 ? packed.maxExactDepth() : d.chainLength();
        this.wShift = 32 - d.weightBits();
        this.aShift = 32 - d.actBits();
        this.actSigned = d.actSigned();
        this.laneScratch = new long[lanes];
    }

    /**
     * How many reduction steps one readout of the PE's first register covers, in κ order from the
     * tile's κ = 0: a DSP P chain is read once per output (OS, dot-product) or once per column, that
     * is per reduction fold (WS: the partial sum cascades down the column through PCOUT→PCIN);
     * a packed chain likewise, but OS/dot-product chains end after {@link #chainLength}; a fabric
     * accumulator adds every product (systolic) or one adder-tree sum of R products (dot-product).
     */
    int readoutChunk(Dataflow dataflow, int rows) {
        return switch (accumulation) {
            case DSP_P -> dataflow == Dataflow.WEIGHT_STATIONARY ? rows : Integer.MAX_VALUE;
            case PACKED_LANES -> dataflow == Dataflow.WEIGHT_STATIONARY ? rows : chainLength;
            case FABRIC -> dataflow == Dataflow.DOT_PRODUCT ? rows : 1;
        };
    }

    /** One product of an unpacked PE, as its multiplier forms it. */
    long product(int w, int a) {
        return switch (mac) {
            case DSP -> {
                w1[0] = w;
                a1[0] = a;
                yield productMac.dot(w1, 0, a1, 0, 1, 0);
            }
            case LUT_SP2 -> sp2.multiply(w, a);
            case LUT_FIXED -> (long) cutWeight(w) * cutAct(a);
        };
    }

    /**
     * One cycle of a PE: the products of its lane weights with one activation added into
     * {@code sum}: exactly for DSP P and packed chains (the registers are modelled by their exact
     * value and wrapped at readout, which commutes with the adds), fitted per add for fabric
     * accumulators, whose exact value {@code exact} tracks.
     */
    void mac(int[] wLanes, int a, long[] sum, long[] exact) {
        switch (accumulation) {
            case DSP_P -> sum[0] += product(wLanes[0], a);
            case FABRIC -> {
                long p = product(wLanes[0], a);
                sum[0] = acc.fit(sum[0] + p);
                exact[0] += p;
            }
            case PACKED_LANES -> {
                a1[0] = a;
                packed.dot(wLanes, 0, 1, a1, 0, 1, laneScratch); // one cycle: in-range products are exact
                for (int l = 0; l < lanes; l++) {
                    sum[l] += laneScratch[l];
                }
            }
        }
    }

    /**
     * The fabric's lane extraction from the exact lane sums of one chain: PackedDspMac resolves
     * every lane to {@code wrap(exact lane sum, resultBits)} (lower lanes are exact at any depth by
     * the canaries, the top lane keeps P's top bits), so this wrap is bit-identical to its dot.
     * Returns whether any lane wrapped.
     */
    boolean resolveLanes(long[] chain, long[] hw) {
        int drop = 64 - packed.resultBits();
        boolean overflow = false;
        for (int l = 0; l < lanes; l++) {
            hw[l] = (chain[l] << drop) >> drop;
            overflow |= hw[l] != chain[l];
        }
        return overflow;
    }

    /**
     * The end of a packed chain: lanes resolved, then each added into its fabric accumulator
     * {@code sum} (fitted per add) and exact shadow {@code exact}; the chain restarts from zero.
     * Returns whether any lane wrapped.
     */
    boolean endChain(long[] chain, long[] hw, long[] sum, long[] exact) {
        boolean overflow = resolveLanes(chain, hw);
        for (int l = 0; l < lanes; l++) {
            sum[l] = acc.fit(sum[l] + hw[l]);
            exact[l] += hw[l];
            chain[l] = 0;
        }
        return overflow;
    }

    /** P read into the declared accumulator: a zero-length {@link DspMac#dot} preloaded with P. */
    long readoutP(long p) {
        return dspMac.dot(NONE, 0, NONE, 0, 0, p);
    }

    boolean lastReadoutOverflowed() {
        return dspMac.lastOverflowed();
    }

    /** Σ of {@code len} LUT fixed-point products, operands cut to their declared widths like wires. */
    long fixedDot(int[] w, int wOff, int[] a, int aOff, int len) {
        long s = 0;
        for (int i = 0; i < len; i++) {
            s += (long) cutWeight(w[wOff + i]) * cutAct(a[aOff + i]);
        }
        return s;
    }

    /** Each LUT product (SP2 or fixed-point) into {@code out[0..len)}. */
    void products(int[] w, int wOff, int[] a, int aOff, int len, long[] out) {
        if (sp2 != null) {
            sp2.products(w, wOff, a, aOff, out, 0, len);
        } else {
            for (int i = 0; i < len; i++) {
                out[i] = (long) cutWeight(w[wOff + i]) * cutAct(a[aOff + i]);
            }
        }
    }

    /** Σ of {@code len} LUT products. */
    long lutDot(int[] w, int wOff, int[] a, int aOff, int len) {
        return sp2 != null ? sp2.dot(w, wOff, a, aOff, len) : fixedDot(w, wOff, a, aOff, len);
    }

    private int cutWeight(int w) {
        return (w << wShift) >> wShift;
    }

    private int cutAct(int a) {
        return actSigned ? (a << aShift) >> aShift : (a << aShift) >>> aShift;
    }
}
