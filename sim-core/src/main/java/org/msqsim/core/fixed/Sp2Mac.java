package org.msqsim.core.fixed;

import java.util.Objects;

/**
 * The LUT multiplier of the SP2 core (Chang et al., "Mix and Match", HPCA 2021, arXiv 2012.04240,
 * section IV): an SP2 weight code {@code [sign | f1 | f2]} times an integer activation, built as two
 * left shifts, one add and a conditional negate, with no DSP slice.
 *
 * <p>Datapath, for an activation {@code a} of {@code A} bits and {@code L = format.fractionBits()}:
 * <pre>
 *   t1 = f1 == 0 ? 0 : a &lt;&lt; (L − f1)      shifter 1: 2^m1 choices (L−1 … 0, or zero)
 *   t2 = f2 == 0 ? 0 : a &lt;&lt; (L − f2)      shifter 2: 2^m2 choices (L−1 … L−(2^m2−1), or zero)
 *   s  = t1 + t2                          the add
 *   p  = sign ? −s : s                    conditional negate
 * </pre>
 * so {@code p == a · format.valueInt(code)} exactly: the product is in units of {@code 2^-L} of the
 * weight scale α, which the requantizer folds into its multiplier.
 *
 * <p>Widths, derived exactly rather than from the "+1 carry +1 sign" rule of thumb: a field is never
 * 0 where it shifts, so a shift is at most {@code L − 1} and a term has {@link Sp2MacStructure#termBits}
 * {@code = A + L − 1} bits; the add carries one bit ({@code A + L}); the negate adds the sign bit. The
 * product therefore needs {@code A + L + 1} signed bits, and that is tight: {@code (2^A−1)·2^L} for an
 * unsigned activation and {@code (−2^(A−1))·(−2^L)} for a signed one need every bit. The datapath keeps
 * exactly {@code productBits} bits (mask and sign-extend), so a wrong width would show as wrong bits.
 *
 * <p>Hot methods allocate nothing. Every activation is checked against its declared width, because a
 * wider value on a narrower bus would be silently truncated in hardware and the simulator must not
 * pretend otherwise.
 */
public final class Sp2Mac {

    /** Activations travel as {@code int}: at most 32 bits signed, {@code MAX_ACTIVATION_BITS − 1} unsigned. */
    public static final int MAX_ACTIVATION_BITS = 32;

    private final Sp2Format format;
    private final int activationBits;
    private final boolean activationSigned;
    private final long actMin;
    private final long actMax;
    private final int l;
    private final int m2;
    private final int mask1;
    private final int mask2;
    private final int signShift;
    private final int productDrop;
    private final Sp2MacStructure structure;

    public Sp2Mac(Sp2Format format, int activationBits, boolean activationSigned) {
        this.format = Objects.requireNonNull(format, "format");
        int maxBits = activationSigned ? MAX_ACTIVATION_BITS : MAX_ACTIVATION_BITS - 1;
        if (activationBits < (activationSigned ? 2 : 1) || activationBits > maxBits) {
            throw new IllegalArgumentException((activationSigned ? "signed" : "unsigned") + " activation width must be "
                    + (activationSigned ? 2 : 1) + ".." + maxBits + " bits, got " + activationBits);
        }
        this.activationBits = activationBits;
        this.activationSigned = activationSigned;
        this.actMin = activationSigned ? -(1L << (activationBits - 1)) : 0L;
        this.actMax = activationSigned ? (1L << (activationBits - 1)) - 1 : (1L << activationBits) - 1;
        this.l = format.fractionBits();
        this.m2 = format.m2();
        this.mask1 = (1 << format.m1()) - 1;
        this.mask2 = (1 << m2) - 1;
        this.signShift = format.m1() + m2;
        int productBits = activationBits + l + 1;
        this.productDrop = 64 - productBits;
        this.structure = new Sp2MacStructure(activationBits, activationSigned, activationBits + l - 1,
                activationBits + l, productBits, 1 << format.m1(), 1 << m2, l - format.maxExponent2(), l - 1);
    }

    public Sp2Format format() {
        return format;
    }

    /** Widths and shifter shape of one multiplier, for the LUT cost model. */
    public Sp2MacStructure structure() {
        return structure;
    }

    /** {@code activation × valueInt(code)}, exactly, as the shift-add datapath computes it. */
    public long multiply(int code, int activation) {
        checkActivation(activation, -1);
        checkCode(code);
        return product(code, activation);
    }

    /**
     * Σ {@code acts[aOff+i] × valueInt(codes[cOff+i])} for {@code i < len}: the exact sum of the
     * products (the adder tree and accumulator model their own widths). {@code len} is limited so that
     * the sum cannot leave a {@code long}.
     */
    public long dot(int[] codes, int cOff, int[] acts, int aOff, int len) {
        checkSlices(codes, cOff, acts, aOff, len);
        long sum = 0;
        for (int i = 0; i < len; i++) {
            int a = acts[aOff + i];
            checkActivation(a, i);
            int c = codes[cOff + i];
            checkCode(c);
            sum += product(c, a);
        }
        return sum;
    }

    /** Each product into {@code out[oOff+i]}: the parallel multipliers feeding an adder tree. */
    public void products(int[] codes, int cOff, int[] acts, int aOff, long[] out, int oOff, int len) {
        checkSlices(codes, cOff, acts, aOff, len);
        Objects.checkFromIndexSize(oOff, len, out.length);
        for (int i = 0; i < len; i++) {
            int a = acts[aOff + i];
            checkActivation(a, i);
            int c = codes[cOff + i];
            checkCode(c);
            out[oOff + i] = product(c, a);
        }
    }

    private long product(int code, int activation) {
        long a = activation;
        int f1 = (code >>> m2) & mask1;
        int f2 = code & mask2;
        long t1 = f1 == 0 ? 0 : a << (l - f1);
        long t2 = f2 == 0 ? 0 : a << (l - f2);
        long s = t1 + t2;
        long p = ((code >>> signShift) & 1) != 0 ? -s : s;
        return (p << productDrop) >> productDrop; // the productBits-wide register
    }

    private void checkActivation(int a, int index) {
        if (a < actMin || a > actMax) {
            throw new IllegalArgumentException("activation " + a + (index >= 0 ? " at index " + index : "")
                    + " does not fit " + (activationSigned ? "signed " : "unsigned ") + activationBits + " bits");
        }
    }

    private void checkCode(int code) {
        if ((code >>> format.bits()) != 0) {
            throw new IllegalArgumentException("SP2 code " + code + " does not fit " + format);
        }
    }

    private void checkSlices(int[] codes, int cOff, int[] acts, int aOff, int len) {
        Objects.checkFromIndexSize(cOff, len, codes.length);
        Objects.checkFromIndexSize(aOff, len, acts.length);
        if (len > structure.maxExactTerms()) {
            throw new IllegalArgumentException("dot length " + len + " could overflow a long; at most "
                    + structure.maxExactTerms() + " terms of " + structure.productBits() + " bits");
        }
    }
}
