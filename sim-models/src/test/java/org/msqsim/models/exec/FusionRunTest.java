package org.msqsim.models.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.msqsim.boards.BoardCatalog;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.spec.FusionSpec;
import org.msqsim.core.trace.TraceSink;
import org.msqsim.models.graph.Network;
import org.msqsim.models.layer.LayerKind;
import org.msqsim.models.lower.Fusion;
import org.msqsim.models.lower.Lowering;
import org.msqsim.models.zoo.ModelZoo;

/**
 * Element-wise layers fused into the producing convolution's output stage (issue 13 point 3):
 * which layers fuse, that values do not change (bit-exact against the golden network and equal to
 * the unfused run's), and that the traffic moves to the convolution and time is saved.
 */
class FusionRunTest {

    private static NetworkRun run(BoardSpec b, AcceleratorSpec acc, Network net, boolean timingOnly) {
        return new NetworkRunner(acc, b.device().family().dsp()).run(net,
                new NetworkRunner.Options(MsqBalance.balancedFraction(acc), 1, timingOnly, TraceSink.NONE, null));
    }

    @Test
    void resnet18FusesItsEightAddsAndItsStemPool() {
        AcceleratorSpec acc = BoardCatalog.get("zc706").accelerator();
        Network net = ModelZoo.get("resnet18");
        Fusion f = Fusion.plan(net, acc, new Lowering(acc));
        long adds = net.layers().stream().filter(l -> l.kind() == LayerKind.ADD).count();
        long pools = net.layers().stream().filter(l -> l.kind() == LayerKind.MAXPOOL).count();
        assertEquals(8, adds);
        assertEquals(adds + pools, f.size(), "every add and the max pool fuse");
        assertEquals(0, Fusion.plan(net, acc.withFusion(FusionSpec.NONE), new Lowering(acc)).size());
        assertEquals(8, Fusion.plan(net, acc.withFusion(new FusionSpec(true, false, 8)), new Lowering(acc)).size());
        // the stem pool needs 2 rows × 56 × 64 channels × 4 bit = 3.5 KiB of partial maxima
        assertEquals(0, Fusion.plan(net, acc.withFusion(new FusionSpec(false, true, 3)), new Lowering(acc)).size());
        assertEquals(1, Fusion.plan(net, acc.withFusion(new FusionSpec(false, true, 4)), new Lowering(acc)).size());
    }

    @ParameterizedTest
    @CsvSource({"zc706, resnet18", "zedboard, resnet18", "pynq-z2, cifar_net", "zcu104, mobilenet_v2"})
    void fusedLayersTakeNoTimeAndTheirTrafficMovesToTheConvolution(String board, String model) {
        BoardSpec b = BoardCatalog.get(board);
        AcceleratorSpec fused = b.accelerator();
        AcceleratorSpec plain = fused.withFusion(FusionSpec.NONE);
        Network net = ModelZoo.get(model);
        NetworkRun f = run(b, fused, net, true);
        NetworkRun p = run(b, plain, net, true);
        assertEquals(p.macs(), f.macs());
        int fusedLayers = 0;
        for (int i = 0; i < net.nodes().size(); i++) {
            LayerResult lf = f.layers().get(i);
            if (lf.fusedInto().isPresent()) {
                fusedLayers++;
                assertEquals(0, lf.latencyPs());
                assertEquals(0, lf.ddrBytes());
                assertEquals("fused", lf.bound());
                LayerResult conv = f.layers().stream().filter(l -> l.name().equals(lf.fusedInto().get()))
                        .findFirst().orElseThrow();
                assertEquals(LayerKind.CONV, conv.kind());
            }
        }
        assertTrue(fusedLayers > 0 || !model.equals("resnet18"));
        assertTrue(f.ddrBytes() < p.ddrBytes() || fusedLayers == 0, f.ddrBytes() + " vs " + p.ddrBytes());
        assertTrue(f.latencyPs() <= p.latencyPs(), "fusion saves the round trips: " + f.latencyPs() + " vs "
                + p.latencyPs());
    }

    /** The same values fused or not, and every layer equal to the golden network's. */
    @Test
    void fusionChangesNoValue() {
        BoardSpec b = BoardCatalog.get("pynq-z2");
        AcceleratorSpec fused = b.accelerator();
        Network net = ModelZoo.get("cifar_net");
        NetworkRun f = run(b, fused, net, false);
        NetworkRun p = run(b, fused.withFusion(FusionSpec.NONE), net, false);
        assertTrue(f.bitExact(), f.mismatches() + " mismatches");
        assertTrue(p.bitExact());
        List<String> fusedNames = f.layers().stream().filter(l -> l.fusedInto().isPresent()).map(LayerResult::name)
                .toList();
        assertEquals(List.of("pool1", "pool2"), fusedNames);
        assertEquals(Optional.of("conv1"), f.layers().get(1).fusedInto());
        assertEquals(run(b, fused, net, true).layers(), f.layers().stream()
                .map(l -> new LayerResult(l.name(), l.kind(), l.latencyPs(), l.macs(), l.ddrBytes(), l.dspMacs(),
                        l.lutMacs(), l.memoryPs(), l.imbalancePs(), -1, l.overflows(), l.ddrBytesRead(),
                        l.fusedInto(), l.portStallPs(), l.outputStallPs())).toList(), "a bit-exact run is timed as the timing-only run");
    }
}
