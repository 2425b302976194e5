package org.msqsim.models.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.msqsim.boards.BoardCatalog;
import org.msqsim.core.hw.compute.BufferPorts;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.trace.TraceSink;
import org.msqsim.models.graph.Network;
import org.msqsim.models.zoo.ModelZoo;

/**
 * A design whose weight buffer cannot feed its cores (issue 13 point 10): the run stalls them, says so
 * per layer ({@code bound} "ports", {@code portStallPs}), and computes the same bits.
 */
class PortStallRunTest {

    @Test
    void aStarvedWeightBufferStallsTheCoresAndKeepsTheBits() {
        BoardSpec b = BoardCatalog.get("pynq-z2");
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
}
