package org.msqsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.msqsim.boards.BoardCatalog;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.trace.TraceSink;
import org.msqsim.models.exec.LayerResult;
import org.msqsim.models.exec.MsqBalance;
import org.msqsim.models.exec.NetworkRun;
import org.msqsim.models.exec.NetworkRunner;
import org.msqsim.models.graph.Network;
import org.msqsim.models.zoo.ModelZoo;

/** Whole networks: the mapper's invariants on every built-in model and board, and the CLI's report. */
class NetworkRunTest {

    static Stream<Arguments> boardsAndModels() {
        return BoardCatalog.all().stream().flatMap(b -> ModelZoo.all().stream().map(n -> Arguments.of(b, n)));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("boardsAndModels")
    void everyModelMapsOntoEveryBoard(BoardSpec b, Network net) {
        AcceleratorSpec acc = b.accelerator();
        NetworkRun run = new NetworkRunner(acc, b.device().family().dsp()).run(net,
                new NetworkRunner.Options(MsqBalance.balancedFraction(acc), 1, true, TraceSink.NONE, null));
        assertEquals(net.nodes().size(), run.layers().size());
        assertEquals(net.macs(), run.macs(), "every MAC of the network is done exactly once");
        double peak = acc.dspCore().map(c -> (double) c.peakMacsPerCycle() * c.clockHz()).orElse(0.0)
                + acc.lutCore().map(c -> (double) c.peakMacsPerCycle() * c.clockHz()).orElse(0.0);
        for (LayerResult l : run.layers()) {
            assertTrue(l.latencyPs() > 0, l.name());
            assertEquals(l.macs(), l.dspMacs() + l.lutMacs(), l.name());
            assertTrue(l.latencyPs() >= l.macs() / peak * 1e12, l.name() + " faster than both cores' peak");
        }
    }

    @Test
    void smallNetworkIsBitExactAndReportsTheRequiredFields() throws IOException {
        CliRunner r = CliRunner.run("run", "--board", RunCommandTest.board("tiny-z2.yaml"), "--model", "cifar_net",
                "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertTrue(j.get("bit_exact").asBoolean());
        assertEquals(7, j.get("layers").size());
        for (JsonNode l : j.get("layers")) {
            assertTrue(l.has("name") && l.get("cycles").asLong() > 0 && l.get("latency_ms").asDouble() > 0);
            assertTrue(l.get("bit_exact").asBoolean(), l.toString());
        }
        for (String k : new String[] {"latency_ms", "fps", "gops"}) {
            assertTrue(j.get(k).asDouble() > 0, k);
        }
        assertTrue(j.get("resources").get("dsp").has("used"));
        CliRunner t = CliRunner.run("run", "--board", RunCommandTest.board("tiny-z2.yaml"), "--model", "cifar_net",
                "--timing-only", "--format", "json");
        JsonNode tj = new ObjectMapper().readTree(t.out());
        assertEquals(j.get("cycles"), tj.get("cycles"), "timing-only gives the same cycles");
        assertTrue(tj.get("bit_exact").isNull());
    }

    @Test
    void residualAndSignedLayersStayBitExact() throws IOException {
        // MobileNet-v2's linear bottlenecks feed signed activations and residual adds into the next layers.
        CliRunner r = CliRunner.run("run", "--board", "pynq-z2", "--model", "lenet_300_100", "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertTrue(new ObjectMapper().readTree(r.out()).get("bit_exact").asBoolean());
    }

    @Test
    void modelErrors() {
        CliRunner unknown = CliRunner.run("run", "--model", "alexnet");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("resnet18"), unknown.err());
        CliRunner both = CliRunner.run("run", "--model", "resnet18", "--layer", "gemm:8x8x8");
        assertEquals(2, both.code());
        CliRunner models = CliRunner.run("models", "--format", "json");
        assertEquals(0, models.code());
    }
}
