package org.msqsim.models.scalesim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.msqsim.core.hw.compute.ArrayTiming;
import org.msqsim.core.spec.Dataflow;

/** msqsim's native count for SCALE-Sim layers: the equivalent array, and none for input-stationary. */
class NativeCyclesTest {
    private static final List<ScaleSimLayer> LAYERS = List.of(ScaleSimLayer.gemm("g1", 64, 32, 100),
            ScaleSimLayer.gemm("g2", 7, 9, 5));

    @Test
    void outputAndWeightStationaryUseTheSameArrayShape() {
        for (ScaleSimDataflow df : List.of(ScaleSimDataflow.OUTPUT_STATIONARY, ScaleSimDataflow.WEIGHT_STATIONARY)) {
            ScaleSimConfig c = ScaleSimConfig.of(8, 16, df);
            var array = NativeCycles.array(c).orElseThrow();
            assertEquals(8, array.rows());
            assertEquals(16, array.cols());
            assertEquals(1, array.packing());
            assertEquals(df == ScaleSimDataflow.OUTPUT_STATIONARY ? Dataflow.OUTPUT_STATIONARY
                    : Dataflow.WEIGHT_STATIONARY, array.dataflow());
            long sum = 0;
            for (ScaleSimLayer l : LAYERS) {
                long n = NativeCycles.of(c, l).orElseThrow();
                assertEquals(ArrayTiming.tileCycles(array, l.numFilters(), (int) l.windowSize(),
                        (int) l.ofmapPixels()), n);
                sum += n;
            }
            assertEquals(sum, NativeCycles.total(c, LAYERS).orElseThrow());
        }
    }

    @Test
    void inputStationaryHasNoNativeCount() {
        ScaleSimConfig c = ScaleSimConfig.of(8, 16, ScaleSimDataflow.INPUT_STATIONARY);
        assertTrue(NativeCycles.array(c).isEmpty());
        assertTrue(NativeCycles.of(c, LAYERS.get(0)).isEmpty());
        assertTrue(NativeCycles.total(c, LAYERS).isEmpty());
    }
}
