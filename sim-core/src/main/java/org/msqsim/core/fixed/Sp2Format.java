package org.msqsim.core.fixed;

import java.util.Arrays;

/**
 * Bit layout and integer meaning of a sum-of-power-of-2 (SP2) weight code, after Chang et al.,
 * "Mix and Match", HPCA 2021 (arXiv 2012.04240), section III: a weight is {@code ±α·(q1 + q2)} with
 * {@code q1 ∈ {0, 2^-1, …, 2^-(2^m1 − 1)}} and {@code q2 ∈ {0, 2^-1, …, 2^-(2^m2 − 1)}}, and
 * {@code bits = 1 + m1 + m2}.
 *
 * <p>Generalised split (our choice; the paper gives only 4 bits = 1+2+1): {@code m1 = ceil((bits-1)/2)},
 * {@code m2 = floor((bits-1)/2)}, so 4 bits → (2, 1) and 8 bits → (4, 3) as the paper and the issue
 * require, and q1 always has at least as many levels as q2.
 *
 * <p>Code layout, most significant bit first: {@code [sign | f1 (m1 bits) | f2 (m2 bits)]}. A field
 * value {@code f = 0} means that term is 0; {@code f = j > 0} means {@code 2^-j}. The sign bit set
 * means negative. The datapath therefore needs no decoder beyond the fields themselves: the shift
 * amount of a term is {@code fractionBits − f}.
 *
 * <p>Integer meaning: with {@code L = fractionBits() = 2^m1 − 1} (the finest q1 step), the weight's
 * magnitude in units of {@code 2^-L} is {@code (f1 ≠ 0 ? 2^(L−f1) : 0) + (f2 ≠ 0 ? 2^(L−f2) : 0)}, at
 * most {@code 2^L} (q1 = q2 = 1/2). The real weight is {@code α · valueInt(code) / 2^L}.
 *
 * <p>Several codes can denote the same magnitude (1/2 = q1 or q2); {@link #codeOf} returns one
 * canonical code per magnitude: the one with the smallest f2 (so {@code f2 = 0}, a single term, when
 * possible), then the smallest f1. Zero is always code 0 (positive sign). Codes with bits set above
 * {@code bits} are rejected.
 */
public final class Sp2Format {

    /**
     * Widest SP2 code supported: at 9 bits L = 2^4 − 1 = 15, so a magnitude needs 16 bits and a
     * product with a 16-bit activation still fits a 32-bit int.
     */
    public static final int MAX_BITS = 9;

    private final int bits;
    private final int m1;
    private final int m2;
    /** magnitude → canonical positive code, or −1 where the magnitude is not a level. */
    private final int[] canonical;

    public Sp2Format(int bits, int m1, int m2) {
        if (bits < 3 || bits > MAX_BITS) {
            throw new IllegalArgumentException("SP2 width must be 3.." + MAX_BITS + " bits, got " + bits);
        }
        if (m1 < 1 || m2 < 1 || 1 + m1 + m2 != bits || m2 > m1) {
            throw new IllegalArgumentException(
                    "SP2 split needs 1 + m1 + m2 = bits with 1 <= m2 <= m1, got bits=" + bits + " m1=" + m1 + " m2=" + m2);
        }
        this.bits = bits;
        this.m1 = m1;
        this.m2 = m2;
        this.canonical = canonicalTable();
    }

    public int bits() {
        return bits;
    }

    public int m1() {
        return m1;
    }

    public int m2() {
        return m2;
    }

    /** The canonical split of {@code bits} (see class comment). */
    public static Sp2Format of(int bits) {
        if (bits < 3 || bits > MAX_BITS) {
            throw new IllegalArgumentException("SP2 width must be 3.." + MAX_BITS + " bits, got " + bits);
        }
        int m1 = bits / 2; // ceil((bits-1)/2)
        return new Sp2Format(bits, m1, bits - 1 - m1);
    }

    /** L: the largest exponent of q1; magnitudes are integers in units of 2^-L. */
    public int fractionBits() {
        return (1 << m1) - 1;
    }

    /** Largest exponent of q2. */
    public int maxExponent2() {
        return (1 << m2) - 1;
    }

    /** Integer magnitude of the largest level (q1 = q2 = 1/2), i.e. 2^L. */
    public int maxMagnitudeInt() {
        return 1 << fractionBits();
    }

    public boolean isNegative(int code) {
        return ((code >>> (m1 + m2)) & 1) != 0;
    }

    public int field1(int code) {
        return (code >>> m2) & ((1 << m1) - 1);
    }

    public int field2(int code) {
        return code & ((1 << m2) - 1);
    }

    public int encode(boolean negative, int f1, int f2) {
        if (f1 < 0 || f1 >= (1 << m1) || f2 < 0 || f2 >= (1 << m2)) {
            throw new IllegalArgumentException("SP2 fields out of range: f1=" + f1 + " f2=" + f2 + " for " + this);
        }
        return (negative ? 1 << (m1 + m2) : 0) | (f1 << m2) | f2;
    }

    /** Unsigned magnitude of a code in units of 2^-L. */
    public int magnitudeInt(int code) {
        if ((code >>> bits) != 0) {
            throw new IllegalArgumentException("code " + code + " has bits beyond the " + bits + "-bit " + this);
        }
        int l = fractionBits();
        int f1 = field1(code);
        int f2 = field2(code);
        return (f1 == 0 ? 0 : 1 << (l - f1)) + (f2 == 0 ? 0 : 1 << (l - f2));
    }

    /** Signed value of a code in units of 2^-L. */
    public int valueInt(int code) {
        int mag = magnitudeInt(code);
        return isNegative(code) ? -mag : mag;
    }

    /** Value of a code in units of α. */
    public double value(int code) {
        return valueInt(code) / (double) maxMagnitudeInt();
    }

    /** Number of distinct codes, {@code 2^bits}. */
    public int codeCount() {
        return 1 << bits;
    }

    /** The distinct magnitudes (units of 2^-L), ascending, zero first. */
    public int[] magnitudes() {
        int[] table = canonical;
        int n = 0;
        for (int code : table) {
            if (code >= 0) {
                n++;
            }
        }
        int[] out = new int[n];
        int i = 0;
        for (int mag = 0; mag < table.length; mag++) {
            if (table[mag] >= 0) {
                out[i++] = mag;
            }
        }
        return out;
    }

    /**
     * The canonical code of a magnitude and sign.
     *
     * @throws IllegalArgumentException if {@code magnitudeInt} is not a level of this format
     */
    public int codeOf(int magnitudeInt, boolean negative) {
        int[] table = canonical;
        if (magnitudeInt < 0 || magnitudeInt >= table.length || table[magnitudeInt] < 0) {
            throw new IllegalArgumentException(magnitudeInt + " is not an SP2 magnitude of " + this);
        }
        int code = table[magnitudeInt];
        return magnitudeInt == 0 || !negative ? code : code | (1 << (m1 + m2));
    }

    private int[] canonicalTable() {
        int l = fractionBits();
        int[] table = new int[(1 << l) + 1];
        Arrays.fill(table, -1);
        // Order of preference: ascending f2 (f2 = 0 first), then ascending f1.
        for (int f2 = 0; f2 < (1 << m2); f2++) {
            for (int f1 = 0; f1 < (1 << m1); f1++) {
                int code = (f1 << m2) | f2;
                int mag = magnitudeInt(code);
                if (table[mag] < 0) {
                    table[mag] = code;
                }
            }
        }
        return table;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sp2Format f && f.bits == bits && f.m1 == m1 && f.m2 == m2;
    }

    @Override
    public int hashCode() {
        return (bits * 31 + m1) * 31 + m2;
    }

    @Override
    public String toString() {
        return "SP2(" + bits + " bits: m1=" + m1 + ", m2=" + m2 + ")";
    }
}
