package org.msqsim.boards;

import java.math.BigDecimal;

/** Shows a clock held in Hz the way board files write it, in MHz without trailing zeros. */
final class Mhz {
    private Mhz() {
    }

    static String show(long hz) {
        return BigDecimal.valueOf(hz).movePointLeft(6).stripTrailingZeros().toPlainString();
    }
}
