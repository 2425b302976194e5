package org.msqsim.core.spec;

import org.msqsim.core.fixed.DspKind;

/**
 * The device families msqsim models; the family fixes the DSP slice and the carry-chain length that
 * the LUT cost model uses (7-series CARRY4: 4 bits per slice, UG474; UltraScale+ CARRY8: 8 bits per
 * CLB, UG574).
 */
public enum FpgaFamily {
    /** Zynq-7000 and other 7-series parts: DSP48E1, CARRY4, no URAM. */
    SERIES7(DspKind.DSP48E1, 4),
    /** Zynq UltraScale+, Kria, Alveo: DSP48E2, CARRY8, URAM on some parts. */
    ULTRASCALE_PLUS(DspKind.DSP48E2, 8);

    private final DspKind dsp;
    private final int carryBits;

    FpgaFamily(DspKind dsp, int carryBits) {
        this.dsp = dsp;
        this.carryBits = carryBits;
    }

    public DspKind dsp() {
        return dsp;
    }

    /** Bits of one carry-chain primitive (CARRY4 or CARRY8). */
    public int carryBits() {
        return carryBits;
    }
}
