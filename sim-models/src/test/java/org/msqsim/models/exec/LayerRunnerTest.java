package org.msqsim.models.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.msqsim.boards.BoardCatalog;
import org.msqsim.core.hw.accel.AcceleratorRun;
import org.msqsim.core.hw.accel.StallBreakdown;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.trace.TraceSink;
import org.msqsim.models.graph.Network;
import org.msqsim.models.graph.Node;
import org.msqsim.models.layer.GemmLayer;
import org.msqsim.models.layer.Layer;
import org.msqsim.models.layer.LayerParser;

/** The one-layer runner: bit-exact, timed as its timing-only run, and as the same layer in a one-node network. */
class LayerRunnerTest {

    static LayerRun run(String board, String layer, double f, boolean timingOnly) {
        BoardSpec b = BoardCatalog.get(board);
        return new LayerRunner(b.accelerator(), b.device().family().dsp())
                .run(LayerParser.parse(layer), new LayerRunner.Options(f, 1, timingOnly, TraceSink.NONE));
    }

    @ParameterizedTest
    @CsvSource({"zc706, 'conv:56x56x64->64,3x3,s1,p1', 0.3",
        "pynq-z2, 'gemm:64x256x128', 0.0",
        "kv260, 'dense:512->1000', 1.0",
        "ultra96-v2, 'conv:12x12x8->16,3x3,s1,p1', 0.5",
        "zcu104, 'conv:14x14x3->32,3x3,s2,p1', 0.25"})
    void bitExactAndTimedAsTimingOnly(String board, String layer, double f) {
        LayerRun exact = run(board, layer, f, false);
        LayerRun timing = run(board, layer, f, true);
        assertTrue(exact.bitExact(), exact.mismatches() + " mismatches, first " + exact.firstMismatch());
        assertEquals(timing.run().latencyPs(), exact.run().latencyPs());
        assertEquals(timing.sp2Rows(), exact.sp2Rows());
        assertEquals(exact.layer().macs(), exact.run().macs());
    }

    /** A one-layer run times its layer exactly as a network of that one layer does. */
    @ParameterizedTest
    @ValueSource(strings = {"conv:28x28x128->128,3x3,s1,p1", "gemm:1000x1x512", "dense:784->300,relu"})
    void timedAsAOneNodeNetwork(String text) {
        BoardSpec b = BoardCatalog.get("zc706");
        AcceleratorSpec acc = b.accelerator();
        double f = MsqBalance.balancedFraction(acc);
        Layer layer = LayerParser.parse(text);
        AcceleratorRun one = new LayerRunner(acc, b.device().family().dsp())
                .run(layer, new LayerRunner.Options(f, 1, true, TraceSink.NONE)).run();
        Network net = Network.of("one", "one layer", layer.inputShape(),
                List.of(new Node(layer, List.of(Network.INPUT))));
        LayerResult r = new NetworkRunner(acc, b.device().family().dsp())
                .run(net, new NetworkRunner.Options(f, 1, true, TraceSink.NONE, null)).layers().get(0);
        assertEquals(one.latencyPs(), r.latencyPs());
        assertEquals(one.macs(), r.macs());
        assertEquals(one.ddrBytesRead() + one.ddrBytesWritten(), r.ddrBytes());
        assertEquals(one.stalls().memory(), r.memoryPs());
        assertEquals(((GemmLayer) layer).macs(), r.macs());
    }

    /**
     * The cause of the ZC706 default's split: on a one-lane output stage (which holds every store) a
     * small layer's one-layer run and one-node network report the same memory time, and neither counts
     * the stage's hold as memory — it is {@code outputStallPs} beside it, and memory, the hold,
     * imbalance and the steps' own time tile the latency.
     */
    @ParameterizedTest
    @CsvSource({"zc706, 'conv:8x8x16->24,3x3,s1,p1'", "pynq-z2, 'gemm:40x64x48'", "kv260, 'dense:96->40'"})
    void anOutputStageHoldIsNotMemoryInEitherRunner(String board, String text) {
        BoardSpec b = BoardCatalog.get(board);
        AcceleratorSpec acc = b.accelerator().withFusion(b.accelerator().fusion().withLanes(OptionalInt.of(1)));
        double f = MsqBalance.balancedFraction(acc);
        Layer layer = LayerParser.parse(text);
        AcceleratorRun one = new LayerRunner(acc, b.device().family().dsp())
                .run(layer, new LayerRunner.Options(f, 1, true, TraceSink.NONE)).run();
        LayerResult r = new NetworkRunner(acc, b.device().family().dsp())
                .run(Network.of("one", "one layer", layer.inputShape(), List.of(new Node(layer, List.of(Network.INPUT)))),
                        new NetworkRunner.Options(f, 1, true, TraceSink.NONE, null)).layers().get(0);
        StallBreakdown s = one.stalls();
        assertTrue(s.outputStage() > 0, "one lane must hold the stores: " + s);
        assertEquals(one.latencyPs(), r.latencyPs());
        assertEquals(s.outputStage(), r.outputStallPs());
        assertEquals(s.memory(), r.memoryPs());
        assertEquals(s.computeWaitingData() + s.computeWaitingOutput() + s.finalStoreDrain(),
                s.memory() + s.outputStage(), "the hold is part of the waits, not of memory");
        long steps = one.latencyPs() - s.memory() - s.outputStage() - s.imbalance();
        assertTrue(steps > 0 && steps <= one.latencyPs(), "memory, hold and imbalance tile the latency: " + s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"conv:14x14x32->32,3x3,s1,p1,g32", "maxpool:8x8x4,2x2", "add:4x4x8"})
    void refusesWhatIsNotOneGemm(String text) {
        InfeasibleException e = assertThrows(InfeasibleException.class, () -> run("zc706", text, 0.5, true));
        assertTrue(e.getMessage().contains("is not one GEMM"), e.getMessage());
    }
}
