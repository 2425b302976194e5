package org.msqsim.core.resource;

import org.msqsim.core.fixed.DspKind;
import org.msqsim.core.fixed.LaneSeparation;
import org.msqsim.core.fixed.PackedDspMac;

/**
 * The fabric beside one packed DSP slice (packing 2 or 4), priced from the datapath msqsim simulates
 * ({@link PackedDspMac}: FINN's {@code mvu_8sx8u_dsp48.sv} / {@code mvu_4sx4u.sv}), not from a generic
 * "48/p-bit lanes" picture. The lane facts are read off a {@code PackedDspMac(kind, W, A, unsigned,
 * p, narrow weights)}: msqsim's fixed-point weights are narrow-range, its activations unsigned.
 *
 * <ul>
 *   <li><b>Canary and carry counter, per upper lane, every cycle.</b> One LUT6_2 predicts the two P
 *       bits at the lane offset; the difference from the new P bits (−1, 0, +1) is summed into a
 *       counter {@code Hi}. Over a chain of at most {@link #maxExactDepth()} products
 *       {@code |Hi| ≤ depth}, so the counter is {@link #hiBits()} = bit length of
 *       {@code maxExactDepth} + 1 (sign) bits: an adder and a register of that width. Per slice:
 *       {@code (p − 1)·(1 + hiBits)} LUT and as many FF (the canary's two outputs are registered
 *       into the counter; we count the LUT6_2 as one LUT and its register as one FF).</li>
 *   <li><b>Accumulation in P.</b> No fabric accumulator: the lanes sum in the 48-bit P and are exact
 *       as long as the chain fits {@link #maxExactDepth()}; the declared accumulator must not be
 *       wider than a lane result, {@link #resultBits()} = {@code 48 − D_top}.</li>
 *   <li><b>Resolve</b> (FINN Stage #5) {@code lane_i = Hi_{i+1}·2^{LO_i} + P[D_i +: LO_i] − Hi_i}:
 *       one registered adder of the accumulator width per lane, {@code p·accBits} LUT and FF. Where
 *       it sits (per slice, per PE, per array column) is the array's choice; see
 *       {@link PeArrayCost}.</li>
 *   <li><b>What leaves the slice</b> before the resolve: the raw P and the {@code p − 1} counters,
 *       {@link #rawBits()} = {@code 48 + (p − 1)·hiBits} bits; of these only the
 *       {@link #counterBits()} live in fabric (P can leave through the DSP's own PCOUT cascade,
 *       see {@link PeArrayCost}).</li>
 * </ul>
 *
 * <p><b>Counter widths</b> (issue 13 point 9). Without an accumulator width ({@link #of(int, int, int,
 * DspKind)}) a counter is sized for P's full exact depth: {@code hiBits = bitlength(maxExactDepth) + 1}
 * (21 bits on DSP48E1 4-lane). Beside an accumulator of {@code acc} bits ({@link #of(int, int, int, DspKind,
 * int)}, what arrays and MACs are priced with) each upper lane's counter has FINN's width
 * {@code 1 + clog2(2^(acc − LO − 1) + 1)} ({@code mvu_4sx4u.sv} {@code hi_width}, LO the lane below's
 * width), capped by the depth bound: {@link PackedDspMac#counterBits}. The chain P takes is then
 * {@link PackedDspMac#chainDepth} (the accumulator's bound), which the simulated kernel uses, so no
 * counter wraps. DSP48E1 4-lane at acc 24: 18 bits per counter (3 × 19 = 57 LUT of canaries and
 * counters, was 66); 2-lane 8-bit at acc 24: 9 (10, was 19).
 *
 * <p><b>Guard bits instead of canaries</b> (issue 13 point 9, second half). When the chain a slice
 * takes fits the capacity of the guard-bit layout ({@link PackedDspMac#forChain}: the upper lanes as
 * high as the A path allows, e.g. 2-lane W4A4 at offsets 0 and 21 on DSP48E1, 9,986 products), the
 * slice is built that way: no canary, no counter ({@code hiBits = counterBits = 0},
 * {@link #canaries()} zero), P alone leaves the slice, and the resolve adders are unchanged (the
 * borrow bit is their carry-in). The chain is the one the array gives the slice (a weight-stationary
 * column's {@code rows·V}; elsewhere the accumulator's bound, i.e. the design is sized for the
 * largest reduction its declared accumulator admits); see docs/core-organisations.md §2.
 *
 * @param packing       lanes per slice, 2 or 4
 * @param resultBits    width of every resolved lane, {@code 48 − D_top}
 * @param maxExactDepth longest chain of products every lane holds exactly (at this accumulator, when
 *                      one was given: {@link PackedDspMac#chainDepth})
 * @param hiBits        width of the widest carry counter
 * @param counterBits   fabric bits of one slice's unresolved result: its {@code p − 1} carry counters
 *                      together (P itself can leave through the cascade)
 * @param separation    canaries and counters, or guard bits (then {@code hiBits = counterBits = 0})
 */
public record PackedDspCost(int packing, int resultBits, int maxExactDepth, int hiBits, int counterBits,
                            LaneSeparation separation) {

    /** Canary facts whose {@code p − 1} counters are all {@code hiBits} wide. */
    public PackedDspCost(int packing, int resultBits, int maxExactDepth, int hiBits) {
        this(packing, resultBits, maxExactDepth, hiBits, (packing - 1) * hiBits);
    }

    /** Canary facts. */
    public PackedDspCost(int packing, int resultBits, int maxExactDepth, int hiBits, int counterBits) {
        this(packing, resultBits, maxExactDepth, hiBits, counterBits, LaneSeparation.CANARY);
    }

    /**
     * The facts for {@code packing} lanes of {@code weightBits × actBits} on {@code dsp}.
     *
     * @throws IllegalArgumentException if FINN's layout cannot hold these widths (the message says why)
     */
    public static PackedDspCost of(int packing, int weightBits, int actBits, DspKind dsp) {
        PackedDspMac mac = mac(packing, weightBits, actBits, dsp);
        int depth = mac.maxExactDepth();
        int hiBits = 32 - Integer.numberOfLeadingZeros(depth) + 1;
        return new PackedDspCost(packing, mac.resultBits(), depth, hiBits);
    }

    /**
     * The facts for {@code packing} lanes beside an accumulator of {@code accBits}: chains of
     * {@link PackedDspMac#chainDepth}, counters of {@link PackedDspMac#counterBits} (FINN's widths).
     *
     * @throws IllegalArgumentException if FINN's layout cannot hold these widths, or the accumulator is
     *                                  wider than a lane result
     */
    public static PackedDspCost of(int packing, int weightBits, int actBits, DspKind dsp, int accBits) {
        return of(packing, weightBits, actBits, dsp, accBits, 0);
    }

    /**
     * As {@link #of(int, int, int, DspKind, int)} for chains of {@code chain} products (0: the
     * accumulator's {@link PackedDspMac#chainDepth}); a weight-stationary column's chain is its
     * {@code rows·V} products ({@link PackedDspMac#counterBits(int, int, int)}).
     */
    public static PackedDspCost of(int packing, int weightBits, int actBits, DspKind dsp, int accBits, int chain) {
        PackedDspMac mac = mac(packing, weightBits, actBits, dsp);
        new PackedDspCost(packing, mac.resultBits(), 1, 1).requireAccumulator(accBits);
        int length = chain == 0 ? Math.max(1, mac.chainDepth(accBits)) : chain;
        PackedDspMac built = PackedDspMac.forChain(dsp, weightBits, actBits, false, packing, true, accBits, length);
        if (built.separation() == LaneSeparation.GUARD_BITS) {
            return new PackedDspCost(packing, built.resultBits(), Math.min(length, built.maxExactDepth()), 0, 0,
                    LaneSeparation.GUARD_BITS);
        }
        int widest = 0;
        int sum = 0;
        for (int lane = 1; lane < packing; lane++) {
            int b = mac.counterBits(lane, accBits, length);
            widest = Math.max(widest, b);
            sum += b;
        }
        return new PackedDspCost(packing, mac.resultBits(), Math.min(length, mac.maxExactDepth()), widest, sum);
    }

    private static PackedDspMac mac(int packing, int weightBits, int actBits, DspKind dsp) {
        if (dsp == null) {
            throw new IllegalArgumentException("DSP kind is required");
        }
        if (packing != 2 && packing != 4) {
            throw new IllegalArgumentException("a packed DSP has 2 or 4 lanes, got " + packing);
        }
        try {
            return new PackedDspMac(dsp, weightBits, actBits, false, packing, true);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("packing " + packing + " on " + dsp + " cannot take w" + weightBits
                    + " × u" + actBits + ": " + e.getMessage(), e);
        }
    }

    /**
     * Canary LUT6_2 and {@code Hi} counter of every upper lane: {@code (p − 1) + counterBits} LUT and FF;
     * nothing with guard bits.
     */
    public ResourceVector canaries() {
        if (separation == LaneSeparation.GUARD_BITS) {
            return ResourceVector.ZERO;
        }
        long bits = (long) (packing - 1) + counterBits;
        return ResourceVector.ofLut(bits, bits);
    }

    /** Bits that carry one slice's unresolved result: P (48) and the {@code p − 1} counters. */
    public long rawBits() {
        return 48L + counterBits;
    }

    /** The lane resolve: {@code p} registered adders of {@code accBits}; checks the width first. */
    public ResourceVector resolve(int accBits) {
        requireAccumulator(accBits);
        long bits = (long) packing * accBits;
        return ResourceVector.ofLut(bits, bits);
    }

    /** @throws IllegalArgumentException if {@code accBits} is wider than a lane result */
    public void requireAccumulator(int accBits) {
        if (accBits > resultBits) {
            throw new IllegalArgumentException("accumulator of " + accBits + " bits is wider than the " + resultBits
                    + "-bit lanes of a " + packing + "-lane packed DSP (48 − top lane offset); use ≤ " + resultBits
                    + " accumulator bits or less packing");
        }
    }
}
