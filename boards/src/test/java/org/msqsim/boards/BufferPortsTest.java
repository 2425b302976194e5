package org.msqsim.boards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.msqsim.core.hw.compute.BufferPorts;
import org.msqsim.core.hw.compute.FeedStall;
import org.msqsim.core.resource.CostModel;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BufferSpec;
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
        assertEquals(8 * 2 * 2 + 58, feeds, "two cores on each of 8 defaults and 8 budget-rule designs, one on each of 58 DPU designs");
    }

    /**
     * Every shipped depthwise engine reads its input buffer unstalled: one activation per lane a tap clock
     * ({@link BufferPorts#engineActivationNeedBits}) within {@code banks × width}. The board defaults get the
     * banks from {@code DefaultDesignRule}'s step 4; the DPU's engine (PP/2 pixels × ICP channels × 8 bit) fits
     * its PP feature-map banks of ICP bytes with room to spare (half), unchanged.
     */
    @Test
    void noShippedDepthwiseEngineStalls() {
        List<String> stalled = new ArrayList<>();
        int engines = 0;
        for (BoardSpec b : BoardCatalog.all()) {
            List<AcceleratorSpec> designs = new ArrayList<>();
            designs.add(b.accelerator());
            designs.addAll(b.designs());
            for (AcceleratorSpec d : designs) {
                if (d.depthwiseEngine().isPresent()) {
                    engines++;
                    BufferPorts.Port p = BufferPorts.enginePort(d).orElseThrow();
                    if (p.factor() != 1 || BufferPorts.engineStall(d) != 1) {
                        stalled.add(b.id() + " " + d.name() + ": " + p);
                    }
                }
            }
        }
        assertEquals(List.of(), stalled);
        assertTrue(engines >= 8, "every default has an engine: " + engines);
    }

    /**
     * The engine's banks cost no block RAM on the budget-rule designs (a derived default's are explore's choice,
     * priced within its ceilings): the input buffer in its file's banks takes the
     * same RAMB18/URAM as in the banks the cores alone read (one row per column set), the capacity and width kept.
     */
    @Test
    void engineBanksCostNoBlockRamOnTheDefaults() {
        CostModel cost = CostModel.defaults();
        for (String id : BoardCatalog.ids()) { // the budget rule's designs (the derived defaults are explore's)
            BoardSpec b = BoardCatalogTest.budgetRule(id);
            AcceleratorSpec d = b.accelerator();
            BufferSpec in = d.inputBuffer();
            long cores = BufferPorts.feeds(d).stream().mapToLong(f -> f.activations().needBits()).max().orElseThrow();
            BufferSpec coresOnly = in.withBanks((int) ((cores + in.widthBits() - 1) / in.widthBits()));
            assertEquals(cost.buffer(coresOnly, b.device()), cost.buffer(in, b.device()), b.id());
        }
    }

    /**
     * ZC706's budget-rule design, as its board file documents: 928 of 928 weight bits ((42 × 4 + 64) × 4) and, with four column sets, 4 × 64
     * activation bits a clock of the input buffer's 16 × 64 (its banks are the depthwise engine's).
     */
    @Test
    void zc706DefaultReadsExactlyItsPorts() {
        AcceleratorSpec d = BoardCatalogTest.budgetRule("zc706").accelerator();
        BufferPorts.CoreFeed dsp = BufferPorts.feed(d, d.dspCore().orElseThrow());
        assertEquals(new BufferPorts.Port("weight", 928, 928), dsp.weights());
        assertEquals(new BufferPorts.Port("input", 256, 1024), dsp.activations());
        // its depthwise engine: 16 pixels × (8 + 3) channel lanes × 4 bit = 704 of 16 × 64 bits a tap clock
        assertEquals(new BufferPorts.Port("input", 704, 1024), BufferPorts.enginePort(d).orElseThrow());
    }
}
