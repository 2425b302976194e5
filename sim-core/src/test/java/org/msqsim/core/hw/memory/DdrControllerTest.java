package org.msqsim.core.hw.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.msqsim.core.engine.Simulator;
import org.msqsim.core.event.EventHandler;
import org.msqsim.core.spec.AxiPortSpec;
import org.msqsim.core.spec.DdrSpec;
import org.msqsim.core.time.Time;

/** Exact timing of single and concurrent transfers, water-filling, turnaround and counters. */
class DdrControllerTest {

    static final long L = Time.ns(100);
    static final long T = Time.ns(50);

    static DdrSpec spec(int busBits, long mtps, double eff, long latency, long turnaround, AxiPortSpec... ports) {
        return new DdrSpec("test DDR", busBits, mtps, eff, 128, latency, turnaround, List.of(ports));
    }

    static AxiPortSpec port(int bits, long mhz) {
        return new AxiPortSpec("HP" + bits + "@" + mhz, bits, mhz * 1_000_000);
    }

    /** ceil(bytes · 10^12 / rate) ps, computed independently with BigInteger. */
    static long ceilPs(long bytes, long rate) {
        BigInteger[] qr = BigInteger.valueOf(bytes).multiply(BigInteger.valueOf(Time.PS_PER_S))
                .divideAndRemainder(BigInteger.valueOf(rate));
        return qr[0].longValueExact() + (qr[1].signum() == 0 ? 0 : 1);
    }

    /** Issues a transfer at {@code atPs} and records its completion time in {@code done[index]}. */
    static void issueAt(Simulator sim, DdrController ddr, long atPs, int port, Direction dir, long bytes,
                        long[] done, int index) {
        sim.schedule(atPs, 0, t -> ddr.transfer(port, dir, bytes, u -> done[index] = u));
    }

    @ParameterizedTest(name = "{0} B on a {1}-bit {2} MHz port")
    @CsvSource({
        // bytes, port bits, port MHz, DDR bits, MT/s, efficiency, bytes on the bus, limiting rate (B/s)
        "1000,      64, 100, 16, 1050, 0.75, 1008,      800000000",  // PYNQ-Z2: the HP port limits; 16 B BL8 units
        "4096,     128, 300, 32, 1050, 0.75, 4096,     3150000000",  // ZedBoard: 75 % of 4.2 GB/s limits
        "4097,     128, 300, 32, 1050, 0.75, 4128,     3150000000",  // a partial burst fills its last BL8 (32 B)
        "1,         64, 150, 32, 1000, 0.80, 32,       1200000000",  // one byte still moves a whole BL8
        "100000000, 128, 300, 64, 2400, 0.75, 100000000, 4800000000", // 100 MB: the wide-arithmetic path
    })
    void singleTransferTakesLatencyPlusBurstsOverTheTighterLimit(long bytes, int bits, long mhz, int busBits,
                                                                 long mtps, double eff, long onBus, long rate) {
        Simulator sim = new Simulator();
        DdrController ddr = new DdrController(spec(busBits, mtps, eff, L, T, port(bits, mhz)), sim);
        long[] done = new long[1];
        issueAt(sim, ddr, 0, 0, Direction.READ, bytes, done, 0);
        sim.run();
        assertEquals(L + ceilPs(onBus, rate), done[0]);
        assertEquals(onBus, ddr.stats().bytesRead());
        assertEquals(ceilPs(onBus, rate), ddr.stats().busyPs());
    }

    @Test
    void handWorkedExamples() {
        // 1024 B at 800 MB/s = 1.28 us; 4096 B at 3.15 GB/s = 1,300,317.46 ps, rounded up.
        assertEquals(1_280_000, ceilPs(1024, 800_000_000));
        assertEquals(1_300_318, ceilPs(4096, 3_150_000_000L));
    }

    @Test
    void twoEqualReadsOnTwoPortsShareTheSustainedBandwidthAndFinishTogether() {
        Simulator sim = new Simulator();
        DdrController ddr = new DdrController(spec(32, 1050, 0.75, L, T, port(128, 300), port(128, 300)), sim);
        long[] done = new long[2];
        issueAt(sim, ddr, 0, 0, Direction.READ, 1 << 20, done, 0);
        issueAt(sim, ddr, 0, 1, Direction.READ, 1 << 20, done, 1);
        sim.run();
        assertEquals(L + ceilPs(1 << 20, 1_575_000_000L), done[0]);
        assertEquals(done[0], done[1]);
        assertEquals(2, ddr.stats().peakActiveTransfers());
    }

    @Test
    void aPortCappedTransferLeavesTheRestToTheOther() {
        // Sustained 4 GB/s x 0.8 = 3.2 GB/s; port A 64 bit @ 150 MHz = 1.2 GB/s, port B 4 GB/s.
        Simulator sim = new Simulator();
        DdrController ddr = new DdrController(spec(32, 1000, 0.8, L, T, port(64, 150), port(128, 250)), sim);
        assertEquals(3_200_000_000L, ddr.sustainedBytesPerSecond());
        long[] done = new long[2];
        issueAt(sim, ddr, 0, 0, Direction.READ, 1_200_000, done, 0);
        issueAt(sim, ddr, 0, 1, Direction.READ, 4_000_000, done, 1);
        sim.run();
        // A at 1.2 GB/s for 1 ms; B at 2.0 GB/s meanwhile (2 MB), then alone at 3.2 GB/s for 2 MB.
        assertEquals(L + Time.ms(1), done[0]);
        assertEquals(L + Time.ms(1) + Time.us(625), done[1]);
    }

    @Test
    void transfersOnOnePortShareItsCeilingAndReadsAndWritesHaveSeparateChannels() {
        Simulator sim = new Simulator();
        DdrController ddr = new DdrController(spec(32, 1000, 0.8, L, 0, port(64, 150), port(128, 250)), sim);
        List<long[]> rates = new ArrayList<>();
        ddr.probe((from, to, id, p, dir, rate) -> rates.add(new long[] {id, rate}));
        long[] done = new long[3];
        issueAt(sim, ddr, 0, 0, Direction.READ, 768_000, done, 0);
        issueAt(sim, ddr, 0, 0, Direction.READ, 768_000, done, 1);
        issueAt(sim, ddr, 0, 0, Direction.WRITE, 1_536_000, done, 2);
        sim.run();
        // Both reads share port A's read channel (0.6 GB/s each); the write has its own 1.2 GB/s.
        assertEquals(L + Time.us(1280), done[0]);
        assertEquals(L + Time.us(1280), done[1]);
        assertEquals(L + Time.us(1280), done[2]);
        assertTrue(rates.stream().allMatch(r -> r[1] == (r[0] == 2 ? 1_200_000_000L : 600_000_000L)));
    }

    @Test
    void aWriteJoiningReadsCostsExactlyOneTurnaround() {
        long[] withT = runReadAndWrite(T, 1 << 20, 1 << 20);
        long[] without = runReadAndWrite(0, 1 << 20, 1 << 20);
        assertEquals(without[0] + T, withT[0]);
        assertEquals(without[1] + T, withT[1]);
        assertEquals(withT[0], withT[1]);
    }

    @Test
    void aShortWriteAmongReadsCostsTwoTurnaroundsToTheReadAndOneToTheWrite() {
        Simulator sim = new Simulator();
        DdrController ddr = new DdrController(spec(32, 1000, 0.8, L, T, port(128, 250), port(128, 250)), sim);
        long[] done = new long[2];
        issueAt(sim, ddr, 0, 0, Direction.READ, 2 << 20, done, 0);
        issueAt(sim, ddr, 0, 1, Direction.WRITE, 1 << 20, done, 1);
        sim.run();
        long[] without = runReadAndWrite(0, 2 << 20, 1 << 20);
        assertEquals(without[0] + 2 * T, done[0]);
        assertEquals(without[1] + T, done[1]);
        assertEquals(2, ddr.stats().turnarounds());
        assertEquals(2 * T, ddr.stats().turnaroundPs());
    }

    private static long[] runReadAndWrite(long turnaround, long readBytes, long writeBytes) {
        Simulator sim = new Simulator();
        DdrController ddr = new DdrController(spec(32, 1000, 0.8, L, turnaround, port(128, 250), port(128, 250)), sim);
        long[] done = new long[2];
        issueAt(sim, ddr, 0, 0, Direction.READ, readBytes, done, 0);
        issueAt(sim, ddr, 0, 1, Direction.WRITE, writeBytes, done, 1);
        sim.run();
        assertEquals(turnaround == 0 ? 0 : turnaround * ddr.stats().turnarounds(), ddr.stats().turnaroundPs());
        return done;
    }

    @ParameterizedTest(name = "write data starts {0} ps after the read ends")
    @CsvSource({"0, 50000", "20000, 30000", "50000, 0", "900000, 0"})
    void anIdleBusAbsorbsTheTurnaround(long idle, long expectedLoss) {
        Simulator sim = new Simulator();
        DdrController ddr = new DdrController(spec(32, 1000, 0.8, L, T, port(128, 250)), sim);
        long readEnd = L + ceilPs(3_200_000, 3_200_000_000L);
        long[] done = new long[2];
        issueAt(sim, ddr, 0, 0, Direction.READ, 3_200_000, done, 0);
        issueAt(sim, ddr, readEnd + idle - L, 0, Direction.WRITE, 3_200_000, done, 1);
        sim.run();
        assertEquals(readEnd, done[0]);
        assertEquals(readEnd + idle + expectedLoss + Time.ms(1), done[1]);
        assertEquals(expectedLoss, ddr.stats().turnaroundPs());
    }

    @Test
    void countersAddUpAndUtilisationIsBytesOverSustainedTimesElapsed() {
        Simulator sim = new Simulator();
        DdrController ddr = new DdrController(spec(32, 1000, 0.8, L, 0, port(128, 250), port(64, 150)), sim);
        long[] done = new long[3];
        issueAt(sim, ddr, 0, 0, Direction.READ, 3_200_000, done, 0);
        issueAt(sim, ddr, Time.ms(2), 1, Direction.WRITE, 1000, done, 1);
        issueAt(sim, ddr, Time.ms(2), 1, Direction.READ, 1, done, 2);
        sim.run();
        assertEquals(3_200_000, ddr.stats().bytesRead(0));
        assertEquals(1024, ddr.stats().bytesWritten(1));
        assertEquals(32, ddr.stats().bytesRead(1), "one byte moves one BL8 of the 32-bit bus");
        assertEquals(3_200_000 + 1024 + 32, ddr.stats().bytes());
        assertEquals(3, ddr.stats().transfersIssued());
        assertEquals(3, ddr.stats().transfersCompleted());
        assertEquals(0, ddr.inFlight());
        assertEquals(0.5, ddr.bandwidthUtilisation(Time.ms(2)) - (1024 + 32) / 6.4e6, 1e-12);
    }

    @Test
    void onDoneMayIssueTheNextTransferAtOnce() {
        Simulator sim = new Simulator();
        DdrController ddr = new DdrController(spec(16, 1050, 0.75, L, T, port(64, 100)), sim);
        long[] last = new long[1];
        int[] left = {10};
        EventHandler[] next = new EventHandler[1];
        next[0] = t -> {
            last[0] = t;
            if (left[0]-- > 0) {
                ddr.transfer(0, Direction.READ, 1024, next[0]);
            }
        };
        sim.schedule(0, 0, next[0]);
        sim.run();
        assertEquals(10 * (L + Time.ns(1280)), last[0]);
    }

    @Test
    void anArrivalAtTheInstantAnotherTransferIsDueStillCompletesItThen() {
        Simulator sim = new Simulator();
        DdrController ddr = new DdrController(spec(16, 1050, 0.75, 0, 0, port(64, 100)), sim);
        long[] done = new long[2];
        long due = Time.ns(1280);
        issueAt(sim, ddr, due, 0, Direction.READ, 1024, done, 1); // scheduled first: fires before the completion
        issueAt(sim, ddr, 0, 0, Direction.READ, 1024, done, 0);
        sim.run();
        assertEquals(due, done[0]);
        assertEquals(2 * due, done[1]);
    }

    @Test
    void rejectsEmptyOrMalformedTransfersNamingTheProblem() {
        DdrController ddr = new DdrController(spec(16, 1050, 0.75, L, T, port(64, 100)), new Simulator());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> ddr.transfer(0, Direction.READ, 0, t -> { }));
        assertTrue(empty.getMessage().contains("bytes > 0") && empty.getMessage().contains("0 B"), empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ddr.transfer(1, Direction.READ, 64, t -> { }));
        assertThrows(IllegalArgumentException.class, () -> ddr.transfer(0, null, 64, t -> { }));
        assertThrows(IllegalArgumentException.class, () -> ddr.transfer(0, Direction.WRITE, 64, null));
        assertThrows(IllegalArgumentException.class, () -> ddr.bandwidthUtilisation(0));
    }
}
