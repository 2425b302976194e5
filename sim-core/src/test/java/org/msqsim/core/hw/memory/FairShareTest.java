package org.msqsim.core.hw.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Water-filling by hand-worked tables: groups indexed port·2 + direction, rates per transfer. */
class FairShareTest {

    @Test
    void twoCappedPortsLeaveTheRestToTheThird() {
        // 3.2 GB/s among reads on ports of 0.6, 1.2 and 4.0 GB/s: 0.6 freezes (2.6 left for two, 1.3
        // each), then 1.2 freezes, and the third takes the remaining 1.4.
        FairShare s = new FairShare(new long[] {600_000_000L, 600_000_000L, 1_200_000_000L, 1_200_000_000L,
            4_000_000_000L, 4_000_000_000L});
        s.allocate(3_200_000_000L, new int[] {1, 0, 1, 0, 1, 0});
        assertEquals(600_000_000L, s.rate(0));
        assertEquals(1_200_000_000L, s.rate(2));
        assertEquals(1_400_000_000L, s.rate(4));
        assertEquals(0, s.rate(1));
        // Nobody capped: 3.2 / 3 each, rounded down.
        s.allocate(3_200_000_000L, new int[] {0, 0, 1, 0, 2, 0});
        assertEquals(1_066_666_666L, s.rate(2));
        assertEquals(1_066_666_666L, s.rate(4));
    }

    @Test
    void transfersOfOneGroupSplitItsCeilingAndTheLevelRoundsDown() {
        FairShare s = new FairShare(new long[] {1_000, 1_000, 10_000, 10_000});
        s.allocate(10_000, new int[] {4, 0, 3, 0});
        assertEquals(250, s.rate(0));
        assertEquals(3_000, s.rate(2)); // (10000 − 4·250) / 3 = 3000
        s.allocate(10_001, new int[] {0, 0, 3, 0});
        assertEquals(3_333, s.rate(2)); // floor(10001 / 3): the total stays within capacity
    }

    @Test
    void aShareThatRoundsToZeroFailsLoudly() {
        FairShare s = new FairShare(new long[] {100, 100});
        assertThrows(IllegalStateException.class, () -> s.allocate(2, new int[] {3, 0}));
        assertThrows(IllegalStateException.class, () -> s.allocate(1_000, new int[] {101, 0}));
    }

    @Test
    void wideProductsMatchBigInteger() {
        long[][] cases = {{7, 11, 3}, {4_800_000_000L, 3_000_000_000_000L, 1_000_000_000_000L},
            {100_000_000L, 1_000_000_000_000L, 3_150_000_000L}, {Long.MAX_VALUE / 3, 5, 7}};
        for (long[] c : cases) {
            BigInteger p = BigInteger.valueOf(c[0]).multiply(BigInteger.valueOf(c[1]));
            BigInteger d = BigInteger.valueOf(c[2]);
            assertEquals(p.divide(d).longValueExact(), TransferTable.mulDivFloor(c[0], c[1], c[2]));
            assertEquals(p.mod(d).longValueExact(), TransferTable.mulMod(c[0], c[1], c[2]));
        }
    }
}
