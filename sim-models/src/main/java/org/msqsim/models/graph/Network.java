package org.msqsim.models.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.msqsim.models.layer.Layer;
import org.msqsim.models.layer.Shape;

/**
 * A network for one image: a directed acyclic graph of named layers with explicit inputs, fed by one
 * input tensor called {@value #INPUT}.
 *
 * <p>Invariants, established by {@link GraphCheck} when the network is built: names are unique and
 * non-blank; every input names an earlier node or {@value #INPUT}; each layer has as many inputs as
 * its arity; there is no cycle; every producer's output shape is one the consumer accepts (shape
 * inference: a node's output shape is its layer's, its input shapes are its producers'). Nodes are
 * kept in a topological order that respects the order they were given in where the graph allows.
 */
public final class Network {
    /** The name by which layers refer to the network's input tensor. */
    public static final String INPUT = "input";

    private final String name;
    private final String description;
    private final Shape input;
    private final List<Node> nodes;
    private final Map<String, Node> byName;

    Network(String name, String description, Shape input, List<Node> topoOrder) {
        this.name = name;
        this.description = description;
        this.input = input;
        this.nodes = List.copyOf(topoOrder);
        Map<String, Node> m = new LinkedHashMap<>();
        for (Node n : nodes) {
            m.put(n.name(), n);
        }
        this.byName = m;
    }

    /**
     * A network from nodes in any order.
     *
     * @throws IllegalArgumentException listing every problem found (duplicate or reserved names,
     *         unknown inputs, wrong number of inputs, a cycle, mismatched shapes), each naming its layers
     */
    public static Network of(String name, String description, Shape input, List<Node> nodes) {
        return new Network(name, description, input, GraphCheck.topologicalOrder(name, input, nodes));
    }

    public static Builder builder(String name, String description, Shape input) {
        return new Builder(name, description, input);
    }

    public String name() {
        return name;
    }

    /** What the network is and where its shapes come from. */
    public String description() {
        return description;
    }

    /** The shape of the input tensor. */
    public Shape input() {
        return input;
    }

    /** All nodes in topological order. */
    public List<Node> nodes() {
        return nodes;
    }

    public List<Layer> layers() {
        return nodes.stream().map(Node::layer).toList();
    }

    /** @throws IllegalArgumentException naming the unknown layer */
    public Node node(String layerName) {
        Node n = byName.get(layerName);
        if (n == null) {
            throw new IllegalArgumentException("network '" + name + "' has no layer '" + layerName + "'");
        }
        return n;
    }

    /** The shape of a tensor: {@value #INPUT} or a layer's output. */
    public Shape shapeOf(String tensor) {
        return tensor.equals(INPUT) ? input : node(tensor).layer().outputShape();
    }

    /** The layers whose outputs no layer reads: the network's results. */
    public List<String> outputs() {
        Set<String> out = new LinkedHashSet<>(byName.keySet());
        for (Node n : nodes) {
            n.inputs().forEach(out::remove);
        }
        return List.copyOf(out);
    }

    public long macs() {
        return nodes.stream().mapToLong(n -> n.layer().macs()).sum();
    }

    public long params() {
        return nodes.stream().mapToLong(n -> n.layer().params()).sum();
    }

    public long elementOps() {
        return nodes.stream().mapToLong(n -> n.layer().elementOps()).sum();
    }

    /** A plain-text table of every layer in topological order, then the totals. */
    public String listing() {
        String row = "%-24s %-46s %-13s %15s %12s %12s%n";
        StringBuilder sb = new StringBuilder(String.format(row, "layer", "form", "output", "MACs", "params",
                "other ops"));
        sb.append("-".repeat(127)).append('\n');
        for (Node n : nodes) {
            Layer l = n.layer();
            sb.append(String.format(row, l.name(), l.describe(), l.outputShape(), String.format("%,d", l.macs()),
                    String.format("%,d", l.params()), String.format("%,d", l.elementOps())));
        }
        sb.append(String.format(row, "total (" + nodes.size() + " layers)", "", "", String.format("%,d", macs()),
                String.format("%,d", params()), String.format("%,d", elementOps())));
        return sb.toString();
    }

    @Override
    public String toString() {
        return name + " (" + nodes.size() + " layers, input " + input + ")";
    }

    /** Adds nodes one at a time and checks the whole graph in {@link #build()}. */
    public static final class Builder {
        private final String name;
        private final String description;
        private final Shape input;
        private final List<Node> nodes = new ArrayList<>();
        private final Map<String, Node> byName = new LinkedHashMap<>();

        private Builder(String name, String description, Shape input) {
            this.name = name;
            this.description = description;
            this.input = input;
        }

        /** Adds a layer reading the named tensors; returns the layer's name, for chaining into later inputs. */
        public String add(Layer layer, String... inputs) {
            Node n = new Node(layer, Arrays.asList(inputs));
            nodes.add(n);
            byName.putIfAbsent(n.name(), n);
            return n.name();
        }

        /**
         * The shape of {@value #INPUT} or of an added layer's output, for building the next layer.
         *
         * @throws IllegalArgumentException when no such tensor has been added
         */
        public Shape shapeOf(String tensor) {
            if (tensor.equals(INPUT)) {
                return input;
            }
            Node n = byName.get(tensor);
            if (n == null) {
                throw new IllegalArgumentException("network '" + name + "': no layer '" + tensor + "' added yet");
            }
            return n.layer().outputShape();
        }

        /** @throws IllegalArgumentException as {@link Network#of} */
        public Network build() {
            return Network.of(name, description, input, nodes);
        }
    }
}
