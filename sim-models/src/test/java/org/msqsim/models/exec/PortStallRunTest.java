package org.msqsim.models.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.msqsim.boards.BoardCatalog;
import org.msqsim.core.hw.compute.BufferPorts;
import org.msqsim.core.hw.compute.DepthwiseEngine;
import org.msqsim.core.hw.compute.FeedStall;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.spec.DepthwiseEngineSpec;
import org.msqsim.core.time.ClockDomain;
import org.msqsim.core.trace.TraceSink;
import org.msqsim.models.graph.Network;
import org.msqsim.models.layer.Conv2d;
import org.msqsim.models.lower.DepthwiseWork;
import org.msqsim.models.lower.Lowering;
import org.msqsim.models.zoo.ModelZoo;

/**
 * A design whose weight buffer cannot feed its cores, or whose input buffer cannot feed its depthwise
 * engine (issue 13 point 10): the run stalls them, says so per layer ({@code bound} "ports",
 * {@code portStallPs}), and computes the same bits.
 */
class PortStallRunTest {

    @Test
    void aStarvedWeightBufferStallsTheCoresAndKeepsTheBits() {
        BoardSpec b = BoardCatalog.get("pynq-z2", "budget-rule");
        AcceleratorSpec full = b.accelerator();
        // a quarter of the weight banks: the cores read 4× what the port gives (432 of 108 bits a clock)
        AcceleratorSpec starved = full.withBuffers(full.inputBuffer(),
                full.weightBuffer().withBanks(Math.max(1, full.weightBuffer().banks() / 4)), full.outputBuffer());
        assertEquals(1, BufferPorts.stall(full, full.dspCore().orElseThrow()).weights());
        int factor = BufferPorts.stall(starved, starved.dspCore().orElseThrow()).weights();
        assertTrue(factor >= 4, "factor " + factor);

        Network net = ModelZoo.get("cifar_net");
        double f = MsqBalance.balancedFraction(full);
        NetworkRun fast = NetworkRunnerTest.run(b, full, net, f, false, TraceSink.NONE);
        NetworkRun slow = NetworkRunnerTest.run(b, starved, net, f, false, TraceSink.NONE);
        assertTrue(fast.bitExact() && slow.bitExact(), "a stall changes no value");
        assertTrue(slow.latencyPs() > fast.latencyPs(), slow.latencyPs() + " vs " + fast.latencyPs());
        boolean saidSo = false;
        for (int i = 0; i < fast.layers().size(); i++) {
            LayerResult a = fast.layers().get(i);
            LayerResult s = slow.layers().get(i);
            assertEquals(0, a.portStallPs(), a.name());
            assertTrue(s.latencyPs() >= a.latencyPs(), s.name());
            if (s.dspMacs() + s.lutMacs() > 0) {
                assertTrue(s.portStallPs() > 0, s.name() + " ran on the cores without a stall");
            }
            saidSo |= s.bound().equals("ports");
            assertTrue(!a.bound().equals("ports"), a.name());
        }
        assertTrue(saidSo, "no layer reported as port-bound");
    }

    /**
     * ZC706's default with the input buffer's banks its cores alone read (4 × 64 bits, the board file before
     * the depthwise engine's banks): its engine reads 16 × (8 + 4) × 4 = 768 bits a tap clock, so each tap
     * takes 3 clocks. The depthwise layers slow by exactly {@code 2 ·} their tap clocks, report that as
     * {@code port_stall_ps}, and compute the same bits; the layers on the cores do not move.
     */
    @Test
    void aNarrowInputBufferStallsTheDepthwiseEngineAndKeepsTheBits() {
        BoardSpec b = BoardCatalog.get("zc706", "budget-rule");
        AcceleratorSpec full = b.accelerator();
        AcceleratorSpec narrow = full.withBuffers(full.inputBuffer().withBanks(4), full.weightBuffer(),
                full.outputBuffer());
        assertEquals(1, BufferPorts.engineStall(full));
        assertEquals(3, BufferPorts.engineStall(narrow)); // ceil(768 / 256)
        for (BufferPorts.CoreFeed c : BufferPorts.feeds(narrow)) {
            assertEquals(FeedStall.NONE, c.stall(), "the cores still read 4 × 64 bits: " + c);
        }

        Network net = DepthwiseEngineRunTest.tiny();
        double f = MsqBalance.balancedFraction(full);
        NetworkRun fast = NetworkRunnerTest.run(b, full, net, f, false, TraceSink.NONE);
        NetworkRun slow = NetworkRunnerTest.run(b, narrow, net, f, false, TraceSink.NONE);
        assertTrue(fast.bitExact() && slow.bitExact(), "a stall changes no value");
        Lowering lowering = new Lowering(full);
        DepthwiseEngineSpec e = full.depthwiseEngine().orElseThrow();
        ClockDomain control = new ClockDomain("control", full.controlClockHz());
        int engineLayers = 0;
        for (int i = 0; i < net.nodes().size(); i++) {
            LayerResult a = fast.layers().get(i);
            LayerResult s = slow.layers().get(i);
            assertEquals(0, a.portStallPs(), a.name());
            if (!lowering.onDepthwiseEngine(net.nodes().get(i).layer())) {
                assertEquals(a, s, a.name() + " is not on the engine and must not move");
                continue;
            }
            engineLayers++;
            DepthwiseWork d = lowering.depthwise((Conv2d) net.nodes().get(i).layer(), f);
            long free = DepthwiseEngine.cycles(e, d.shape(), d.sp2Channels(), 1);
            long stalled = DepthwiseEngine.cycles(e, d.shape(), d.sp2Channels(), 3);
            assertEquals(3 * (free - DepthwiseEngine.PIPELINE) + DepthwiseEngine.PIPELINE, stalled);
            assertEquals(control.edgeTime(stalled) - control.edgeTime(free), s.portStallPs(), s.name());
            assertEquals(Math.max(a.latencyPs(), control.edgeTime(stalled)), s.latencyPs(), s.name());
            assertTrue(s.latencyPs() > a.latencyPs(), s.name());
        }
        assertEquals(2, engineLayers);
    }

    /**
     * ZC706's default on a one-lane output stage (issue 13 point 10): every result waits its control clock in
     * the requantizer. The depthwise layers take exactly {@code max(stream, compute, C·Ho·Wo clocks)} with the
     * part beyond the first two as {@code output_stall_ps}; no layer gets faster, some say "output"; no bit moves.
     */
    @Test
    void aOneLaneOutputStageHoldsEveryLayerAndKeepsTheBits() {
        BoardSpec b = BoardCatalog.get("zc706", "budget-rule");
        AcceleratorSpec full = b.accelerator();
        AcceleratorSpec one = full.withFusion(full.fusion().withLanes(java.util.OptionalInt.of(1)));
        Network net = DepthwiseEngineRunTest.tiny();
        double f = MsqBalance.balancedFraction(full);
        NetworkRun fast = NetworkRunnerTest.run(b, full, net, f, false, TraceSink.NONE);
        NetworkRun slow = NetworkRunnerTest.run(b, one, net, f, false, TraceSink.NONE);
        NetworkRun slowTiming = NetworkRunnerTest.run(b, one, net, f, true, TraceSink.NONE);
        assertTrue(fast.bitExact() && slow.bitExact(), "the output stage's rate changes no value");
        assertEquals(slowTiming.latencyPs(), slow.latencyPs(), "timing-only and bit-exact runs agree");
        Lowering lowering = new Lowering(full);
        ClockDomain control = new ClockDomain("control", full.controlClockHz());
        int engineLayers = 0;
        boolean saidSo = false;
        for (int i = 0; i < net.nodes().size(); i++) {
            LayerResult a = fast.layers().get(i);
            LayerResult s = slow.layers().get(i);
            if (s.macs() == 0) {
                continue;
            }
            // the rule's lanes may still hold a layer's last store by a few clocks (nothing overlaps it)
            assertTrue(a.outputStallPs() <= s.outputStallPs() && a.latencyPs() <= s.latencyPs(), a.name());
            saidSo |= s.bound().equals("output");
            if (lowering.onDepthwiseEngine(net.nodes().get(i).layer())) {
                engineLayers++;
                DepthwiseWork d = lowering.depthwise((Conv2d) net.nodes().get(i).layer(), f);
                long results = (long) d.shape().c() * d.shape().outH() * d.shape().outW();
                assertEquals(Math.max(a.latencyPs(), control.edgeTime(results)), s.latencyPs(), s.name());
                assertEquals(s.latencyPs() - a.latencyPs(), s.outputStallPs(), s.name());
            }
        }
        assertEquals(2, engineLayers);
        assertTrue(saidSo, "no layer reported as output-bound");
    }
}
