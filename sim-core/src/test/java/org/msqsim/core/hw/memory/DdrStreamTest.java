package org.msqsim.core.hw.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
