package org.msqsim.core.hw.accel;

import java.util.function.IntToLongFunction;
import org.msqsim.core.engine.Simulator;
import org.msqsim.core.event.EventHandler;
import org.msqsim.core.hw.memory.DdrController;
import org.msqsim.core.hw.memory.Direction;
import org.msqsim.core.hw.memory.OnChipBuffer;
import org.msqsim.core.mapping.DmaPorts;
import org.msqsim.core.trace.TraceSink;

/**
 * One in-order DMA load stream (input tiles or weight tiles): load i needs a free half of its
 * buffer, reads its bytes from DDR over the AXI ports ({@link StripedDma}), and is then ready until
 * the controller releases its half. Records the time it sat idle for want of a free half.
 */
final class LoadStream {
    /** Which operand a stream loads: it names the stream's trace track, buffer and DMA stream. */
    enum Operand {
        INPUT("dma:input", DmaPorts.Stream.INPUT),
        WEIGHTS("dma:weights", DmaPorts.Stream.WEIGHTS);

        private final String track;
        private final DmaPorts.Stream stream;

        Operand(String track, DmaPorts.Stream stream) {
            this.track = track;
            this.stream = stream;
        }
    }

    private final String track;
    private final Simulator sim;
    private final StripedDma dma;
    private final OnChipBuffer buffer;
    private final TraceSink trace;
    private final IntToLongFunction claimOf;
    private final IntToLongFunction fetchOf;
    private final Runnable onReady;
    private final int[] slot;
    private final boolean[] ready;
    private int next;
    private boolean busy;
    private long blockedSince = -1;
    private long waitingPs;

    /**
     * The stream of {@code operand} over {@code hw}'s buffer and DDR ports: {@code loads} loads,
     * load i occupying {@code claimOf(i)} bytes of its buffer half and reading {@code fetchOf(i)} from
     * DDR (less when a line buffer already holds part of it; 0: nothing to read, ready at once);
     * {@code onReady} runs after each load arrives.
     */
    LoadStream(AcceleratorParts hw, Operand operand, int loads, IntToLongFunction claimOf, IntToLongFunction fetchOf,
               Runnable onReady) {
        this.track = operand.track;
        this.sim = hw.sim();
        this.dma = new StripedDma(hw.ddr(), hw.ports(), operand.stream, Direction.READ);
        this.buffer = switch (operand) {
            case INPUT -> hw.input();
            case WEIGHTS -> hw.weights();
        };
        this.trace = hw.trace();
        this.claimOf = claimOf;
        this.fetchOf = fetchOf;
        this.onReady = onReady;
        this.slot = new int[loads];
        this.ready = new boolean[loads];
    }

    boolean ready(int load) {
        return ready[load];
    }

    /** Frees the buffer half of load {@code load} and lets the stream continue. */
    void release(int load) {
        buffer.releaseSlot(slot[load]);
        pump();
    }

    long waitingPs() {
        return waitingPs;
    }

    /** Issues the next load if the stream is idle and a buffer half is free. */
    void pump() {
        if (busy || next >= slot.length) {
            return;
        }
        if (!buffer.hasFreeSlot()) {
            if (blockedSince < 0) {
                blockedSince = sim.now();
            }
            return;
        }
        if (blockedSince >= 0) {
            waitingPs += sim.now() - blockedSince;
            blockedSince = -1;
        }
        int i = next++;
        slot[i] = buffer.claimSlot(claimOf.applyAsLong(i));
        long bytes = fetchOf.applyAsLong(i);
        busy = true;
        long start = sim.now();
        EventHandler arrived = EventHandler.named(track, i, t -> {
            if (trace.enabled()) {
                trace.span(track, "load " + i, start, t);
            }
            busy = false;
            ready[i] = true;
            pump();
            onReady.run();
        });
        if (bytes == 0) {
            // the line buffer holds it all: no DMA; ready in this instant, after what runs now
            sim.schedule(start, Math.max(DdrController.PHASE, sim.phase()), arrived);
        } else {
            dma.transfer(bytes, arrived);
        }
    }
}
