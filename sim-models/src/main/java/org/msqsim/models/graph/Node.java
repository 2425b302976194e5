package org.msqsim.models.graph;

import java.util.List;
import java.util.Objects;
import org.msqsim.models.layer.Layer;

/**
 * A layer in a network and the names of the tensors it reads, in order: other layers' names or
 * {@link Network#INPUT}. A residual add lists both of its operands; the same producer may feed many
 * consumers.
 */
public record Node(Layer layer, List<String> inputs) {
    public Node {
        if (layer == null || inputs == null || inputs.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("a node needs a layer and non-null input names");
        }
        inputs = List.copyOf(inputs);
    }

    public String name() {
        return layer.name();
    }
}
