package org.msqsim.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.msqsim.core.event.EventHandler;
import org.msqsim.core.time.Time;

/** The watchdog turns a zero-time loop or a stuck model into a clear exception instead of a hang. */
class WatchdogTest {

    /** A handler that reschedules itself {@code delay} ps later, forever. */
    private static EventHandler loop(Simulator sim, String label, long delay) {
        return new EventHandler() {
            @Override
            public void fire(long time) {
                sim.scheduleAfter(delay, 0, this);
            }

            @Override
            public String label() {
                return label;
            }
        };
    }

    @Test
    void zeroDelaySelfReschedulingLoopStalls() {
        Simulator sim = new Simulator().stallAfterEventsPerInstant(10_000);
        sim.schedule(Time.ns(3), 0, loop(sim, "spin", 0));
        SimulationStalledException e = assertThrows(SimulationStalledException.class, sim::run);
        assertEquals(Time.ns(3), e.timePs());
        assertEquals(10_001, e.eventsFired());
        assertEquals("simulation stalled at 3 ns after 10001 events: 10001 events fired without time advancing"
                + " (limit 10000) (last event 'spin')", e.getMessage());
    }

    @Test
    void theDefaultLimitAlsoCatchesAZeroTimeLoop() {
        Simulator sim = new Simulator();
        sim.schedule(0, 0, loop(sim, "spin", 0));
        SimulationStalledException e = assertThrows(SimulationStalledException.class, sim::run);
        assertEquals(Watchdog.DEFAULT_MAX_EVENTS_PER_INSTANT + 1, e.eventsFired());
    }

    @Test
    void aBusyInstantBelowTheLimitIsNotAStall() {
        Simulator sim = new Simulator().stallAfterEventsPerInstant(1_000);
        for (int i = 0; i < 1_000; i++) {
            sim.schedule(7, 0, t -> { });
        }
        sim.schedule(8, 0, loop(sim, "tick", 1));
        assertEquals(StopReason.EVENT_LIMIT, sim.run(Long.MAX_VALUE, 5_000));
    }

    @Test
    void aStuckProgressPredicateStallsAfterItsWindow() {
        Simulator sim = new Simulator();
        long[] beats = {0};
        EventHandler clock = new EventHandler() {
            @Override
            public void fire(long time) {
                if (time < Time.ns(100)) {
                    beats[0]++;   // useful work until 100 ns, then the model waits forever
                }
                sim.scheduleAfter(Time.ns(10), 0, this);
            }

            @Override
            public String label() {
                return "ctrl.clock";
            }
        };
        long[] seen = {0};
        sim.watchProgress(() -> {
            boolean progressed = beats[0] != seen[0];
            seen[0] = beats[0];
            return progressed;
        }, Time.us(1));
        sim.schedule(0, 0, clock);
        SimulationStalledException e = assertThrows(SimulationStalledException.class, sim::run);
        // last progress at 90 ns; the first event more than 1 us after it is the one at 1100 ns
        assertEquals(Time.ns(1_100), e.timePs());
        assertEquals(111, e.eventsFired());
        assertTrue(e.getMessage().contains("no progress since 90 ns, longer than the 1 us window")
                && e.getMessage().contains("'ctrl.clock'"), e.getMessage());
    }

    @Test
    void rejectsNonsenseSettings() {
        Simulator sim = new Simulator();
        assertThrows(IllegalArgumentException.class, () -> sim.stallAfterEventsPerInstant(0));
        assertThrows(IllegalArgumentException.class, () -> sim.watchProgress(null, 5));
        assertThrows(IllegalArgumentException.class, () -> sim.watchProgress(() -> true, -1));
    }
}
