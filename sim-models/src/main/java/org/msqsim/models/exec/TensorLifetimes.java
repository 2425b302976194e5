package org.msqsim.models.exec;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.msqsim.models.graph.Node;
import org.msqsim.models.layer.QTensor;

/**
 * The live tensors of a bit-exact network run, by name, in both networks: the simulated one and the
 * golden one beside it. A tensor is dropped after the last node that reads it, so memory follows the
 * largest layer, not the depth; the network's outputs are never read and stay.
 */
final class TensorLifetimes {
    private final Map<String, Integer> lastUse = new HashMap<>();
    private final Map<String, QTensor> simulated = new HashMap<>();
    private final Map<String, QTensor> golden = new HashMap<>();

    TensorLifetimes(List<Node> nodes) {
        for (int i = 0; i < nodes.size(); i++) {
            for (String in : nodes.get(i).inputs()) {
                lastUse.put(in, i);
            }
        }
    }

    void put(String name, QTensor simulatedTensor, QTensor goldenTensor) {
        simulated.put(name, simulatedTensor);
        golden.put(name, goldenTensor);
    }

    QTensor simulated(String name) {
        return simulated.get(name);
    }

    QTensor golden(String name) {
        return golden.get(name);
    }

    List<QTensor> simulatedInputs(Node node) {
        return node.inputs().stream().map(simulated::get).toList();
    }

    List<QTensor> goldenInputs(Node node) {
        return node.inputs().stream().map(golden::get).toList();
    }

    /** Drops the inputs of node {@code i} that no later node reads. */
    void release(Node node, int i) {
        for (String in : node.inputs()) {
            if (lastUse.get(in) == i) {
                simulated.remove(in);
                golden.remove(in);
            }
        }
    }

    /** Whether every output tensor's codes are the same in both networks. */
    boolean outputsMatch(List<String> outputs) {
        boolean match = true;
        for (String out : outputs) {
            match &= Arrays.equals(simulated.get(out).codes(), golden.get(out).codes());
        }
        return match;
    }
}
