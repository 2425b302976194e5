package org.msqsim.core.fixed;

import java.math.BigInteger;
import java.util.Objects;

/**
 * An accumulator register of a declared integer {@link FixedFormat}, adding partial sums exactly as an
 * adder feeding back into a register does.
 *
 * <p>Each {@link #add} computes the exact sum of the register and the addend (the adder is as wide as
 * both operands) and then fits it to the register: WRAP keeps the low bits, SATURATE clamps. Saturation
 * therefore happens at every add and the result depends on the order of the addends (+max, +1, −1 ends
 * at max − 1; +1, −1, +max ends at max), which is what a saturating DSP48 or fabric accumulator does.
 * With WRAP the final value is the exact sum modulo {@code 2^bits}, whatever the order.
 *
 * <p>The overflow counter counts adds whose exact result left the register's range — what an overflow
 * detector on the adder (carry/sign mismatch) reports. With WRAP a later add can bring the value back
 * into range, so a flagged sum can still end correct; the flag is conservative, as in hardware.
 *
 * <p>To make overflow impossible instead of detected, size the register with {@link #requiredBits}
 * (exact, from the operand ranges) or {@link #finnBits} (the closed-form bound FINN uses).
 */
public final class Accumulator {

    private final FixedFormat format;
    private final boolean wrap;
    private final long min;
    private final long max;
    private long value;
    private long overflows;

    public Accumulator(FixedFormat format) {
        this.format = Objects.requireNonNull(format, "format");
        if (format.fractionBits() != 0) {
            throw new IllegalArgumentException("accumulator must be an integer format, got " + format);
        }
        this.wrap = format.overflow() == Overflow.WRAP;
        this.min = format.min();
        this.max = format.max();
    }

    public FixedFormat format() {
        return format;
    }

    /** The register's contents. */
    public long value() {
        return value;
    }

    /** Adds whose exact result left the register's range since the last reset. */
    public long overflowCount() {
        return overflows;
    }

    public boolean overflowed() {
        return overflows != 0;
    }

    /** Clears the register and the overflow counter. */
    public void reset() {
        value = 0;
        overflows = 0;
    }

    /** Clears the counter and loads {@code initial} (a bias), which must fit the register. */
    public void preload(long initial) {
        if (!format.fits(initial)) {
            throw new IllegalArgumentException("preload value " + initial + " does not fit " + format);
        }
        value = initial;
        overflows = 0;
    }

    /** One clock of the accumulator: {@code value ← fit(value + x)}. Returns the new value. */
    public long add(long x) {
        long v = value;
        long s = v + x;
        // The exact sum may leave even a long: the sign of s then disagrees with both operands'. Its
        // low 64 bits are still right (so WRAP is exact) and its true sign is the operands' sign.
        boolean longOverflow = ((v ^ s) & (x ^ s)) < 0;
        if (longOverflow || s < min || s > max) {
            overflows++;
            if (wrap) {
                s = format.wrap(s);
            } else if (longOverflow) {
                s = x < 0 ? min : max;
            } else {
                s = s < min ? min : max;
            }
        }
        value = s;
        return s;
    }

    /** {@link #add} of each of {@code xs[off..off+len)}, in order. */
    public long addAll(long[] xs, int off, int len) {
        Objects.checkFromIndexSize(off, len, xs.length);
        for (int i = 0; i < len; i++) {
            add(xs[off + i]);
        }
        return value;
    }

    /**
     * The narrowest signed width that holds every sum of up to {@code terms} products {@code w·a} with
     * {@code w ∈ [wMin, wMax]}, {@code a ∈ [aMin, aMax]}: the sums span {@code [terms·pMin, terms·pMax]}
     * with {@code pMin}, {@code pMax} the extreme corner products, and each term can reach its extreme
     * independently, so the bound is tight. Works for fixed-point weights ({@code ±2^(W−1)}) and SP2
     * weights in integer units ({@code [−2^L, 2^L]}) alike. Computed in {@link BigInteger}: the result
     * may exceed 63, in which case no {@link FixedFormat} can hold it.
     */
    public static int requiredBits(long terms, long wMin, long wMax, long aMin, long aMax) {
        if (terms < 1 || wMin > wMax || aMin > aMax) {
            throw new IllegalArgumentException("need terms >= 1 and ordered ranges, got terms=" + terms
                    + " w=[" + wMin + ", " + wMax + "] a=[" + aMin + ", " + aMax + "]");
        }
        BigInteger[] corners = {
            BigInteger.valueOf(wMin).multiply(BigInteger.valueOf(aMin)),
            BigInteger.valueOf(wMin).multiply(BigInteger.valueOf(aMax)),
            BigInteger.valueOf(wMax).multiply(BigInteger.valueOf(aMin)),
            BigInteger.valueOf(wMax).multiply(BigInteger.valueOf(aMax)),
        };
        BigInteger pMin = corners[0];
        BigInteger pMax = corners[0];
        for (BigInteger c : corners) {
            pMin = pMin.min(c);
            pMax = pMax.max(c);
        }
        BigInteger k = BigInteger.valueOf(terms);
        // BigInteger.bitLength excludes the sign bit: a signed register needs one more.
        int lowBits = k.multiply(pMin).bitLength();
        int highBits = k.multiply(pMax).bitLength();
        return Math.max(2, Math.max(lowBits, highBits) + 1); // FixedFormat's narrowest signed width
    }

    /**
     * FINN's accumulator width for a dot product of length {@code terms} with signed
     * {@code weightBits}-bit weights and {@code actBits}-bit activations (Colbert et al., arXiv
     * 2301.13376; boards.md §5): {@code ceil(α + log2(1 + 2^−α) + 1)} with
     * {@code α = log2(terms) + W + A − 1 − signed(A)}. Evaluated in integers rather than doubles (which
     * lose the tiny {@code log2(1 + 2^−α)} term for large α): {@code 2^α = N = terms·2^(W+A−1−signed(A))}
     * is an integer and {@code ceil(log2(N + 1)) = bitLength(N)}, so the width is {@code bitLength(N) + 1}.
     * It equals {@link #requiredBits} for signed activations; for unsigned ones it is at most one bit
     * wider, two for 1-bit activations with a power-of-two {@code terms} (FINN bounds {@code 2^A − 1} by
     * {@code 2^A}, and treats the extreme as positive where the true extreme {@code −2^(W−1)·(2^A−1)·K}
     * is negative and needs one bit less).
     */
    public static int finnBits(long terms, int weightBits, int actBits, boolean actSigned) {
        if (terms < 1 || weightBits < 1 || actBits < 1) {
            throw new IllegalArgumentException("need terms, weight and activation widths >= 1, got "
                    + terms + ", " + weightBits + ", " + actBits);
        }
        int e = weightBits + actBits - 1 - (actSigned ? 1 : 0);
        return BigInteger.valueOf(terms).shiftLeft(e).bitLength() + 1;
    }
}
