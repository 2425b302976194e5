package org.msqsim.boards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.msqsim.core.resource.CostModel;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.spec.PeArraySpec;

/**
 * The DPU sizes as named designs: each size's PP × ICP × OCP (PG338 Table 8) as MACs per clock, and
 * its DSP slices as PG338 Table 9 counts them less the 2 msqsim does not model (low DSP usage
 * PP·ICP·OCP/4; high adds PP·OCP), its depthwise engine PP/2 × ICP; every design fits its board.
 */
class DpuDesignsTest {
    /** PG338 Table 8: PP, ICP, OCP. */
    private static final Map<String, int[]> TABLE_8 = Map.of("b512", new int[] {4, 8, 8}, "b800", new int[] {4, 10, 10},
            "b1024", new int[] {8, 8, 8}, "b1152", new int[] {4, 12, 12}, "b1600", new int[] {8, 10, 10},
            "b2304", new int[] {8, 12, 12}, "b3136", new int[] {8, 14, 14}, "b4096", new int[] {8, 16, 16});

    @Test
    void everyDpuDesignHasTable8ParallelismAndTable9Dsps() {
        int designs = 0;
        for (String board : List.of("zcu102", "zcu104", "kv260", "ultra96-v2")) {
            BoardSpec b = BoardCatalog.get(board);
            for (AcceleratorSpec d : b.designs().stream().filter(x -> x.name().startsWith("dpu-")).toList()) {
                String size = d.name().replace("dpu-", "").replace("-lowdsp", "");
                int[] t = TABLE_8.get(size);
                boolean high = !d.name().endsWith("-lowdsp");
                PeArraySpec core = d.dspCore().orElseThrow();
                assertEquals((long) t[0] * t[1] * t[2], core.peakMacsPerCycle(), d.name());
                assertEquals(t[0] * t[1] * t[2] / 4, core.multipliers(), d.name());
                assertEquals(high ? t[0] * t[2] : 0, core.accumulatorSlices(), d.name());
                assertEquals(t[0] / 2, d.depthwiseEngine().orElseThrow().pixels(), d.name());
                assertEquals(t[1], d.depthwiseEngine().orElseThrow().channels(), d.name());
                assertEquals(8, d.weightBits(), d.name());
                assertTrue(CostModel.defaults().fit(d, b.device()).fits(), d.name() + " on " + board);
                designs++;
            }
        }
        assertEquals(16 * 3 + 10, designs, "8 sizes in 2 modes on ZCU102, ZCU104, KV260; 5 on Ultra96");
    }
}
