package org.msqsim.models.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.msqsim.boards.BoardCatalog;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.spec.MacKind;
import org.msqsim.core.spec.PeArraySpec;
import org.msqsim.core.trace.TraceSink;
import org.msqsim.models.graph.Network;
import org.msqsim.models.layer.LayerKind;
import org.msqsim.models.lower.Lowering;
import org.msqsim.models.zoo.ModelZoo;

/**
 * Whole networks on the built-in boards: the mapper's invariants, the timing-only cache against fresh
 * runs, and bit-exactness (moved here from the cli module once sim-models could see the boards).
 */
class NetworkRunnerTest {

    static Stream<Arguments> boardsAndModels() {
        return BoardCatalog.all().stream().flatMap(b -> ModelZoo.all().stream().map(n -> Arguments.of(b, n)));
    }

    static NetworkRun run(BoardSpec b, AcceleratorSpec acc, Network net, double f, boolean timingOnly, TraceSink t) {
        return new NetworkRunner(acc, b.device().family().dsp()).run(net,
                new NetworkRunner.Options(f, 1, timingOnly, t, null));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("boardsAndModels")
    void everyModelMapsOntoEveryBoard(BoardSpec b, Network net) {
        AcceleratorSpec acc = b.accelerator();
        NetworkRun run = run(b, acc, net, MsqBalance.balancedFraction(acc), true, TraceSink.NONE);
        assertEquals(net.nodes().size(), run.layers().size());
        assertEquals(net.macs(), run.macs(), "every MAC of the network is done exactly once");
        double peak = acc.dspCore().map(c -> (double) c.peakMacsPerCycle() * c.clockHz()).orElse(0.0)
                + acc.lutCore().map(c -> (double) c.peakMacsPerCycle() * c.clockHz()).orElse(0.0);
        // a depthwise layer on the design's engine: all its MACs there, at most every lane's per clock
        double enginePeak = acc.depthwiseEngine().map(e -> (double) (e.lanes() + e.sp2Lanes()) * acc.controlClockHz())
                .orElse(0.0);
        Lowering lowering = new Lowering(acc);
        for (int i = 0; i < run.layers().size(); i++) {
            LayerResult l = run.layers().get(i);
            assertTrue(l.latencyPs() > 0 || l.fusedInto().isPresent(), l.name()); // a fused layer takes no time of its own
            if (lowering.onDepthwiseEngine(net.nodes().get(i).layer())) {
                assertEquals(0, l.dspMacs() + l.lutMacs(), l.name() + " on the engine, not the cores");
                assertTrue(l.latencyPs() >= l.macs() / enginePeak * 1e12, l.name() + " faster than the engine's peak");
            } else {
                assertEquals(l.macs(), l.dspMacs() + l.lutMacs(), l.name());
                assertTrue(l.latencyPs() >= l.macs() / peak * 1e12, l.name() + " faster than both cores' peak");
            }
        }
    }

    /**
     * Timing-only runs simulate each distinct GEMM once and reuse it; tracing turns the reuse off (a
     * trace needs every run's events). Both must give the same layers, on networks with repeated
     * blocks (ResNet-18) and identical groups (MobileNet-v2's depthwise layers).
     */
    @ParameterizedTest
    @ValueSource(strings = {"resnet18", "mobilenet_v2"})
    void reusedGemmTimingsEqualFreshOnes(String model) {
        BoardSpec b = BoardCatalog.get("zc706");
        AcceleratorSpec acc = b.accelerator();
        TraceSink enabledButSilent = new TraceSink() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public void span(String track, String name, long startPs, long endPs) {
            }

            @Override
            public void counter(String track, long timePs, long value) {
            }
        };
        Network net = ModelZoo.get(model);
        double f = MsqBalance.balancedFraction(acc);
        NetworkRun reused = run(b, acc, net, f, true, TraceSink.NONE);
        NetworkRun fresh = run(b, acc, net, f, true, enabledButSilent);
        assertEquals(fresh.layers(), reused.layers());
    }

    /** A board's default design with its LUT core built of fixed-point multipliers instead of SP2 shift-adders. */
    static AcceleratorSpec withLutFixedCore(AcceleratorSpec a) {
        PeArraySpec l = a.lutCore().orElseThrow();
        return a.withName(a.name() + "-lut-fixed").withCores(a.dspCore(), Optional.of(l.withMac(MacKind.LUT_FIXED)));
    }

    /**
     * A LUT core of fixed-point multipliers takes fixed-point rows (every row is then fixed-point; the
     * fraction says how many go to the LUT core): bit-exact, and with the timing of the timing-only
     * run, which puts the same number of rows there.
     */
    @ParameterizedTest
    @CsvSource({"pynq-z2, cifar_net, 0.15", "pynq-z2, cifar_net, 0.5", "zc706, cifar_net, 1.0",
        "ultra96-v2, lenet_300_100, 0.3", "zc706, mobilenet_v2, 0.4"})
    void lutFixedCoresAreBitExactAndTimedAsInTimingOnly(String board, String model, double f) {
        BoardSpec b = BoardCatalog.get(board);
        AcceleratorSpec acc = withLutFixedCore(b.accelerator());
        Network net = ModelZoo.get(model);
        NetworkRun exact = run(b, acc, net, f, false, TraceSink.NONE);
        NetworkRun timing = run(b, acc, net, f, true, TraceSink.NONE);
        assertTrue(exact.bitExact(), model + " on " + board + " at " + f + ": " + exact.mismatches() + " mismatches");
        assertEquals(timing.latencyPs(), exact.latencyPs());
        long lutMacs = exact.layers().stream().mapToLong(LayerResult::lutMacs).sum();
        assertTrue(lutMacs > 0, "the LUT core did work");
    }

    /** A small CNN (convolutions, pools, dense layers) is bit-exact on every board, with timing-only's timing. */
    @ParameterizedTest
    @MethodSource("org.msqsim.boards.BoardCatalog#ids")
    void smallCnnIsBitExactOnEveryBoard(String board) {
        BoardSpec b = BoardCatalog.get(board);
        AcceleratorSpec acc = b.accelerator();
        Network net = ModelZoo.get("cifar_net");
        double f = MsqBalance.balancedFraction(acc);
        NetworkRun exact = run(b, acc, net, f, false, TraceSink.NONE);
        assertTrue(exact.bitExact(), board + ": " + exact.mismatches() + " mismatches");
        assertEquals(run(b, acc, net, f, true, TraceSink.NONE).layers(), exact.layers().stream()
                .map(l -> new LayerResult(l.name(), l.kind(), l.latencyPs(), l.macs(), l.ddrBytes(), l.dspMacs(),
                        l.lutMacs(), l.memoryPs(), l.imbalancePs(), -1, l.overflows(), l.ddrBytesRead(),
                        l.fusedInto(), l.portStallPs(), l.outputStallPs())).toList(),
                "a bit-exact run is timed as the timing-only run");
    }

    /** MobileNet-v2's linear bottlenecks feed signed activations and residual adds into the next layers. */
    @Test
    void residualAndSignedLayersStayBitExact() {
        BoardSpec b = BoardCatalog.get("zc706");
        AcceleratorSpec acc = b.accelerator();
        NetworkRun exact = run(b, acc, ModelZoo.get("mobilenet_v2"), MsqBalance.balancedFraction(acc), false,
                TraceSink.NONE);
        assertTrue(exact.bitExact(), exact.mismatches() + " mismatches");
        assertTrue(exact.layers().stream().anyMatch(l -> l.kind() == LayerKind.ADD));
    }
}
