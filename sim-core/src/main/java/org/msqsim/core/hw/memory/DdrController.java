package org.msqsim.core.hw.memory;

import org.msqsim.core.engine.Simulator;
import org.msqsim.core.event.EventHandler;
import org.msqsim.core.spec.AxiPortSpec;
import org.msqsim.core.spec.DdrSpec;

/**
 * One DRAM controller shared by several AXI ports, driven by a {@link Simulator}. A DMA transfer is
 * one request of many bursts and costs a handful of events in all, never one per beat (STYLE 3).
 *
 * <p>Timing model (facts/boards.md §2, §2a, §2b):
 * <ol>
 * <li><b>Bursts.</b> A transfer is split into AXI bursts of at most {@code burstBytes} and one
 *     shorter burst for the rest (AXI4 bursts have 1–256 beats; UG585: the Zynq-7000 DDRC takes
 *     1–16 beats; UG1085: the ZynqMP PL side is limited to 16 beats). Each burst moves its own beats,
 *     rounded up to the controller's data unit, one DRAM BL8 burst or one AXI beat, whichever is
 *     larger ({@link DdrSpec#bytesOnBus}): a 512 B tile moves as 512 B on ZC706's MIG, not as a
 *     1 KiB burst slot. Manev et al. (FPT'19) find 128–192 B bursts often optimal.</li>
 * <li><b>Latency.</b> Each request waits {@code latencyPs} before its first data. It is pipelined:
 *     the wait overlaps other transfers' data phases, it does not lock the bus.</li>
 * <li><b>Bandwidth.</b> In its data phase a transfer moves at the max-min fair share
 *     ({@link FairShare}) of the sustained bandwidth, peak × efficiency rounded to whole B/s (UG585:
 *     the controller is designed for about 75 % efficiency), capped by its port's
 *     {@code widthBits/8 · clock} per direction. The total never exceeds the sustained rate and no port exceeds its ceiling.</li>
 * <li><b>Turnaround.</b> When the data-phase set changes from reads only to including a write, or
 *     back, the bus idles for {@code turnaroundPs}: no bytes move, transfers keep their place
 *     ({@link BusTurnaround}). A simplification: a real controller batches writes and switches
 *     per batch, paying tWTR/tRTW each time; here a mixed set shares the bus as one class.</li>
 * </ol>
 * Fluid (processor-sharing) implementation: at each arrival, departure or gap end the state is
 * advanced exactly ({@link TransferTable}), rates are recomputed and the earliest completion is
 * (re)scheduled; completion instants are rounded up to the next whole ps.
 *
 * <p>A transfer of 0 bytes is rejected: AXI has no zero-length burst (AxLEN encodes 1..16/256
 * beats), so a real DMA never issues one; a caller with an empty tile should skip the request.
 *
 * <p>{@code onDone.fire(t)} runs inside the controller's completion event (phase {@link #PHASE})
 * after the controller's state is updated, so it may issue the next transfer at once.
 */
public final class DdrController {

    /** Phase of the controller's events: first in an instant, so completions precede consumers. */
    public static final int PHASE = 0;
    private static final long NONE = -1;
    private static final Direction[] DIRECTIONS = Direction.values();

    private final DdrSpec spec;
    private final Simulator sim;
    private final long sustained;
    private final long[] portCeiling;
    private final FairShare share;
    private final DdrStats stats;
    private final TransferTable table;
    private final IntFifo waiting = new IntFifo();
    private final BusTurnaround bus;
    private final EventHandler latencyDone;
    private final EventHandler completion;
    private final EventHandler turnaroundDone;
    private long nextId;
    private long lastUpdate;
    private long completionHandle = NONE;
    private FlowProbe probe;

    public DdrController(DdrSpec spec, Simulator sim) {
        if (spec == null || sim == null) {
            throw new IllegalArgumentException("DDR controller needs a spec and a simulator");
        }
        this.spec = spec;
        this.sim = sim;
        this.sustained = Math.round(spec.sustainedBytesPerSecond());
        if (sustained < 1) {
            throw new IllegalArgumentException("DDR " + spec.type() + ": sustained bandwidth "
                    + spec.sustainedBytesPerSecond() + " B/s rounds to 0");
        }
        int ports = spec.ports().size();
        this.portCeiling = new long[ports];
        long[] groupCeiling = new long[2 * ports];
        for (int p = 0; p < ports; p++) {
            AxiPortSpec port = spec.ports().get(p);
            portCeiling[p] = Math.multiplyExact(port.widthBits() / 8L, port.clockHz());
            groupCeiling[2 * p] = portCeiling[p];
            groupCeiling[2 * p + 1] = portCeiling[p];
        }
        this.share = new FairShare(groupCeiling);
        this.table = new TransferTable(2 * ports);
        this.stats = new DdrStats(ports);
        this.lastUpdate = sim.now();
        this.bus = new BusTurnaround(spec.turnaroundPs(), sim.now());
        String name = "DDR " + spec.type();
        this.latencyDone = EventHandler.named(name + " first data", t -> enterDataPhase(waiting.take(), t));
        this.completion = EventHandler.named(name + " completion", this::complete);
        this.turnaroundDone = EventHandler.named(name + " turnaround end", this::endTurnaround);
    }

    /**
     * Starts a DMA of {@code bytes} on {@code port}; {@code onDone.fire(t)} runs at its exact
     * completion time. Returns the transfer's number (0, 1, 2, … in issue order).
     */
    public long transfer(int port, Direction direction, long bytes, EventHandler onDone) {
        if (port < 0 || port >= portCeiling.length || direction == null || bytes <= 0 || onDone == null) {
            throw new IllegalArgumentException("DDR " + spec.type() + ": transfer needs a port in 0.."
                    + (portCeiling.length - 1) + ", a direction, bytes > 0 (AXI has no empty burst) and a handler;"
                    + " got port " + port + ", " + direction + ", " + bytes + " B, handler " + onDone);
        }
        long onBus = spec.bytesOnBus(port, bytes);
        long id = nextId++;
        int slot = table.allocate(id, 2 * port + direction.ordinal(), onBus, onDone);
        stats.issued();
        if (spec.latencyPs() == 0) {
            enterDataPhase(slot, sim.now());
        } else {
            // Every request waits the same latency, so first-data events fire in issue order: one
            // FIFO and one shared handler serve them all without allocating.
            waiting.put(slot);
            sim.scheduleAfter(spec.latencyPs(), PHASE, latencyDone);
        }
        return id;
    }

    private void enterDataPhase(int slot, long now) {
        advance(now);
        boolean wasIdle = table.activeCount() == 0;
        table.activate(slot);
        stats.active(table.activeCount());
        classChanged(now, wasIdle);
        reschedule(now);
    }

    private void complete(long now) {
        completionHandle = NONE;
        advance(now);
        int done = table.retireFinished(stats, DIRECTIONS);
        classChanged(now, false);
        reschedule(now);
        for (int i = 0; i < done; i++) {
            table.retired(i).fire(now);
        }
    }

    private void endTurnaround(long now) {
        advance(now);
        bus.gapEnded();
        reschedule(now);
    }

    /** Applies the turnaround rule after the data-phase set changed. */
    private void classChanged(long now, boolean wasIdle) {
        if (table.activeCount() == 0) {
            bus.idle(now);
            return;
        }
        long gap = bus.changed(now, table.someWriteActive(), wasIdle);
        if (gap > 0) {
            stats.turnaround(gap);
            sim.schedule(bus.gapEnd(), PHASE, turnaroundDone);
        }
    }

    /** Integrates the current rates from the last update to {@code now}. */
    private void advance(long now) {
        long dt = now - lastUpdate;
        lastUpdate = now;
        if (dt <= 0 || table.activeCount() == 0) {
            return;
        }
        stats.busy(dt);
        boolean flowing = !bus.inGap();
        for (int i = 0; i < table.activeCount(); i++) {
            int slot = table.activeSlot(i);
            int group = table.group(slot);
            long rate = flowing ? share.rate(group) : 0;
            if (flowing) {
                table.consume(slot, rate, dt);
            }
            if (probe != null) {
                probe.interval(now - dt, now, table.id(slot), group >> 1, DIRECTIONS[group & 1], rate);
            }
        }
    }

    /** Recomputes the fair rates and moves the completion event to the new earliest finish. */
    private void reschedule(long now) {
        if (completionHandle != NONE) {
            sim.cancel(completionHandle);
            completionHandle = NONE;
        }
        if (table.activeCount() == 0 || bus.inGap()) {
            return;
        }
        share.allocate(sustained, table.groupCounts());
        long earliest = Long.MAX_VALUE;
        for (int i = 0; i < table.activeCount(); i++) {
            int slot = table.activeSlot(i);
            earliest = Math.min(earliest, table.psToFinish(slot, share.rate(table.group(slot))));
        }
        // A transfer can be due right now when an arrival fired just before its completion event;
        // a later phase of this instant is then the earliest the simulator allows.
        int phase = earliest == 0 ? Math.max(PHASE, sim.phase()) : PHASE;
        completionHandle = sim.schedule(Math.addExact(now, earliest), phase, completion);
    }

    /** Sustained bandwidth the model enforces: peak × efficiency, rounded to whole B/s. */
    public long sustainedBytesPerSecond() {
        return sustained;
    }

    /** Ceiling of {@code port} in one direction: widthBits/8 · clock. */
    public long portCeilingBytesPerSecond(int port) {
        return portCeiling[port];
    }

    /** Bytes moved over {@code elapsedPs}, as a fraction of what the sustained rate could move. */
    public double bandwidthUtilisation(long elapsedPs) {
        if (elapsedPs <= 0) {
            throw new IllegalArgumentException("utilisation needs elapsed time > 0, got " + elapsedPs + " ps");
        }
        return stats.bytes() / (sustained * (elapsedPs / 1e12));
    }

    /** Transfers issued and not yet completed (latency or data phase). */
    public long inFlight() {
        return stats.transfersIssued() - stats.transfersCompleted();
    }

    public DdrStats stats() {
        return stats;
    }

    public DdrSpec spec() {
        return spec;
    }

    void probe(FlowProbe flowProbe) {
        this.probe = flowProbe;
    }
}
