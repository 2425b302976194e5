package org.msqsim.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.msqsim.boards.BoardCatalog;
import org.msqsim.core.hw.accel.AcceleratorRun;
import org.msqsim.core.hw.accel.CoreStats;
import org.msqsim.core.hw.memory.DdrStream;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.trace.TraceSink;
import org.msqsim.models.exec.LayerResult;
import org.msqsim.models.exec.LayerRun;
import org.msqsim.models.exec.LayerRunner;
import org.msqsim.models.exec.MsqBalance;
import org.msqsim.models.exec.NetworkRun;
import org.msqsim.models.exec.NetworkRunner;
import org.msqsim.models.layer.LayerParser;
import org.msqsim.models.zoo.ModelZoo;

/** The latency breakdown {@code run --plot} draws: its parts add up, in networks and one-layer runs. */
class LayerBreakdownTest {
    static Stream<Arguments> networks() {
        return Stream.of(Arguments.of("resnet18", "zc706", -1.0), Arguments.of("mobilenet_v2", "pynq-z2", -1.0),
                Arguments.of("resnet50", "kv260", -1.0), Arguments.of("cifar_net", "ultra96-v2", -1.0),
                Arguments.of("resnet18", "u250", 0.0), Arguments.of("vgg16", "zcu104", 0.5),
                Arguments.of("lenet_300_100", "zedboard", 1.0));
    }

    /** Every layer's compute + memory + imbalance equals its latency, none negative, at several fractions. */
    @ParameterizedTest
    @MethodSource("networks")
    void breakdownAddsUpToEachLayersLatency(String model, String board, double fraction) {
        BoardSpec b = BoardCatalog.get(board);
        AcceleratorSpec acc = b.accelerator();
        double f = fraction < 0 ? MsqBalance.balancedFraction(acc) : fraction;
        NetworkRun run = new NetworkRunner(acc, b.device().family().dsp())
                .run(ModelZoo.get(model), new NetworkRunner.Options(f, 1, true, TraceSink.NONE, null));
        long total = 0;
        for (LayerResult l : run.layers()) {
            LayerBreakdown p = LayerBreakdown.of(l, acc);
            assertTrue(p.computePs() >= 0 && p.memoryPs() >= 0 && p.imbalancePs() >= 0, p.toString());
            assertEquals(l.latencyPs(), p.computePs() + p.memoryPs() + p.imbalancePs(), p.toString());
            if (l.macs() == 0) {
                assertEquals(l.latencyPs(), p.memoryPs(), "an element-wise layer is all memory: " + p);
            } else {
                assertTrue(p.computePs() + p.imbalancePs() > 0, "a GEMM layer computes: " + p);
            }
            total += p.computePs() + p.memoryPs() + p.imbalancePs();
        }
        assertEquals(run.latencyPs(), total);
    }

    static Stream<Arguments> layers() {
        return Stream.of(Arguments.of("conv:56x56x64->64,3x3,s1,p1", "zc706", true, -1.0),
                Arguments.of("gemm:1000x1x512", "zc706", true, -1.0),
                Arguments.of("conv:7x7x512->512,3x3,s1,p1", "kv260", true, 0.3),
                Arguments.of("conv:28x28x128->128,3x3,s1,p1", "pynq-z2", true, 0.0),
                Arguments.of("gemm:64x256x128", "zc706", false, -1.0),
                Arguments.of("conv:12x12x8->16,3x3,s1,p1", "ultra96-v2", false, 1.0));
    }

    /**
     * In a one-layer run the parts add up too, and against the cores' own counters: the time a step is
     * in flight is a core's busy time plus its wait for the other core (the same for both cores), and
     * compute plus imbalance is exactly the steps' time plus what the output stage's lanes held alone
     * (not memory time, as in a network layer's breakdown).
     */
    @ParameterizedTest
    @MethodSource("layers")
    void oneLayerBreakdownAgreesWithTheCoreCounters(String layer, String board, boolean timingOnly, double fraction) {
        BoardSpec b = BoardCatalog.get(board);
        AcceleratorSpec acc = b.accelerator();
        double f = fraction < 0 ? MsqBalance.balancedFraction(acc) : fraction;
        LayerRun lr = new LayerRunner(acc, b.device().family().dsp())
                .run(LayerParser.parse(layer), new LayerRunner.Options(f, 1, timingOnly, TraceSink.NONE));
        AcceleratorRun r = lr.run();
        LayerBreakdown p = LayerBreakdown.of(lr);
        assertEquals(r.latencyPs(), p.computePs() + p.memoryPs() + p.imbalancePs());
        long stepsDsp = r.dsp().map(CoreStats::busyPs).orElseThrow() + r.stalls().dspWaitingLut();
        long stepsLut = r.lut().map(CoreStats::busyPs).orElseThrow() + r.stalls().lutWaitingDsp();
        assertEquals(stepsDsp, stepsLut, "both cores see the same steps");
        long steps = stepsDsp;
        // what the output stage's lanes held alone is not memory (as in a network layer): it falls in compute
        assertEquals(steps + r.stalls().outputStage(), p.computePs() + p.imbalancePs(),
                "compute + imbalance = the steps' time + the output stage's hold");
        assertEquals(r.stalls().memory(), p.memoryPs());
        assertTrue(r.stalls().finalStoreDrain() > 0, "a layer ends with its last store");
        long oneStore = new DdrStream(0, r.ddrBytesWritten()).latencyPs(acc.ddr());
        assertTrue(r.stalls().finalStoreDrain() <= oneStore, "the drain is at most one store: "
                + r.stalls().finalStoreDrain() + " ps, bound " + oneStore);
        if (!timingOnly) {
            assertTrue(lr.bitExact());
        }
    }
}
