package org.msqsim.models.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.msqsim.boards.BoardCatalog;
import org.msqsim.core.spec.AcceleratorSpec;

/** Which core a fraction of SP2 rows needs, on designs with both cores, only one, at the ends of [0, 1]. */
class MsqBalanceTest {
    private static final AcceleratorSpec BOTH = BoardCatalog.get("zc706").accelerator();
    private static final AcceleratorSpec DSP_ONLY = BOTH.withCores(BOTH.dspCore(), Optional.empty());
    private static final AcceleratorSpec LUT_ONLY = BOTH.withCores(Optional.empty(), BOTH.lutCore());

    @Test
    void aFractionNeedsTheCoresItsRowsRunOn() {
        assertEquals(Optional.empty(), MsqBalance.missingCore(BOTH, 0.0));
        assertEquals(Optional.empty(), MsqBalance.missingCore(BOTH, 0.5));
        assertEquals(Optional.empty(), MsqBalance.missingCore(BOTH, 1.0));
        assertEquals(Optional.empty(), MsqBalance.missingCore(DSP_ONLY, 0.0));
        assertEquals(Optional.of("a LUT core"), MsqBalance.missingCore(DSP_ONLY, 0.5));
        assertEquals(Optional.of("a LUT core"), MsqBalance.missingCore(DSP_ONLY, 1.0));
        assertEquals(Optional.empty(), MsqBalance.missingCore(LUT_ONLY, 1.0));
        // SP2 rows present, fixed-point rows present: the LUT core is there, the DSP core is what is missing
        assertEquals(Optional.of("a DSP core"), MsqBalance.missingCore(LUT_ONLY, 0.5));
        assertEquals(Optional.of("a DSP core"), MsqBalance.missingCore(LUT_ONLY, 0.0));
    }
}
