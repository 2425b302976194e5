package org.msqsim.models.exec;

import org.msqsim.core.hw.accel.AcceleratorRun;
import org.msqsim.models.layer.GemmLayer;

/**
 * One layer run on one accelerator.
 *
 * @param layer        the layer
 * @param sp2Fraction  the fraction of rows given SP2 (as requested)
 * @param sp2Rows      rows on the LUT core
 * @param fixedRows    rows on the DSP core
 * @param run          what the accelerator measured
 * @param checked      true when values were computed and compared (not timing-only)
 * @param mismatches   outputs that differ from the golden reference (0 when bit-exact)
 * @param firstMismatch a description of the first differing output, or empty
 */
public record LayerRun(GemmLayer layer, double sp2Fraction, int sp2Rows, int fixedRows, AcceleratorRun run,
                       boolean checked, long mismatches, String firstMismatch) {

    public boolean bitExact() {
        return checked && mismatches == 0;
    }
}
