package org.msqsim.core.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.Dataflow;

/**
 * The planner without an accelerator: infeasibility as a value, the candidate tile sizes, and the
 * rules it shares with the tile loop (bytes of a tile, DMA ports). Plans run on the accelerator in
 * {@code MsqAcceleratorTest}.
 */
class TilePlannerTest {

    @Test
    void infeasibleWhenRowsHaveNoCore() {
        AcceleratorSpec dspOnly = AcceleratorFixtures.design(Dataflow.OUTPUT_STATIONARY, 4, 4, 1, 0, 0, 4096, 4, 1);
        PlanOutcome o = new TilePlanner(dspOnly).plan(new GemmShape(4, 4, 8, 8));
        assertInstanceOf(PlanOutcome.Infeasible.class, o);
        assertTrue(((PlanOutcome.Infeasible) o).reason().contains("LUT core"));
    }

    /** Issue 11 item 4: when no fitting plan is within the step limit, the reason gives both numbers. */
    @Test
    void aGemmNoPlanBringsWithinTheStepLimitIsInfeasibleWithTheLimit() {
        AcceleratorSpec spec = AcceleratorFixtures.design(Dataflow.OUTPUT_STATIONARY, 4, 4, 1, 4, 4, 512, 4, 1);
        PlanOutcome o = new TilePlanner(spec).plan(new GemmShape(8_799_999, 1_200_000, 9_999_999, 9_999_999));
        String reason = assertInstanceOf(PlanOutcome.Infeasible.class, o, o::toString).reason();
        assertTrue(reason.contains("more than the limit of 50,000,000 steps per GEMM"), reason);
        assertTrue(reason.contains("larger buffers"), reason);
    }

    /** Three int tile counts can overflow a long; the step count saturates instead of going negative. */
    @Test
    void stepsSaturateRatherThanOverflow() {
        TileGrid grid = new TileGrid(new GemmShape(9_999_999, 0, 9_999_999, 9_999_999), new TilePlan(1, 1, 1, 0));
        assertEquals(Long.MAX_VALUE, grid.steps());
    }

    @Test
    void plannedTilesFitABufferHalf() {
        AcceleratorSpec spec = AcceleratorFixtures.design(Dataflow.WEIGHT_STATIONARY, 4, 4, 2, 4, 4, 512, 8, 2);
        GemmShape g = new GemmShape(30, 10, 70, 50);
        TilePlan p = ((PlanOutcome.Planned) new TilePlanner(spec).plan(g)).plan();
        TileBytes b = TileBytes.of(spec);
        assertTrue(b.input(p.tk(), p.tn()) <= spec.inputBuffer().halfBytes(), p::toString);
        assertTrue(b.weights(p.tmDsp() + p.tmLut(), p.tk()) <= spec.weightBuffer().halfBytes(), p::toString);
        assertTrue(b.partialSums(p.tmDsp() + p.tmLut(), p.tn()) <= spec.outputBuffer().halfBytes(), p::toString);
    }

    @Test
    void tileCandidatesGainTheirNeighbouringWholeFolds() {
        // 3,136 pixels halved: 1568, 784, 392, 196, 98 ...; with 32 rows 196 gains 192 and 224.
        List<Integer> c = TilePlanner.aligned(TilePlanner.candidates(3136, 8), 32, 3136);
        assertTrue(c.containsAll(List.of(3136, 1568, 784, 392, 196, 192, 224, 96, 128)), c.toString());
        assertEquals(c.size(), new HashSet<>(c).size(), "distinct");
        assertTrue(c.stream().allMatch(x -> x > 0 && x <= 3136), c.toString());
        // A tile smaller than a fold rounds up to one fold, never beyond the dimension.
        assertEquals(List.of(20), TilePlanner.aligned(List.of(20), 32, 20));
        assertEquals(List.of(5, 8), TilePlanner.aligned(List.of(5), 8, 100));
        assertEquals(List.of(7, 3), TilePlanner.aligned(List.of(7, 3), 1, 7), "unit 1 leaves the list alone");
    }

    @Test
    void tileBytesPackOperandsAndHoldPartialSumsAtTheWiderAccumulator() {
        // 32-bit accumulators in both fixture cores: 4 bytes a partial sum.
        TileBytes b = TileBytes.of(AcceleratorFixtures.design(Dataflow.OUTPUT_STATIONARY, 2, 2, 1, 2, 2, 4096, 4, 1));
        assertEquals(new TileBytes(4, 4, 4), b);
        assertEquals(2, b.input(1, 3), "3 four-bit activations round up to 2 bytes once, not per value");
        assertEquals(15, b.weights(5, 6));
        assertEquals(5 * 6 * 4, b.partialSums(5, 6));
        assertEquals(15, b.store(5, 6));
        assertEquals(1, TileBytes.packed(1, 1));
        assertEquals(0, TileBytes.packed(0, 8));
    }

    @Test
    void everyStreamUsesEveryPortOfTheDesign() {
        for (int n : new int[] {1, 2, 4}) {
            DmaPorts p = ports(n);
            assertEquals(n, p.ports());
            assertEquals(128, p.burstBytes());
            for (DmaPorts.Stream s : DmaPorts.Stream.values()) {
                assertTrue(p.firstPort(s) >= 0 && p.firstPort(s) < n, s + " on " + n + " ports");
            }
        }
    }

    private static DmaPorts ports(int n) {
        return DmaPorts.of(AcceleratorFixtures.design(Dataflow.OUTPUT_STATIONARY, 2, 2, 1, 0, 0, 4096, 8, n));
    }
}
