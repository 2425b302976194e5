package org.msqsim.core.fixed;

/**
 * One multiplication per DSP slice per cycle: a signed weight on port A times a signed or unsigned
 * activation on port B, accumulated in the slice's 48-bit P register and read out through a
 * declared accumulator format.
 *
 * <p>What the model does, in hardware order:
 * <ol>
 *   <li>Each operand is cut to its declared width, as the wires into the slice are: a weight of
 *       {@code weightBits} is sign-extended from its low bits, an activation is zero- or
 *       sign-extended from its low {@code actBits}. Out-of-range inputs therefore give the bits the
 *       hardware would give, never an exception.</li>
 *   <li>Products accumulate in P, which wraps at 48 bits (UG479/UG579: P is a 48-bit two's
 *       complement register). The model sums in a {@code long} and wraps once at the end, which is
 *       bit-identical because wrapping commutes with addition modulo 2^48.</li>
 *   <li>The fabric then reads P into the declared accumulator: {@link FixedFormat#fit} wraps or
 *       saturates. Saturation happens once, at readout, because a DSP48 cannot clamp per cycle at
 *       full rate; a tiled reduction that calls {@link #dot} per tile saturates per tile.</li>
 * </ol>
 *
 * <p>Overflow is detected from the exact sum (kept in the {@code long}, which cannot overflow for
 * {@code len <= maxLength()}): a call overflows if the exact sum leaves the accumulator's range or
 * P's 48 bits. Hardware has no such flag; it is the simulator's check, counted in
 * {@link #overflowCount()}. The counter makes an instance stateful: use one per thread.
 *
 * <p>Values are raw integers; the accumulator's fraction bits are the sum of the operands' and are
 * not checked here.
 */
public final class DspMac {

    private final DspKind kind;
    private final int weightBits;
    private final int actBits;
    private final boolean actSigned;
    private final FixedFormat accumulator;
    private final int maxLength;
    private long overflowCount;
    private boolean lastOverflowed;

    public DspMac(DspKind kind, int weightBits, int actBits, boolean actSigned, FixedFormat accumulator) {
        if (kind == null || accumulator == null) {
            throw new IllegalArgumentException("DSP kind and accumulator format are required");
        }
        if (weightBits < 2 || weightBits > kind.aBits()) {
            throw new IllegalArgumentException("signed weight of " + weightBits + " bits does not fit " + kind
                    + " port A (" + kind.aBits() + " bits signed; at least 2 bits)");
        }
        int bNeeded = DspKind.signedPortBits(actBits, actSigned);
        if (actBits < (actSigned ? 2 : 1) || bNeeded > kind.bBits()) {
            throw new IllegalArgumentException((actSigned ? "signed" : "unsigned") + " activation of " + actBits
                    + " bits does not fit " + kind + " port B (" + kind.bBits() + " bits signed; it needs "
                    + bNeeded + ")");
        }
        if (!accumulator.signed() || accumulator.bits() > kind.pBits()) {
            throw new IllegalArgumentException("accumulator " + accumulator + " does not fit " + kind + " port P ("
                    + kind.pBits() + " bits signed)");
        }
        this.kind = kind;
        this.weightBits = weightBits;
        this.actBits = actBits;
        this.actSigned = actSigned;
        this.accumulator = accumulator;
        // |w·a| <= 2^(wb-1) · 2^(ab) for either signedness: the long holds maxLength such products.
        this.maxLength = (int) Math.min(Integer.MAX_VALUE, Long.MAX_VALUE >> (weightBits + actBits + 1));
    }

    /**
     * {@code acc + Σ w[wOff+i]·a[aOff+i]} for {@code i < len}, as the DSP and the declared
     * accumulator produce it. {@code acc} is a value of the accumulator format (a partial sum
     * preloaded into P). Allocation-free.
     */
    public long dot(int[] w, int wOff, int[] a, int aOff, int len, long acc) {
        if (len < 0 || len > maxLength) {
            throw new IllegalArgumentException("vector length must be 0.." + maxLength + ", got " + len);
        }
        final int ws = 32 - weightBits;
        final int as = 32 - actBits;
        long sum = acc;
        if (actSigned) {
            for (int i = 0; i < len; i++) {
                sum += (long) ((w[wOff + i] << ws) >> ws) * ((a[aOff + i] << as) >> as);
            }
        } else {
            for (int i = 0; i < len; i++) {
                sum += (long) ((w[wOff + i] << ws) >> ws) * ((a[aOff + i] << as) >>> as);
            }
        }
        long p = DspKind.wrapSigned(sum, kind.pBits());
        lastOverflowed = p != sum || !accumulator.fits(sum);
        if (lastOverflowed) {
            overflowCount++;
        }
        return accumulator.fit(p);
    }

    /** Whether the last {@link #dot} call's exact sum left the accumulator's range (or P's). */
    public boolean lastOverflowed() {
        return lastOverflowed;
    }

    /** Number of {@link #dot} calls that overflowed since construction or {@link #resetOverflowCount()}. */
    public long overflowCount() {
        return overflowCount;
    }

    public void resetOverflowCount() {
        overflowCount = 0;
        lastOverflowed = false;
    }

    /** Longest vector one call accepts: the exact-sum shadow cannot overflow below it. */
    public int maxLength() {
        return maxLength;
    }

    public DspKind kind() {
        return kind;
    }

    public FixedFormat accumulator() {
        return accumulator;
    }

    @Override
    public String toString() {
        return "DspMac(" + kind + ", w s" + weightBits + " × a " + (actSigned ? "s" : "u") + actBits + " → "
                + accumulator + ")";
    }
}
