package org.msqsim.core.fixed;

/**
 * The two Xilinx DSP slice generations the accelerators use, with the port widths that bound what
 * one slice can multiply and accumulate.
 *
 * <p>Sources: FINN's RTL sets the multiplier's A datapath to {@code A_WIDTH = 23 + 2*VERSION}
 * (25 for DSP48E1, 27 for DSP48E2) and feeds an 18-bit B port ({@code finn-rtllib/mvu/mvu_4sx4u.sv},
 * {@code mvu_8sx8u_dsp48.sv}; facts/boards.md §1). UG479 (7 Series DSP48E1) and UG579 (UltraScale
 * DSP48E2) give the 25×18 and 27×18 two's-complement multipliers and the 48-bit P accumulator; UG953
 * states that only A[24:0] of the 30-bit A port reach the DSP48E1 multiplier and pre-adder.
 */
public enum DspKind {
    /** 7-series / Zynq-7000: 25×18 signed multiplier, 48-bit P (UG479). */
    DSP48E1(25, 18, 48),
    /** UltraScale / UltraScale+: 27×18 signed multiplier, 48-bit P (UG579). */
    DSP48E2(27, 18, 48);

    private final int aBits;
    private final int bBits;
    private final int pBits;

    DspKind(int aBits, int bBits, int pBits) {
        this.aBits = aBits;
        this.bBits = bBits;
        this.pBits = pBits;
    }

    /** Width of the signed multiplier input on the A (pre-adder) side; the pre-adder output wraps here. */
    public int aBits() {
        return aBits;
    }

    /** Width of the signed multiplier input on the B side. */
    public int bBits() {
        return bBits;
    }

    /** Width of the P accumulator register; sums wrap (two's complement) at this width. */
    public int pBits() {
        return pBits;
    }

    /**
     * Bits an operand of {@code bits} bits occupies on a signed multiplier port: an unsigned operand
     * needs one extra bit for the always-zero sign.
     */
    static int signedPortBits(int bits, boolean signed) {
        return signed ? bits : bits + 1;
    }

    /** {@code raw} wrapped (low bits kept, sign-extended) to a signed register of {@code bits} bits. */
    static long wrapSigned(long raw, int bits) {
        int drop = 64 - bits;
        return (raw << drop) >> drop;
    }
}
