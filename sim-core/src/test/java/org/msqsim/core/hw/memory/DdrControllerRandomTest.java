package org.msqsim.core.hw.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.msqsim.core.engine.Simulator;
import org.msqsim.core.spec.AxiPortSpec;
import org.msqsim.core.spec.DdrSpec;
import org.msqsim.core.time.Time;

/**
 * Many overlapping transfers of random sizes, ports, directions and start times (fixed seeds),
 * checked after the run interval by interval: the sustained rate and every port ceiling hold, the
 * allocation is max-min fair and work-conserving, each transfer integrates exactly its bytes, the
 * counters add up, and — from outside the model — no window of time carries more than the
 * sustained rate allows. Issue times sit on a coarse grid so that simultaneous events are common.
 */
class DdrControllerRandomTest {

    static final long L = Time.ns(120);
    static final long T = Time.ns(30);

    record Flow(long from, long to, long id, int port, Direction dir, long rate) {
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 42, 2024})
    void bandwidthIsNeverExceededAndSharingIsFair(long seed) {
        Random rnd = new Random(seed);
        // Every transfer moves its bytes rounded up to whole 32 B units: BL8 of the 32-bit bus
        // (DdrSpec.bytesOnBus; 128 B bursts are whole units).
        DdrSpec spec = new DdrSpec("DDR4 x32", 32, 2400, 0.75, 128, L, T, List.of(
                new AxiPortSpec("HP0", 128, 300_000_000), new AxiPortSpec("HP1", 128, 300_000_000),
                new AxiPortSpec("HP2", 64, 150_000_000), new AxiPortSpec("HP3", 32, 100_000_000)));
        Simulator sim = new Simulator();
        DdrController ddr = new DdrController(spec, sim);
        List<Flow> flows = new ArrayList<>();
        ddr.probe((from, to, id, port, dir, rate) -> flows.add(new Flow(from, to, id, port, dir, rate)));

        int n = 300;
        long[] issue = new long[n];
        long[] bytes = new long[n];
        int[] port = new int[n];
        Direction[] dir = new Direction[n];
        long[] done = new long[n];
        long requested = 0;
        for (int i = 0; i < n; i++) {
            issue[i] = Time.ns(100) * rnd.nextInt(2000);
            bytes[i] = rnd.nextInt(4) == 0 ? 4096 : 1 + rnd.nextInt(256 * 1024);
            port[i] = rnd.nextInt(4);
            dir[i] = rnd.nextInt(3) == 0 ? Direction.WRITE : Direction.READ;
            requested += (bytes[i] + 31) / 32 * 32;
            int k = i;
            sim.schedule(issue[i], 0, t -> ddr.transfer(port[k], dir[k], bytes[k], u -> done[k] = u));
        }
        sim.run();

        long c = ddr.sustainedBytesPerSecond();
        assertEquals(0, ddr.inFlight());
        assertEquals(0, sim.pendingEvents());
        assertEquals(requested, ddr.stats().bytes());
        assertTrue(ddr.stats().peakActiveTransfers() >= 5, "the run should overlap transfers");
        assertTrue(ddr.stats().turnarounds() > 0, "the run should mix reads and writes");
        checkIntervals(ddr, flows, c);
        checkEachTransferIntegratesItsBytes(flows, issue, bytes, done);
        checkWindowsFromOutside(issue, bytes, done, c);
        long moving = ddr.stats().busyPs() - ddr.stats().turnaroundPs();
        assertTrue(requested * (double) Time.PS_PER_S <= (double) c * moving + n * (double) Time.PS_PER_S);
    }

    /** Per interval: Σ rates ≤ C, per (port, dir) ≤ ceiling, equal caps ⇒ equal rates, work-conserving. */
    private static void checkIntervals(DdrController ddr, List<Flow> flows, long c) {
        Map<Long, List<Flow>> byStart = new TreeMap<>();
        for (Flow f : flows) {
            byStart.computeIfAbsent(f.from(), k -> new ArrayList<>()).add(f);
        }
        long gapTime = 0;
        for (List<Flow> interval : byStart.values()) {
            long total = interval.stream().mapToLong(Flow::rate).sum();
            if (total == 0) {
                gapTime += interval.get(0).to() - interval.get(0).from();
                continue;
            }
            assertTrue(total <= c, "interval at " + interval.get(0).from() + " carries " + total + " B/s > " + c);
            long max = interval.stream().mapToLong(Flow::rate).max().orElseThrow();
            for (Flow f : interval) {
                long sameGroup = interval.stream().filter(g -> g.port() == f.port() && g.dir() == f.dir()).count();
                long groupSum = interval.stream().filter(g -> g.port() == f.port() && g.dir() == f.dir())
                        .mapToLong(Flow::rate).sum();
                long ceiling = ddr.portCeilingBytesPerSecond(f.port());
                assertTrue(groupSum <= ceiling, "port " + f.port() + " over its ceiling");
                boolean portBound = f.rate() == ceiling / sameGroup;
                assertTrue(portBound || f.rate() == max, "transfer " + f.id() + " neither port-bound nor at the fair level");
            }
            if (!interval.stream().allMatch(f -> f.rate() == ddr.portCeilingBytesPerSecond(f.port())
                    / interval.stream().filter(g -> g.port() == f.port() && g.dir() == f.dir()).count())) {
                assertTrue(total > c - interval.size(), "not work-conserving: " + total + " of " + c);
            }
        }
        assertEquals(ddr.stats().turnaroundPs(), gapTime);
    }

    /** Σ rate·dt ≥ bytes·10^12, and short of it by less than one ps at the last rate. */
    private static void checkEachTransferIntegratesItsBytes(List<Flow> flows, long[] issue, long[] bytes, long[] done) {
        Map<Long, List<Flow>> byId = new TreeMap<>();
        for (Flow f : flows) {
            byId.computeIfAbsent(f.id(), k -> new ArrayList<>()).add(f);
        }
        long[] picobytes = new long[bytes.length];
        long[] first = new long[bytes.length];
        long[] last = new long[bytes.length];
        long[] lastRate = new long[bytes.length];
        Arrays.fill(first, Long.MAX_VALUE);
        for (Flow f : flows) {
            int i = (int) f.id();
            picobytes[i] += f.rate() * (f.to() - f.from());
            first[i] = Math.min(first[i], f.from());
            if (f.to() >= last[i]) {
                last[i] = f.to();
                lastRate[i] = f.rate();
            }
        }
        // Transfer ids follow issue order, which for equal times is scheduling order: map them back.
        Integer[] byIssue = new Integer[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            byIssue[i] = i;
        }
        Arrays.sort(byIssue, (a, b) -> Long.compare(issue[a], issue[b]));
        for (int id = 0; id < bytes.length; id++) {
            int k = byIssue[id];
            long onBus = (bytes[k] + 31) / 32 * 32 * Time.PS_PER_S;
            assertTrue(picobytes[id] >= onBus, "transfer " + id + " finished early");
            assertTrue(picobytes[id] - lastRate[id] < onBus, "transfer " + id + " finished late");
            assertEquals(issue[k] + L, first[id], "data phase starts after the latency");
            assertEquals(done[k], last[id], "completion at the end of the last interval");
        }
        assertEquals(bytes.length, byId.size());
    }

    /** Model-independent: transfers whose data phases lie inside [a, b] move ≤ C·(b − a) + 1 B each. */
    private static void checkWindowsFromOutside(long[] issue, long[] bytes, long[] done, long c) {
        int n = bytes.length;
        for (int i = 0; i < n; i++) {
            long a = issue[i] + L;
            for (int j = 0; j < n; j++) {
                long b = done[j];
                if (b <= a) {
                    continue;
                }
                long sum = 0;
                int count = 0;
                for (int k = 0; k < n; k++) {
                    if (issue[k] + L >= a && done[k] <= b) {
                        sum += (bytes[k] + 31) / 32 * 32;
                        count++;
                    }
                }
                double allowed = c * ((b - a) / 1e12) + count;
                assertTrue(sum <= allowed, "window [" + a + ", " + b + "] moved " + sum + " B > " + allowed);
            }
        }
    }
}
