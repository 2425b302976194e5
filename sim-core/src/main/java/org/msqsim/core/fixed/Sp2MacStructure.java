package org.msqsim.core.fixed;

/**
 * The shape of one SP2 shift-add multiplier ({@link Sp2Mac}), as the LUT cost model needs it: each term
 * bit is a {@code shifterNInputs}-to-1 multiplexer (one input per shift amount plus the zero input),
 * the add is a {@code sumBits}-wide carry chain, the negate an XOR row plus carry-in.
 *
 * @param activationBits   declared activation width A
 * @param activationSigned whether activations are two's complement
 * @param termBits         width of one shifted term, {@code A + L − 1} (largest shift is L − 1)
 * @param sumBits          width of {@code t1 + t2}, {@code A + L}
 * @param productBits      signed width of the product after the conditional negate, {@code A + L + 1}
 * @param shifter1Inputs   multiplexer inputs of shifter 1, {@code 2^m1} (shifts 0..L−1 and zero)
 * @param shifter2Inputs   multiplexer inputs of shifter 2, {@code 2^m2}
 * @param shifter2MinShift smallest shift of term 2, {@code L − (2^m2 − 1)}; its largest is {@code L − 1}
 * @param maxShift         largest shift of either term, {@code L − 1}
 */
public record Sp2MacStructure(int activationBits, boolean activationSigned, int termBits, int sumBits,
        int productBits, int shifter1Inputs, int shifter2Inputs, int shifter2MinShift, int maxShift) {

    /** Most products whose exact sum cannot overflow a {@code long}: {@code 2^(63 − productBits)}. */
    public long maxExactTerms() {
        return 1L << (63 - productBits);
    }
}
