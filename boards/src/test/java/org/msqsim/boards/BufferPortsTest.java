package org.msqsim.boards;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.msqsim.core.hw.compute.BufferPorts;
import org.msqsim.core.hw.compute.FeedStall;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;

/**
 * What every shipped design's buffers give its cores against what they read (issue 13 point 10,
 * docs/cost-model.md "Buffer bandwidth"). Every board default and every named DPU design has ports
 * exactly as wide as its cores read (the board files size them so: "(44 × 4 + 80) filters × 4 bit =
 * 1,024 bit per cycle"; the DPU's OCP weight banks and PP feature-map banks of ICP bytes, PG338 and the
 * DPU IP's bank formulas, docs/dpu.md), so none stalls; a board-file edit that starves an array fails
 * here with the figures.
 */
class BufferPortsTest {

    @Test
    void noShippedDesignStalls() {
        List<String> stalled = new ArrayList<>();
        int feeds = 0;
        for (BoardSpec b : BoardCatalog.all()) {
            List<AcceleratorSpec> designs = new ArrayList<>();
            designs.add(b.accelerator());
            designs.addAll(b.designs());
            for (AcceleratorSpec d : designs) {
                for (BufferPorts.CoreFeed f : BufferPorts.feeds(d)) {
                    feeds++;
                    if (!f.stall().equals(FeedStall.NONE)) {
                        stalled.add(b.id() + " " + d.name() + ": " + f);
                    }
                }
            }
        }
        assertEquals(List.of(), stalled);
        assertEquals(8 * 2 + 58, feeds, "two cores on each of 8 defaults, one on each of 58 DPU designs");
    }

    /**
     * ZC706's default, as its board file documents: 1,008 of 1,008 weight bits and, with four column sets, 4 × 64
     * of 4 × 64 activation bits a clock.
     */
    @Test
    void zc706DefaultReadsExactlyItsPorts() {
        AcceleratorSpec d = BoardCatalog.get("zc706").accelerator();
        BufferPorts.CoreFeed dsp = BufferPorts.feed(d, d.dspCore().orElseThrow());
        assertEquals(new BufferPorts.Port("weight", 1008, 1008), dsp.weights());
        assertEquals(new BufferPorts.Port("input", 256, 256), dsp.activations());
    }
}
