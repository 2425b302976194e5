package org.msqsim.models.onnx;

import java.util.Map;
import java.util.Optional;
import org.msqsim.models.graph.Network;
import org.msqsim.models.layer.GemmLayer;
import org.msqsim.models.tensor.FloatMatrix;

/**
 * An imported network: the graph, each GEMM layer's trained weights ({@code K × (C/groups)·R·S}, the
 * layout {@code WeightSource} reads) and bias, and the names of the ONNX input and outputs.
 */
public record ImportedNetwork(Network network, Map<String, FloatMatrix> weights, Map<String, double[]> biases,
                              String inputName, Map<String, String> outputs) {
    public ImportedNetwork {
        weights = Map.copyOf(weights);
        biases = Map.copyOf(biases);
        outputs = Map.copyOf(outputs);
    }

    public FloatMatrix weights(GemmLayer g) {
        FloatMatrix m = weights.get(g.name());
        if (m == null) {
            throw new IllegalArgumentException("no weights for layer " + g.name());
        }
        return m;
    }

    public Optional<double[]> bias(GemmLayer g) {
        return Optional.ofNullable(biases.get(g.name()));
    }
}
