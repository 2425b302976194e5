package org.msqsim.core.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.msqsim.core.hw.compute.ArrayTiming;
import org.msqsim.core.mapping.AcceleratorFixtures;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.Dataflow;
import org.msqsim.core.spec.DepthwiseEngineSpec;
import org.msqsim.core.spec.DeviceSpec;
import org.msqsim.core.spec.PeArraySpec;

/**
 * The output stage's lane rule ({@link OutputStageSizing}) and its price: the cores' summed result rate on a
 * K = 16 fold, or the engine's on 3×3, rounded up; one DSP slice a requantizer lane; any lane count up to
 * {@code FusionSpec.MAX_LANES} can be priced (a lane word wider than a bank takes several banks).
 */
class OutputStageSizingTest {
    private static final CostModel COST = CostModel.defaults();

    @ParameterizedTest
    @EnumSource(Dataflow.class)
    void lanesAreTheCoresSummedResultRateRoundedUp(Dataflow df) {
        AcceleratorSpec a = AcceleratorFixtures.design(df, 8, 6, 4, 8, 10, 65536, 4, 2);
        double rate = 0;
        for (PeArraySpec c : new PeArraySpec[] {a.dspCore().orElseThrow(), a.lutCore().orElseThrow()}) {
            int m = c.cols() * c.packing();
            long cycles = ArrayTiming.tileCycles(c, m, OutputStageSizing.TARGET_K, c.rows());
            rate += (double) m * c.rows() / cycles * c.clockHz() / a.controlClockHz();
        }
        int lanes = OutputStageSizing.lanes(a);
        assertTrue(lanes >= rate && lanes < rate + 1, df + ": " + lanes + " lanes for " + rate + " results a clock");
        assertEquals(OptionalInt.of(lanes), OutputStageSizing.withLanes(a).fusion().lanes());
        assertEquals(lanes, OutputStageSizing.withLanes(a).outputLanes());
    }

    @Test
    void aWideEngineSetsTheLanesWhenItOutpacesTheCores() {
        AcceleratorSpec a = AcceleratorFixtures.design(Dataflow.OUTPUT_STATIONARY, 2, 2, 1, 0, 0, 65536, 4, 2);
        int cores = OutputStageSizing.lanes(a);
        AcceleratorSpec e = a.withDepthwiseEngine(Optional.of(new DepthwiseEngineSpec(16, 18, 16, 32)));
        assertEquals(32, OutputStageSizing.lanes(e), "16 pixels x 18 channels / 9 taps");
        assertTrue(cores < 32);
    }

    @Test
    void everyLaneCountIsPricedOneDspSliceALane() {
        DeviceSpec dev = new DeviceSpec("xczu9eg", org.msqsim.core.spec.FpgaFamily.ULTRASCALE_PLUS, 274_080, 548_160,
                2_520, 1_824, 0);
        AcceleratorSpec a = AcceleratorFixtures.design(Dataflow.OUTPUT_STATIONARY, 8, 6, 1, 8, 10, 65536, 4, 2);
        long base = COST.accelerator(a.withFusion(a.fusion().withLanes(OptionalInt.of(1))), dev).total().dsp();
        for (int lanes : new int[] {1, 8, 1025, 4096}) {
            long dsp = COST.accelerator(a.withFusion(a.fusion().withLanes(OptionalInt.of(lanes))), dev).total().dsp();
            assertEquals(base + lanes - 1, dsp, lanes + " lanes");
        }
    }
}
