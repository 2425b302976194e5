package org.msqsim.core.hw.compute;

import org.msqsim.core.fixed.DspKind;
import org.msqsim.core.fixed.Overflow;
import org.msqsim.core.fixed.PackedDspMac;
import org.msqsim.core.fixed.Sp2Format;
import org.msqsim.core.spec.PeArraySpec;

/**
 * The datapath widths of a PE array, what {@link PeArraySpec} does not say: the spec gives the
 * MAC kind, packing and accumulator width; this record gives the operands and the accumulator's
 * overflow mode. Immutable; the MAC kind decides which fields matter (and which
 * {@link PeKernel} is built from them).
 *
 * @param weightBits          signed weight width (DSP, LUT_FIXED) or SP2 code width (LUT_SP2,
 *                            split by {@link Sp2Format#of})
 * @param actBits             activation width
 * @param actSigned           whether activations are two's complement
 * @param dspKind             slice generation of a DSP array (ignored by LUT arrays)
 * @param narrowWeights       packed DSP weights in {@code [−(2^(W−1)−1), 2^(W−1)−1]}; DSP48E1 needs
 *                            it for 4 lanes (FINN {@code mvu_4sx4u.sv})
 * @param accumulatorOverflow WRAP (plain adders, the default) or SATURATE (clamping adders)
 * @param chainLength         products a packed DSP accumulates in P before the fabric extracts
 *                            its lanes, for output-stationary and dot-product arrays; 0 means
 *                            {@link PackedDspMac#chainDepth} of the accumulator width (its
 *                            {@link PackedDspMac#maxExactDepth()} if the accumulator is wider than a lane). Ignored by unpacked arrays and
 *                            by weight-stationary ones, whose chain is a column (see
 *                            {@link PackedDspKernel})
 */
public record PeDatapath(int weightBits, int actBits, boolean actSigned, DspKind dspKind, boolean narrowWeights,
                         Overflow accumulatorOverflow, int chainLength) {

    public PeDatapath {
        if (weightBits < 2 || weightBits > 32) {
            throw new IllegalArgumentException("weight width must be 2..32 bits, got " + weightBits);
        }
        if (actBits < (actSigned ? 2 : 1) || actBits > (actSigned ? 32 : 31)) {
            throw new IllegalArgumentException((actSigned ? "signed" : "unsigned") + " activation width must be "
                    + (actSigned ? "2..32" : "1..31") + " bits, got " + actBits);
        }
        if (dspKind == null || accumulatorOverflow == null) {
            throw new IllegalArgumentException("DSP kind and accumulator overflow mode are required");
        }
        if (chainLength < 0) {
            throw new IllegalArgumentException("chain length must be >= 0 (0 = deepest exact), got " + chainLength);
        }
    }

    /** DSP48E2, full-range weights, wrapping accumulator, default chain. */
    public static PeDatapath of(int weightBits, int actBits, boolean actSigned) {
        return new PeDatapath(weightBits, actBits, actSigned, DspKind.DSP48E2, false, Overflow.WRAP, 0);
    }

    public PeDatapath withDsp(DspKind kind, boolean narrow) {
        return new PeDatapath(weightBits, actBits, actSigned, kind, narrow, accumulatorOverflow, chainLength);
    }

    public PeDatapath withOverflow(Overflow overflow) {
        return new PeDatapath(weightBits, actBits, actSigned, dspKind, narrowWeights, overflow, chainLength);
    }

    public PeDatapath withChainLength(int length) {
        return new PeDatapath(weightBits, actBits, actSigned, dspKind, narrowWeights, accumulatorOverflow, length);
    }
}
