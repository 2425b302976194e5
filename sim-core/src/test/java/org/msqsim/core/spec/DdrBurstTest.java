package org.msqsim.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link DdrSpec#bytesOnBus}: AXI bursts of variable length, each rounded to the controller's data
 * unit (one DRAM BL8 burst or one AXI beat, the larger), never to a whole maximum-length burst.
 */
class DdrBurstTest {
    /** ZC706's PL DDR3: 64-bit DDR3-1600 behind one 512-bit MIG port, bursts of at most 1 KiB. */
    private static final DdrSpec ZC706_PL = new DdrSpec("DDR3-1600 x64", 64, 1600, 0.75, 1024, 100_000, 25_000,
            List.of(new AxiPortSpec("mig", 512, 200_000_000L)));
    /** PYNQ-Z2's PS DDR3: 16-bit, 64-bit HP ports, 128 B bursts. */
    private static final DdrSpec PYNQ = new DdrSpec("DDR3-1066 x16", 16, 1050, 0.75, 128, 120_000, 30_000,
            List.of(new AxiPortSpec("hp0", 64, 100_000_000L)));
    /** U250: four 64-bit DDR4 channels, one 512-bit port each. */
    private static final DdrSpec U250 = new DdrSpec("DDR4-2400 4 x64", 256, 2400, 0.75, 1024, 100_000, 20_000,
            List.of(new AxiPortSpec("d0", 512, 300_000_000L), new AxiPortSpec("d1", 512, 300_000_000L),
                    new AxiPortSpec("d2", 512, 300_000_000L), new AxiPortSpec("d3", 512, 300_000_000L)), 4);

    @Test
    void dramBurstIsEightBeatsOfOneChannel() {
        assertEquals(64, ZC706_PL.dramBurstBytes());
        assertEquals(16, PYNQ.dramBurstBytes());
        assertEquals(64, U250.dramBurstBytes());
    }

    @ParameterizedTest(name = "{0} B on ZC706's MIG move as {1} B")
    @CsvSource({
        "512,    512",     // the output tile: 512 B, not a whole 1 KiB burst
        "100352, 100352",  // ResNet-18's 7x7x512 output at 4 bit: whole 64 B units
        "1,      64",      // one byte still takes a whole BL8 of the 64-bit bus (= one 512-bit beat)
        "1025,   1088",    // one full burst and a 1-byte burst of one unit
        "3000,   3008",
    })
    void zc706(long bytes, long onBus) {
        assertEquals(onBus, ZC706_PL.bytesOnBus(0, bytes));
    }

    @ParameterizedTest(name = "{0} B on PYNQ-Z2's HP port move as {1} B")
    @CsvSource({
        "1,    16",  // BL8 of a 16-bit bus = 16 B, two 64-bit beats
        "128,  128",
        "129,  144",
        "1000, 1008",
    })
    void pynq(long bytes, long onBus) {
        assertEquals(onBus, PYNQ.bytesOnBus(0, bytes));
    }

    @Test
    void neverLessThanTheBytesNorMoreThanOneUnitPerBurst() {
        for (DdrSpec d : List.of(ZC706_PL, PYNQ, U250)) {
            long unit = Math.max(d.ports().get(0).widthBits() / 8, d.dramBurstBytes());
            for (long b = 1; b < 5000; b += 7) {
                long on = d.bytesOnBus(0, b);
                long bursts = (b + d.burstBytes() - 1) / d.burstBytes();
                assertEquals(0, on % unit, d.type() + " " + b);
                assertEquals(true, on >= b && on < b + bursts * unit, d.type() + " " + b + " -> " + on);
            }
        }
    }
}
