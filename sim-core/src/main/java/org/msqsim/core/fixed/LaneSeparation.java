package org.msqsim.core.fixed;

/**
 * How the lanes of a packed DSP slice are kept apart in the shared 48-bit P.
 *
 * <ul>
 *   <li>{@link #CANARY}: FINN's tight layout (lanes {@code W+A} apart for 2 lanes, 7–8 bits apart for
 *       4), where a lower lane's running sum crosses into the lane above within a product or two;
 *       fabric beside the slice counts the crossings every cycle (a LUT6_2 canary and a carry counter
 *       per upper lane, {@code finn-rtllib/mvu/mvu_8sx8u_dsp48.sv} lines 421–439 and 484–495,
 *       {@code mvu_4sx4u.sv}), so the lanes are exact at any depth.</li>
 *   <li>{@link #GUARD_BITS}: the upper lanes pushed as high as the A path lets them go, leaving guard
 *       bits between the lanes (the idea of Xilinx WP486, {@code (a·2^18 + b)·c}). The lanes below a
 *       lane are exact while their weighted sum stays inside its offset, so up to a capacity of
 *       products fixed by the operand widths; no per-cycle fabric at all. The resolve reads each lane
 *       off P and adds the sign bit of the field below it (the borrow a negative lower sum took),
 *       which is the carry-in of the resolve adder the lane already has.</li>
 * </ul>
 * Which one a slice is built with is decided from the chain it must accumulate
 * ({@link PackedDspMac#forChain}).
 */
public enum LaneSeparation {
    CANARY,
    GUARD_BITS
}
