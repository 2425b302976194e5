package org.msqsim.core.fixed;

import java.util.Objects;

/**
 * A binary adder tree reducing {@code inputs} values of {@code inputBits} bits, one pipeline register
 * per level, as in the dot-product PEs of FINN's MVAU (FINN-R, Blott et al. 2018) and the SP2/fixed
 * GEMM cores of Mix and Match (HPCA 2021).
 *
 * <p>Level {@code k} (1-based) adds pairs of level-{@code k−1} values; an odd one out passes through a
 * register. Each level is one bit wider than the one below, so the tree is exact by construction:
 * {@code exactBits = inputBits + depth}, {@code depth = ceil(log2 inputs)}. The sum of n b-bit values
 * lies within {@code n·[min, max]}, which fits {@code b + ceil(log2 n)} bits for both signednesses.
 *
 * <p>Optionally the output is a declared narrower {@link FixedFormat} (integer, same binary point as
 * the inputs), fitted by its overflow mode at the output only. For WRAP this is exactly what a tree
 * built at the narrow width on every level computes (addition modulo {@code 2^bits} commutes with the
 * wrap); for SATURATE it models a full-width tree with one saturating stage at its root, the only
 * order-independent place to clamp.
 *
 * <p>Because every level is exact, the reduction is the plain sum of the inputs; {@link #reduce}
 * computes it in one loop without allocating. Fewer than {@code inputs} values may be given: the unused
 * inputs are tied to zero, as a partially filled tree is in hardware.
 */
public final class AdderTree {

    private final int inputs;
    private final int inputBits;
    private final boolean signed;
    private final int depth;
    private final long inMin;
    private final long inMax;
    private final FixedFormat output;

    /** An exact tree: the output has {@link #exactBits()} bits. */
    public AdderTree(int inputs, int inputBits, boolean signed) {
        this(inputs, inputBits, signed, null);
    }

    /**
     * A tree whose output is fitted to {@code output} (integer format); {@code null} means exact.
     */
    public AdderTree(int inputs, int inputBits, boolean signed, FixedFormat output) {
        if (inputs < 1) {
            throw new IllegalArgumentException("an adder tree needs at least 1 input, got " + inputs);
        }
        this.depth = 32 - Integer.numberOfLeadingZeros(inputs - 1); // ceil(log2 inputs)
        if (inputBits < (signed ? 2 : 1) || inputBits + depth > 63) {
            throw new IllegalArgumentException("input width " + inputBits + " with " + inputs
                    + " inputs needs " + (inputBits + depth) + " output bits; allowed " + (signed ? 2 : 1) + "..63");
        }
        if (output != null && output.fractionBits() != 0) {
            throw new IllegalArgumentException("adder tree output must be an integer format, got " + output);
        }
        this.inputs = inputs;
        this.inputBits = inputBits;
        this.signed = signed;
        this.inMin = signed ? -(1L << (inputBits - 1)) : 0L;
        this.inMax = signed ? (1L << (inputBits - 1)) - 1 : (1L << inputBits) - 1;
        this.output = output;
    }

    public int inputs() {
        return inputs;
    }

    public int inputBits() {
        return inputBits;
    }

    /** Levels of adders, {@code ceil(log2 inputs)}; with a register per level, the latency in cycles. */
    public int depth() {
        return depth;
    }

    /** Width of the root of the exact tree, {@code inputBits + depth}. */
    public int exactBits() {
        return inputBits + depth;
    }

    /** Width of the value the tree delivers: the declared output's, or {@link #exactBits()}. */
    public int outputBits() {
        return output == null ? exactBits() : output.bits();
    }

    /** Number of two-input adders on level {@code level} (1..depth); each is {@code inputBits + level} bits. */
    public int addersAtLevel(int level) {
        if (level < 1 || level > depth) {
            throw new IllegalArgumentException("level must be 1.." + depth + ", got " + level);
        }
        int nodes = inputs;
        for (int k = 1; k < level; k++) {
            nodes = (nodes + 1) / 2;
        }
        return nodes / 2;
    }

    /** Total two-input adders: always {@code inputs − 1}. */
    public int adderCount() {
        return inputs - 1;
    }

    public long reduce(long[] in, int off, int len) {
        checkSlice(off, len, in.length);
        long sum = 0;
        for (int i = 0; i < len; i++) {
            long v = in[off + i];
            checkInput(v, i);
            sum += v;
        }
        return fit(sum);
    }

    public long reduce(int[] in, int off, int len) {
        checkSlice(off, len, in.length);
        long sum = 0;
        for (int i = 0; i < len; i++) {
            int v = in[off + i];
            checkInput(v, i);
            sum += v;
        }
        return fit(sum);
    }

    private long fit(long exact) {
        return output == null ? exact : output.fit(exact);
    }

    private void checkSlice(int off, int len, int length) {
        Objects.checkFromIndexSize(off, len, length);
        if (len > inputs) {
            throw new IllegalArgumentException(len + " values for an adder tree of " + inputs + " inputs");
        }
    }

    private void checkInput(long v, int index) {
        if (v < inMin || v > inMax) {
            throw new IllegalArgumentException("adder tree input " + v + " at index " + index + " does not fit "
                    + (signed ? "signed " : "unsigned ") + inputBits + " bits");
        }
    }
}
