package org.msqsim.models.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.msqsim.boards.BoardCatalog;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.PeArraySpec;
import org.msqsim.models.exec.LayerResult;
import org.msqsim.models.layer.LayerKind;
import org.msqsim.models.exec.NetworkRun;
import org.msqsim.models.zoo.ModelZoo;

/** The rates follow from the counts by their definitions, and a network's totals from its layers. */
class RunMetricsTest {
    private static final AcceleratorSpec ACC = BoardCatalog.get("zc706").accelerator();

    private static LayerResult layer(String name, long ps, long dspMacs, long lutMacs, long ddr) {
        return new LayerResult(name, LayerKind.CONV, ps, dspMacs + lutMacs, ddr, dspMacs, lutMacs, 0, 0, -1, 0, 0);
    }

    @Test
    void layerRatesFollowTheirDefinitions() {
        LayerResult l = layer("a", 2_000_000_000L, 3_000_000, 1_000_000, 8_000_000);
        RunMetrics m = RunMetrics.of(l, ACC);
        assertEquals(2.0, m.latencyMs());
        assertEquals(2.0 * 4_000_000 / 2e-3 / 1e9, m.gops());
        assertEquals(500.0, m.fps());
        assertEquals(4.0, m.ddrGbps(), 1e-12);
        assertEquals(300_000, m.controlCycles(), "2 ms of the 150 MHz controller clock");
        PeArraySpec dsp = ACC.dspCore().orElseThrow();
        assertEquals(3_000_000 / (dsp.peakMacsPerCycle() * (2e-3 * dsp.clockHz())), m.dspUtilisation(), 1e-15);
        assertTrue(m.lutUtilisation() > 0 && m.lutUtilisation() < 1);
    }

    @Test
    void noTimeIsNoRateAndNoCoreIsNaN() {
        assertEquals(0.0, RunMetrics.gops(5, 0));
        assertEquals(0.0, RunMetrics.utilisation(5, ACC.dspCore(), 0));
        AcceleratorSpec dspOnly = ACC.withCores(ACC.dspCore(), Optional.empty());
        assertTrue(Double.isNaN(RunMetrics.of(layer("a", 1000, 10, 0, 0), dspOnly).lutUtilisation()));
    }

    @Test
    void networkTotalsAddTheLayersUp() {
        List<LayerResult> layers = List.of(layer("a", 1_000_000, 300, 100, 64), layer("b", 3_000_000, 0, 0, 128),
                layer("c", 2_000_000, 50, 70, 32));
        NetworkRun run = new NetworkRun(ModelZoo.get("lenet_300_100"), 0.5, layers, false, false);
        RunMetrics m = RunMetrics.of(run, ACC);
        assertEquals(6_000_000, m.latencyPs());
        assertEquals(520, m.macs());
        assertEquals(350, m.dspMacs());
        assertEquals(170, m.lutMacs());
        assertEquals(224, m.ddrBytes());
        assertEquals(RunMetrics.utilisation(350, ACC.dspCore(), 6_000_000), m.dspUtilisation());
        assertEquals(RunMetrics.cycles(6_000_000, ACC.controlClockHz()), m.controlCycles());
    }
}
