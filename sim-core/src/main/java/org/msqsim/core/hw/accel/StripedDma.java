package org.msqsim.core.hw.accel;

import org.msqsim.core.event.EventHandler;
import org.msqsim.core.hw.memory.DdrController;
import org.msqsim.core.hw.memory.Direction;
import org.msqsim.core.mapping.DmaPorts;

/**
 * One DMA stream's transfers split over the AXI ports ({@link DmaPorts}: whole bursts, as evenly as
 * the burst count allows), each part on its own port's datamover; the transfer is done when its last
 * part is. The stream's next transfer starts on the port after the last one this one used, so
 * one-burst transfers rotate over the ports. One object per stream; transfers of a stream are issued
 * one at a time (the tile loop's streams are in order), so one counter suffices.
 */
final class StripedDma {
    private final DdrController ddr;
    private final DmaPorts ports;
    private final Direction direction;
    private int nextPort;
    private int pending;
    private EventHandler done;
    private final EventHandler partDone = this::partDone;

    StripedDma(DdrController ddr, DmaPorts ports, DmaPorts.Stream stream, Direction direction) {
        this.ddr = ddr;
        this.ports = ports;
        this.direction = direction;
        this.nextPort = ports.firstPort(stream);
    }

    /** Moves {@code bytes} (> 0); {@code onDone} fires when every part has arrived. */
    void transfer(long bytes, EventHandler onDone) {
        if (pending != 0) {
            throw new IllegalStateException("a DMA stream issues one transfer at a time; " + pending
                    + " parts still in flight");
        }
        int parts = ports.parts(bytes);
        if (parts == 1) {
            int port = nextPort;
            nextPort = (nextPort + 1) % ports.ports();
            ddr.transfer(port, direction, bytes, onDone);
            return;
        }
        done = onDone;
        pending = parts;
        for (int i = 0; i < parts; i++) {
            ddr.transfer(nextPort, direction, ports.partBytes(bytes, i), partDone);
            nextPort = (nextPort + 1) % ports.ports();
        }
    }

    private void partDone(long t) {
        if (--pending == 0) {
            EventHandler d = done;
            done = null;
            d.fire(t);
        }
    }
}
