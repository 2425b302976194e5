package org.msqsim.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.msqsim.boards.BoardCatalog;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.trace.TraceSink;
import org.msqsim.models.exec.MsqBalance;
import org.msqsim.models.exec.NetworkRun;
import org.msqsim.models.exec.NetworkRunner;
import org.msqsim.models.exec.WeightSource;
import org.msqsim.models.graph.Network;
import org.msqsim.models.zoo.ModelZoo;

/**
 * A network exported in PyTorch's layout (initializers, Conv + Relu, MaxPool, Flatten, Gemm with
 * transB) with the shapes of built-in cifar_net gives exactly the built-in model's MACs and cycles,
 * and runs bit-exactly on its own weights.
 */
class PyTorchLayoutTest {
    static byte[] cifarNet() {
        OnnxBuilder b = new OnnxBuilder(3, 17, 1, 3, 32, 32);
        String x = b.node("Relu", new String[] {b.conv("input.1", "conv1", 3, 6, 5, 1, 0, 1)});
        x = b.node("MaxPool", new String[] {x}, "kernel_shape", new long[] {2, 2}, "strides", new long[] {2, 2});
        x = b.node("Relu", new String[] {b.conv(x, "conv2", 6, 16, 5, 1, 0, 1)});
        x = b.node("MaxPool", new String[] {x}, "kernel_shape", new long[] {2, 2}, "strides", new long[] {2, 2});
        x = b.node("Flatten", new String[] {x}, "axis", 1L);
        x = b.node("Relu", new String[] {b.linear(x, "fc1", 400, 120)});
        x = b.node("Relu", new String[] {b.linear(x, "fc2", 120, 84)});
        x = b.linear(x, "fc3", 84, 10);
        return b.build(x);
    }

    @Test
    void sameCyclesAndMacsAsBuiltIn() {
        ImportedNetwork imp = OnnxImporter.read(Path.of("cifar_net.onnx"), cifarNet(), Optional.empty());
        Network builtIn = ModelZoo.get("cifar_net");
        assertEquals(builtIn.macs(), imp.network().macs());
        assertEquals(builtIn.nodes().size(), imp.network().nodes().size());
        for (String board : new String[] {"zc706", "pynq-z2"}) {
            BoardSpec bs = BoardCatalog.get(board);
            double f = MsqBalance.balancedFraction(bs.accelerator());
            NetworkRunner r = new NetworkRunner(bs.accelerator(), bs.device().family().dsp());
            NetworkRun a = r.run(builtIn, new NetworkRunner.Options(f, 1, true, TraceSink.NONE, null));
            NetworkRun b = r.run(imp.network(), new NetworkRunner.Options(f, 1, true, TraceSink.NONE, null));
            assertEquals(a.latencyPs(), b.latencyPs(), board);
            assertEquals(a.macs(), b.macs(), board);
            assertEquals(a.ddrBytes(), b.ddrBytes(), board);
        }
    }

    @Test
    void runsBitExactOnItsWeights() {
        ImportedNetwork imp = OnnxImporter.read(Path.of("cifar_net.onnx"), cifarNet(), Optional.empty());
        BoardSpec bs = BoardCatalog.get("zc706");
        NetworkRun run = new NetworkRunner(bs.accelerator(), bs.device().family().dsp()).run(imp.network(),
                new NetworkRunner.Options(0.3, 1, false, TraceSink.NONE, null,
                        WeightSource.given(imp.weights(), imp.biases(), 1)));
        assertEquals(true, run.bitExact());
    }
}
