package org.msqsim.models.exec;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.msqsim.models.graph.Node;
import org.msqsim.models.layer.GemmLayer;
import org.msqsim.models.quant.QuantizedWeights;

/**
 * The next GEMM layer's quantized weights, made in the {@link Background} while this layer's
 * simulated and golden GEMMs run. Quantization depends only on the layer and the weight source,
 * never on activations, so computing it early changes no value (the rows are scored in parallel with
 * a result that does not depend on the thread count). Holds at most one layer's weights.
 */
final class WeightPrefetch {
    private final Function<GemmLayer, QuantizedWeights> quantize;
    private GemmLayer layer;
    private CompletableFuture<QuantizedWeights> weights;

    WeightPrefetch(Function<GemmLayer, QuantizedWeights> quantize) {
        this.quantize = quantize;
    }

    /** The weights of {@code g}: the prefetched ones when they are {@code g}'s, else quantized now. */
    QuantizedWeights take(GemmLayer g) {
        if (layer == g) {
            CompletableFuture<QuantizedWeights> q = weights;
            layer = null;
            weights = null;
            return Background.join(q);
        }
        return quantize.apply(g);
    }

    /** Starts quantizing {@code next} in the background; nothing when there is none. */
    void start(Optional<GemmLayer> next) {
        next.ifPresent(g -> {
            weights = Background.supply(() -> quantize.apply(g));
            layer = g;
        });
    }

    /** The next GEMM layer after node {@code i}, if any. */
    static Optional<GemmLayer> nextGemm(List<Node> nodes, int i) {
        for (int j = i + 1; j < nodes.size(); j++) {
            if (nodes.get(j).layer() instanceof GemmLayer g) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }
}
