package org.msqsim.core.fixed;

/**
 * A fixed-point number format over a raw {@code long}: total width, fraction bits, signedness, and
 * what happens on rounding and overflow. The raw integer {@code r} denotes {@code r · 2^-fractionBits}.
 *
 * <p>Invariant: every raw value this class returns lies in {@code [min(), max()]}. Wrapping is an
 * explicit mask and sign extension, exactly the bits a register of {@code bits} width keeps.
 *
 * @param bits         total width, 1..63 (signed formats need at least 2)
 * @param fractionBits bits right of the binary point, 0..bits (may equal bits for pure fractions)
 * @param signed       two's complement if true, else unsigned
 * @param rounding     how {@link #rescale} and {@link #fromDouble} drop fraction bits
 * @param overflow     what {@link #fit} does with an out-of-range value
 */
public record FixedFormat(int bits, int fractionBits, boolean signed, Rounding rounding, Overflow overflow) {

    public FixedFormat {
        if (bits < (signed ? 2 : 1) || bits > 63) {
            throw new IllegalArgumentException((signed ? "signed" : "unsigned") + " width must be "
                    + (signed ? 2 : 1) + "..63 bits, got " + bits);
        }
        if (fractionBits < 0 || fractionBits > bits) {
            throw new IllegalArgumentException("fraction bits must be 0.." + bits + ", got " + fractionBits);
        }
        if (rounding == null || overflow == null) {
            throw new IllegalArgumentException("rounding and overflow modes are required");
        }
    }

    /** A signed integer format (no fraction bits), truncating, with the given overflow mode. */
    public static FixedFormat signedInt(int bits, Overflow overflow) {
        return new FixedFormat(bits, 0, true, Rounding.TRUNCATE, overflow);
    }

    /** An unsigned integer format (no fraction bits), truncating, with the given overflow mode. */
    public static FixedFormat unsignedInt(int bits, Overflow overflow) {
        return new FixedFormat(bits, 0, false, Rounding.TRUNCATE, overflow);
    }

    public long min() {
        return signed ? -(1L << (bits - 1)) : 0L;
    }

    public long max() {
        return signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
    }

    public boolean fits(long raw) {
        return raw >= min() && raw <= max();
    }

    /** The low {@code bits} bits of {@code raw}, sign-extended if signed: what a register keeps. */
    public long wrap(long raw) {
        int drop = 64 - bits;
        return signed ? (raw << drop) >> drop : (raw << drop) >>> drop;
    }

    /** {@code raw} clamped to {@code [min(), max()]}. */
    public long saturate(long raw) {
        return Math.max(min(), Math.min(max(), raw));
    }

    /** {@code raw} brought into range by this format's overflow mode. */
    public long fit(long raw) {
        return overflow == Overflow.WRAP ? wrap(raw) : saturate(raw);
    }

    /** Raw value of {@code x}, rounded by this format's rounding mode and fitted by its overflow mode. */
    public long fromDouble(double x) {
        if (Double.isNaN(x)) {
            throw new IllegalArgumentException("NaN has no fixed-point value");
        }
        double scaled = Math.scalb(x, fractionBits);
        double floor = Math.floor(scaled);
        // Compare with the midpoint instead of subtracting: floor + 0.5 is exact while |floor| < 2^52,
        // and beyond that every double is an integer, which the first branch returns unchanged.
        double half = floor + 0.5;
        double r;
        switch (scaled == floor ? Rounding.TRUNCATE : rounding) {
            case TRUNCATE:
                r = floor;
                break;
            case HALF_UP:
                r = scaled >= half ? floor + 1 : floor;
                break;
            case HALF_AWAY:
                r = scaled > half || (scaled == half && scaled > 0) ? floor + 1 : floor;
                break;
            case HALF_EVEN:
                r = Math.rint(scaled);
                break;
            case TOWARD_ZERO:
                r = scaled < 0 ? floor + 1 : floor;
                break;
            default:
                throw new AssertionError(rounding);
        }
        // Doubles in [-2^63, 2^63) convert to long exactly (they are integers here), so wrapping keeps
        // the true low bits; beyond that the value has no 64-bit two's complement form.
        if (r >= 0x1p63 || r < -0x1p63) {
            if (overflow == Overflow.SATURATE) {
                return r > 0 ? max() : min();
            }
            throw new IllegalArgumentException(x + " is beyond 2^63 and cannot wrap into " + this);
        }
        return fit((long) r);
    }

    public double toDouble(long raw) {
        return Math.scalb((double) raw, -fractionBits);
    }

    /**
     * A raw value of format {@code from} converted to this format: fraction bits aligned by a left
     * shift (exact) or a right shift rounded by this format's mode, then fitted by its overflow mode.
     * The input must be a valid value of {@code from}.
     */
    public long rescale(long raw, FixedFormat from) {
        int d = fractionBits - from.fractionBits;
        long aligned;
        if (d >= 0) {
            // A left shift of a value wider than 63 bits cannot be represented: saturate or wrap exactly.
            if (d > 0 && (raw > (Long.MAX_VALUE >> d) || raw < (Long.MIN_VALUE >> d))) {
                return overflow == Overflow.SATURATE ? (raw > 0 ? max() : min()) : wrap(raw << d);
            }
            aligned = raw << d;
        } else {
            aligned = rounding.shiftRight(raw, -d);
        }
        return fit(aligned);
    }

    /** Two raw values added at this width, overflow handled by this format's mode. */
    public long add(long a, long b) {
        return fit(a + b);
    }

    @Override
    public String toString() {
        return (signed ? "s" : "u") + bits + "." + fractionBits + "/" + rounding.name().toLowerCase()
                + "/" + overflow.name().toLowerCase();
    }
}
