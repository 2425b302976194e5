package org.msqsim.core.resource;

import org.msqsim.core.fixed.DspKind;
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
 * @param packing       lanes per slice, 2 or 4
 * @param resultBits    width of every resolved lane, {@code 48 − D_top}
 * @param maxExactDepth longest chain of products every lane holds exactly
 * @param hiBits        width of one carry counter
 */
public record PackedDspCost(int packing, int resultBits, int maxExactDepth, int hiBits) {

    /**
     * The facts for {@code packing} lanes of {@code weightBits × actBits} on {@code dsp}.
     *
     * @throws IllegalArgumentException if FINN's layout cannot hold these widths (the message says why)
     */
    public static PackedDspCost of(int packing, int weightBits, int actBits, DspKind dsp) {
        if (dsp == null) {
            throw new IllegalArgumentException("DSP kind is required");
        }
        if (packing != 2 && packing != 4) {
            throw new IllegalArgumentException("a packed DSP has 2 or 4 lanes, got " + packing);
        }
        PackedDspMac mac;
        try {
            mac = new PackedDspMac(dsp, weightBits, actBits, false, packing, true);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("packing " + packing + " on " + dsp + " cannot take w" + weightBits
                    + " × u" + actBits + ": " + e.getMessage(), e);
        }
        int depth = mac.maxExactDepth();
        int hiBits = 32 - Integer.numberOfLeadingZeros(depth) + 1;
        return new PackedDspCost(packing, mac.resultBits(), depth, hiBits);
    }

    /** Canary LUT6_2 and {@code Hi} counter of every upper lane: {@code (p − 1)·(1 + hiBits)} LUT and FF. */
    public ResourceVector canaries() {
        long bits = (long) (packing - 1) * (1 + hiBits);
        return ResourceVector.ofLut(bits, bits);
    }

    /** Bits that carry one slice's unresolved result: P (48) and the {@code p − 1} counters. */
    public long rawBits() {
        return 48L + counterBits();
    }

    /** Fabric bits of one slice's unresolved result: the {@code p − 1} carry counters, {@code (p − 1)·hiBits}. */
    public long counterBits() {
        return (long) (packing - 1) * hiBits;
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
