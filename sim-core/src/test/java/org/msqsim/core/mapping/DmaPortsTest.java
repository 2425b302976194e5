package org.msqsim.core.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The split of a DMA transfer over the AXI ports (issue 13 point 11): whole bursts, even, summing to the transfer. */
class DmaPortsTest {

    @Test
    void partsAreWholeBurstsSpreadEvenlyAndSumToTheTransfer() {
        Random rnd = new Random(13);
        int checked = 0;
        for (int ports : new int[] {1, 2, 3, 4}) {
            for (int burst : new int[] {64, 128, 1024}) {
                DmaPorts p = new DmaPorts(ports, burst);
                for (int i = 0; i < 300; i++) {
                    long bytes = 1 + rnd.nextInt(i < 100 ? 4 * burst : 200_000);
                    int parts = p.parts(bytes);
                    long bursts = (bytes + burst - 1) / burst;
                    assertEquals(Math.min(ports, bursts), parts, bytes + " B over " + ports);
                    long sum = 0;
                    long max = 0;
                    long min = Long.MAX_VALUE;
                    for (int j = 0; j < parts; j++) {
                        long b = p.partBytes(bytes, j);
                        assertTrue(b > 0);
                        if (j < parts - 1) {
                            assertEquals(0, b % burst, "only the last part ends with a partial burst");
                        }
                        sum += b;
                        max = Math.max(max, (b + burst - 1) / burst);
                        min = Math.min(min, (b + burst - 1) / burst);
                    }
                    assertEquals(bytes, sum);
                    assertTrue(max - min <= 1, "bursts spread evenly: " + min + ".." + max);
                    checked++;
                }
            }
        }
        assertEquals(3600, checked);
    }

    /** Reads (or writes) reach the sum of the ports' ceilings, at most the memory's sustained rate. */
    @Test
    void allPortsTogetherUpToTheSustainedRate() {
        // the fixtures' ports: 64 bit at 150 MHz = 1.2 GB/s each; DDR3-1066 x32 at 75 % = 3.198 GB/s
        assertEquals(1.2e9, DmaPorts.bytesPerSecond(AcceleratorFixtures.ddr(1)), 1);
        assertEquals(2.4e9, DmaPorts.bytesPerSecond(AcceleratorFixtures.ddr(2)), 1);
        assertEquals(AcceleratorFixtures.ddr(4).sustainedBytesPerSecond(),
                DmaPorts.bytesPerSecond(AcceleratorFixtures.ddr(4)), 1);
    }

    @Test
    void edgeCases() {
        DmaPorts p = new DmaPorts(4, 128);
        assertEquals(1, p.parts(1));
        assertEquals(1, p.partBytes(1, 0));
        assertEquals(4, p.parts(4 * 128 + 1));
        assertEquals(256, p.partBytes(4 * 128 + 1, 0));
        assertEquals(1, p.partBytes(4 * 128 + 1, 3), "the last part ends with the one-byte burst");
        assertEquals(2, p.parts(256));
        assertThrows(IllegalArgumentException.class, () -> p.partBytes(256, 2));
        assertThrows(IllegalArgumentException.class, () -> new DmaPorts(0, 128));
    }
}
