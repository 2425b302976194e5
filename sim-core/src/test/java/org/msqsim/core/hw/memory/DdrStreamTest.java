package org.msqsim.core.hw.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.msqsim.core.engine.Simulator;
import org.msqsim.core.spec.DdrSpec;

/** A streamed layer's DDR time: the rule itself, and agreement with the controller on one idle request. */
class DdrStreamTest {

    @Test
    void latencyPlusBytesAtTheSustainedRateRoundedUp() {
        // ZedBoard-like: 32 bit x 1050 MT/s x 0.75 = 3.15 GB/s; 4096 B = 1,300,317.46 ps, rounded up.
        DdrSpec ddr = DdrControllerTest.spec(32, 1050, 0.75, DdrControllerTest.L, DdrControllerTest.T,
                DdrControllerTest.port(128, 300));
        DdrStream s = new DdrStream(3072, 1024);
        assertEquals(4096, s.bytes());
        assertEquals(DdrControllerTest.L + 1_300_318, s.latencyPs(ddr));
        assertEquals(DdrControllerTest.L, new DdrStream(0, 0).latencyPs(ddr));
        assertThrows(IllegalArgumentException.class, () -> new DdrStream(-1, 0));
    }

    /**
     * Ports slower than the DRAM (the DPU's two 128-bit masters at 287 MHz, 9.184 GB/s per direction, on
     * DDR4-2133 x64 at 0.75, 12.8 GB/s): reads and writes each at the ports' sum, the bus shared by both.
     */
    @Test
    void portsSlowerThanTheDramBoundEachDirection() {
        DdrSpec ddr = DdrControllerTest.spec(64, 2133, 0.75, DdrControllerTest.L, DdrControllerTest.T,
                DdrControllerTest.port(128, 287), DdrControllerTest.port(128, 287));
        double ports = 2 * 16 * 287e6;
        // read-only: the ports bound it
        assertEquals(DdrControllerTest.L + (long) Math.ceil(1_048_576 / ports * 1e12),
                new DdrStream(1_048_576, 0).latencyPs(ddr));
        // a balanced stream: each direction at the ports' rate would take 0.5 MiB / 9.184 GB/s, the shared
        // bus 1 MiB / 12.8 GB/s: the bus bounds it
        double sustained = 8 * 2133e6 * 0.75;
        assertEquals(DdrControllerTest.L + (long) Math.ceil(1_048_576 / sustained * 1e12),
                new DdrStream(524_288, 524_288).latencyPs(ddr));
        // more ports never slow a stream
        DdrSpec four = DdrControllerTest.spec(64, 2133, 0.75, DdrControllerTest.L, DdrControllerTest.T,
                DdrControllerTest.port(128, 287), DdrControllerTest.port(128, 287), DdrControllerTest.port(128, 287),
                DdrControllerTest.port(128, 287));
        for (long r = 0; r <= 1 << 20; r += 65_536) {
            DdrStream st = new DdrStream(r, (1 << 20) - r);
            assertTrue(st.latencyPs(four) <= st.latencyPs(ddr), r + " B read");
        }
    }

    /** Whole bursts, a port wider than the sustained rate, one request on an idle controller. */
    @ParameterizedTest(name = "{0} B, DDR {1} bit x {2} MT/s x {3}")
    @CsvSource({
        "4096,     32, 1050, 0.75",
        "1048576,  32, 1050, 0.75",
        "200704,   16, 1066, 0.75",
        "12845056, 64, 2400, 0.75",
        "1536,     32, 1000, 0.80",
    })
    void agreesWithTheControllerOnOneUncontendedRequest(long bytes, int busBits, long mtps, double eff) {
        DdrSpec ddr = DdrControllerTest.spec(busBits, mtps, eff, DdrControllerTest.L, DdrControllerTest.T,
                DdrControllerTest.port(512, 1000));
        Simulator sim = new Simulator();
        DdrController controller = new DdrController(ddr, sim);
        long[] done = new long[1];
        DdrControllerTest.issueAt(sim, controller, 0, 0, Direction.READ, bytes, done, 0);
        sim.run();
        assertEquals(done[0], new DdrStream(bytes, 0).latencyPs(ddr));
    }
}
