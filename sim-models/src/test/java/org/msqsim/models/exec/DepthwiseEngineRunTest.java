package org.msqsim.models.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.msqsim.boards.BoardCatalog;
import org.msqsim.core.hw.compute.DepthwiseEngine;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.spec.DepthwiseEngineSpec;
import org.msqsim.core.spec.MacKind;
import org.msqsim.core.trace.TraceSink;
import org.msqsim.models.graph.Network;
import org.msqsim.models.layer.Activation;
import org.msqsim.models.layer.Conv2d;
import org.msqsim.models.layer.Dense;
import org.msqsim.models.layer.GlobalAvgPool;
import org.msqsim.models.layer.Shape;
import org.msqsim.models.lower.Lowering;
import org.msqsim.models.zoo.ModelZoo;

/**
 * Depthwise layers on a design's depthwise engine: bit-exact against the golden network (the
 * engine's lanes on the simulated path, the direct convolution on the golden one), timed by the
 * engine's closed form against the layer's DDR stream, and every MAC counted once.
 */
class DepthwiseEngineRunTest {

    /** conv 3x3 → depthwise 3x3 (stride 1 and 2) → pointwise → pool → dense, at 8 and 4 bits. */
    static Network tiny() {
        Network.Builder b = Network.builder("dw_tiny", "a small depthwise-separable network", new Shape(3, 14, 14));
        String c1 = b.add(new Conv2d("conv1", 14, 14, 3, 16, 3, 3, 1, 1, 1, true, Activation.RELU), Network.INPUT);
        String d1 = b.add(new Conv2d("dw1", 14, 14, 16, 16, 3, 3, 1, 1, 16, true, Activation.RELU), c1);
        String d2 = b.add(new Conv2d("dw2", 14, 14, 16, 16, 3, 3, 2, 1, 16, true, Activation.RELU), d1);
        String p1 = b.add(new Conv2d("pw1", 7, 7, 16, 24, 1, 1, 1, 0, 1, true, Activation.RELU), d2);
        String g = b.add(new GlobalAvgPool("gap", new Shape(24, 7, 7)), p1);
        b.add(new Dense("fc", 24, 10, true, Activation.NONE), g);
        return b.build();
    }

    @Test
    void depthwiseLayersOnTheEngineAreBitExact() {
        BoardSpec b = BoardCatalog.get("zcu102");
        for (String design : new String[] {"dpu-b512", "dpu-b4096-lowdsp"}) {
            AcceleratorSpec acc = b.design(design).orElseThrow();
            for (int bits : new int[] {8, 4}) {
                AcceleratorSpec a = acc.withBits(bits);
                NetworkRun run = new NetworkRunner(a, b.device().family().dsp()).run(tiny(),
                        new NetworkRunner.Options(0, 3, false, TraceSink.NONE, null));
                assertTrue(run.bitExact(), design + " at " + bits + " bits");
                assertEquals(tiny().macs(), run.macs());
            }
        }
    }

    /**
     * MSQ's split on an engine with SP2 lanes: at fractions 0, 0.3, 0.5 and 1 the depthwise channels MSQ
     * makes SP2 run on the SP2 lanes, the rest on the fixed-point lanes (LUT or DSP), bit-exact through
     * the whole network at 4 and 8 bits, with 24-bit accumulators and (at 4 bits) the default rule's
     * 13-bit ones, exact for 3×3 kernels (narrow accumulators that wrap are sim-core's
     * {@code DepthwiseEngineTest}: the golden network does not wrap); the engine's cycles follow the
     * split (timing-only equals the bit-exact run's latency).
     */
    @Test
    void sp2AndFixedChannelsOnTheEngineAreBitExact() {
        BoardSpec b = BoardCatalog.get("zc706");
        for (MacKind fixed : new MacKind[] {MacKind.LUT_FIXED, MacKind.DSP}) {
            for (int acc : new int[] {24, 13}) {
                DepthwiseEngineSpec e = new DepthwiseEngineSpec(4, 3, fixed, 2, acc, 8);
                for (int bits : acc == 24 ? new int[] {4, 8} : new int[] {4}) {
                    AcceleratorSpec a = b.accelerator().withDepthwiseEngine(Optional.of(e)).withBits(bits);
                    for (double f : new double[] {0, 0.3, 0.5, 1}) {
                        NetworkRunner runner = new NetworkRunner(a, b.device().family().dsp());
                        NetworkRun run = runner.run(tiny(), new NetworkRunner.Options(f, 5, false, TraceSink.NONE, null));
                        String what = fixed + " acc " + acc + " at " + bits + " bits, F " + f;
                        assertTrue(run.bitExact(), what);
                        assertEquals(tiny().macs(), run.macs(), what);
                        NetworkRun timed = runner.run(tiny(), new NetworkRunner.Options(f, 5, true, TraceSink.NONE, null));
                        assertEquals(timed.latencyPs(), run.latencyPs(), what);
                    }
                }
            }
        }
    }

    /** The SP2 channels MSQ assigns set the engine's time: all-SP2 on 2 SP2 lanes is slower than all-fixed on 6. */
    @Test
    void theSplitTimesEachLaneKind() {
        BoardSpec b = BoardCatalog.get("zc706");
        AcceleratorSpec a = b.accelerator().withDepthwiseEngine(Optional.of(
                new DepthwiseEngineSpec(4, 6, MacKind.LUT_FIXED, 2, 16, 8)));
        Lowering lowering = new Lowering(a);
        Conv2d dw = new Conv2d("dw", 14, 14, 16, 16, 3, 3, 1, 1, 16, true, Activation.RELU);
        assertEquals(0, lowering.depthwise(dw, 0).sp2Channels());
        assertEquals(16, lowering.depthwise(dw, 1).sp2Channels());
        assertEquals(5, lowering.depthwise(dw, 0.3).sp2Channels()); // round(0.3 · 16) = 5
        // an engine without SP2 lanes (the DPU's) quantizes every depthwise channel fixed-point
        Lowering dpu = new Lowering(a.withDepthwiseEngine(Optional.of(new DepthwiseEngineSpec(4, 6, 16, 8))));
        assertEquals(0, dpu.depthwise(dw, 1).sp2Channels());
    }

    @Test
    void engineLayersAreTimedByTheEngineAgainstTheirStream() {
        BoardSpec b = BoardCatalog.get("zcu102");
        AcceleratorSpec acc = b.design("dpu-b4096").orElseThrow();
        DepthwiseEngineSpec e = acc.depthwiseEngine().orElseThrow();
        Network net = ModelZoo.get("mobilenet_v2");
        NetworkRun run = new NetworkRunner(acc, b.device().family().dsp()).run(net,
                new NetworkRunner.Options(0, 1, true, TraceSink.NONE, null));
        assertEquals(net.macs(), run.macs());
        Lowering lowering = new Lowering(acc);
        int engineLayers = 0;
        for (int i = 0; i < net.nodes().size(); i++) {
            if (!lowering.onDepthwiseEngine(net.nodes().get(i).layer())) {
                continue;
            }
            engineLayers++;
            Conv2d c = (Conv2d) net.nodes().get(i).layer();
            LayerResult r = run.layers().get(i);
            long cycles = DepthwiseEngine.cycles(e, new DepthwiseEngine.Layer(c.c(), c.h(), c.w(), c.r(), c.s(),
                    c.stride(), c.pad()));
            long computePs = cycles * 1_000_000_000_000L / acc.controlClockHz();
            assertTrue(Math.abs(r.latencyPs() - Math.max(computePs, r.latencyPs())) <= 1, c.name());
            assertTrue(r.latencyPs() + 1 >= computePs, c.name() + " faster than the engine");
            assertEquals(0, r.dspMacs() + r.lutMacs(), c.name() + " ran on the cores");
        }
        assertEquals(17, engineLayers, "MobileNet-v2 has 17 depthwise layers");
        // without an engine the same layers run on the cores, group by group
        NetworkRun cores = new NetworkRunner(acc.withDepthwiseEngine(Optional.empty()), b.device().family().dsp())
                .run(net, new NetworkRunner.Options(0, 1, true, TraceSink.NONE, null));
        assertTrue(cores.latencyPs() > run.latencyPs(), "the engine must beat tiny per-channel GEMMs here");
    }
}
