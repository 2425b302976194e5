package org.msqsim.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.msqsim.core.event.EventHandler;
import org.msqsim.core.event.ReferenceEventQueue;
import org.msqsim.core.time.ClockDomain;
import org.msqsim.core.time.Time;

/** The loop: firing order, the current time, stop conditions and past-scheduling errors. */
class SimulatorTest {

    @Test
    void firesInTotalOrderAndAdvancesTime() {
        Simulator sim = new Simulator();
        List<String> log = new ArrayList<>();
        sim.schedule(20, 0, t -> log.add("c@" + t));
        sim.schedule(10, 1, t -> log.add("b@" + t));
        sim.schedule(10, 0, t -> log.add("a@" + t));
        sim.schedule(10, 1, t -> log.add("b2@" + t));
        assertEquals(StopReason.QUEUE_EMPTY, sim.run());
        assertEquals(List.of("a@10", "b@10", "b2@10", "c@20"), log);
        assertEquals(20, sim.now());
        assertEquals(4, sim.eventsFired());
    }

    @Test
    void runUntilFiresUpToTheLimitLeavesLaterEventsAndMovesTheClock() {
        Simulator sim = new Simulator();
        List<Long> fired = new ArrayList<>();
        for (long t : new long[] {100, 200, 300, 400}) {
            sim.schedule(t, 0, fired::add);
        }
        assertEquals(StopReason.TIME_LIMIT, sim.runUntil(250));
        assertEquals(List.of(100L, 200L), fired);
        assertEquals(250, sim.now());
        assertEquals(2, sim.pendingEvents());
        assertEquals(StopReason.TIME_LIMIT, sim.runUntil(300));
        assertEquals(List.of(100L, 200L, 300L), fired, "an event exactly at the limit fires");
        assertEquals(StopReason.QUEUE_EMPTY, sim.runUntil(1_000));
        assertEquals(1_000, sim.now());
    }

    @Test
    void stopsOnRequestAndAfterAnEventBudget() {
        Simulator sim = new Simulator();
        EventHandler tick = new EventHandler() {
            @Override
            public void fire(long time) {
                sim.scheduleAfter(10, 0, this);
                if (time == 50) {
                    sim.stop();
                }
            }
        };
        sim.schedule(0, 0, tick);
        assertEquals(StopReason.STOPPED, sim.run());
        assertEquals(50, sim.now());
        assertEquals(6, sim.eventsFired());
        assertEquals(StopReason.EVENT_LIMIT, sim.run(Long.MAX_VALUE, 3));
        assertEquals(80, sim.now());
        assertEquals(9, sim.eventsFired());
        assertEquals(1, sim.pendingEvents());
    }

    @Test
    void schedulingInThePastNamesTheEventAndBothTimes() {
        Simulator sim = new Simulator();
        sim.schedule(Time.ns(5), 0, EventHandler.named("tick", t -> { }));
        sim.run();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> sim.schedule(1_200, 0, EventHandler.named("dma.done", t -> { })));
        assertEquals("cannot schedule event 'dma.done' at 1.2 ns (phase 0): simulated time is already 5 ns"
                + " (phase 0), 3.8 ns later", e.getMessage());
        IllegalStateException after = assertThrows(IllegalStateException.class,
                () -> sim.scheduleAfter(-1, 0, EventHandler.named("neg", t -> { })));
        assertTrue(after.getMessage().contains("'neg' at 4.999 ns") && after.getMessage().contains("already 5 ns"),
                after.getMessage());
    }

    @Test
    void aLowerPhaseAtTheCurrentInstantIsAlsoInThePast() {
        Simulator sim = new Simulator(new ReferenceEventQueue());
        List<String> errors = new ArrayList<>();
        sim.schedule(10, 2, t -> {
            sim.schedule(t, 2, u -> { });   // same phase: allowed, fires after this one
            try {
                sim.schedule(t, 1, EventHandler.named("late", u -> { }));
            } catch (IllegalStateException e) {
                errors.add(e.getMessage());
            }
        });
        sim.run();
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("'late' at 10 ps (phase 1)") && errors.get(0).contains("(phase 2)"),
                errors.get(0));
        assertEquals(2, sim.eventsFired());
    }

    @Test
    void clockDrivenComponentsScheduleOnExactEdgesWithoutTickingIdleCycles() {
        Simulator sim = new Simulator();
        ClockDomain core = ClockDomain.ofMHz("core", 300);
        long[] doneAt = {-1};
        // a tile of 1,000,000,000 cycles is one event on its exact finishing edge
        sim.schedule(core.edgeTime(1_000_000_000L), 0, t -> doneAt[0] = t);
        sim.run();
        assertEquals(3_333_333_333_333L, doneAt[0]);
        assertEquals(1, sim.eventsFired());
    }

    @Test
    void rejectsReentrantRunsBadLimitsAndCancelledEventsDoNotFire() {
        Simulator sim = new Simulator();
        List<String> errors = new ArrayList<>();
        sim.schedule(5, 0, t -> {
            try {
                sim.run();
            } catch (IllegalStateException e) {
                errors.add(e.getMessage());
            }
        });
        long handle = sim.schedule(6, 0, t -> errors.add("cancelled event fired"));
        assertTrue(sim.cancel(handle));
        sim.run();
        assertEquals(List.of("run() called from inside an event handler at 5 ps"), errors);
        assertThrows(IllegalArgumentException.class, () -> sim.runUntil(4));
        assertThrows(IllegalArgumentException.class, () -> sim.scheduleAfter(Long.MAX_VALUE, 0, t -> { }));
        assertThrows(IllegalArgumentException.class, () -> new Simulator(null));
    }
}
