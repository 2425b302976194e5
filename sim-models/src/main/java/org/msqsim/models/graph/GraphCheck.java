package org.msqsim.models.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.msqsim.models.layer.Dense;
import org.msqsim.models.layer.Layer;
import org.msqsim.models.layer.Shape;

/**
 * Validates a network's nodes and orders them. Three stages, each reporting every problem it finds
 * in one {@link IllegalArgumentException} before the next stage runs (a cycle cannot be looked for
 * among unknown names, nor shapes propagated around a cycle): names and wiring, then acyclicity by
 * Kahn's algorithm, then shapes along the topological order.
 */
final class GraphCheck {
    private GraphCheck() {
    }

    /** The nodes in a topological order that keeps the given order wherever the edges allow it. */
    static List<Node> topologicalOrder(String net, Shape input, List<Node> nodes) {
        if (net == null || net.isBlank() || input == null || nodes == null) {
            throw new IllegalArgumentException("a network needs a name, an input shape and a list of nodes");
        }
        Map<String, Integer> index = wiring(net, nodes);
        List<Node> order = kahn(net, nodes, index);
        shapes(net, input, order, index, nodes);
        return order;
    }

    private static Map<String, Integer> wiring(String net, List<Node> nodes) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        if (nodes.isEmpty()) {
            problems.add("it has no layers");
        }
        for (int i = 0; i < nodes.size(); i++) {
            String name = nodes.get(i).name();
            if (name == null || name.isBlank() || name.equals(Network.INPUT)) {
                problems.add("layer " + i + " has the name '" + name + "'; names must be non-blank and not '"
                        + Network.INPUT + "'");
            } else if (index.putIfAbsent(name, i) != null) {
                problems.add("two layers are named '" + name + "'");
            }
        }
        for (Node n : nodes) {
            if (n.inputs().size() != n.layer().arity()) {
                problems.add("layer '" + n.name() + "' takes " + n.layer().arity() + " input(s) but is given "
                        + n.inputs().size() + " " + n.inputs());
            }
            for (String in : n.inputs()) {
                if (!in.equals(Network.INPUT) && !index.containsKey(in)) {
                    problems.add("layer '" + n.name() + "' reads '" + in + "', which is neither a layer nor '"
                            + Network.INPUT + "'");
                }
            }
        }
        fail(net, problems);
        return index;
    }

    private static List<Node> kahn(String net, List<Node> nodes, Map<String, Integer> index) {
        int[] pending = new int[nodes.size()];
        List<List<Integer>> consumers = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            consumers.add(new ArrayList<>());
        }
        for (int i = 0; i < nodes.size(); i++) {
            for (String in : nodes.get(i).inputs()) {
                if (!in.equals(Network.INPUT)) {
                    consumers.get(index.get(in)).add(i);
                    pending[i]++;
                }
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (pending[i] == 0) {
                ready.add(i);
            }
        }
        List<Node> order = new ArrayList<>(nodes.size());
        while (!ready.isEmpty()) {
            int i = ready.poll();
            order.add(nodes.get(i));
            for (int c : consumers.get(i)) {
                if (--pending[c] == 0) {
                    ready.add(c);
                }
            }
        }
        if (order.size() < nodes.size()) {
            fail(net, List.of("it has a cycle through layers " + cycle(nodes, index, pending)));
        }
        return order;
    }

    /**
     * One cycle among the nodes Kahn's algorithm could not order, in data-flow order. Every such node
     * reads at least one other such node, so walking backwards along those inputs must revisit a node.
     */
    private static String cycle(List<Node> nodes, Map<String, Integer> index, int[] pending) {
        int start = 0;
        while (pending[start] == 0) {
            start++;
        }
        List<Integer> path = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        int at = start;
        while (seen.add(at)) {
            path.add(at);
            for (String in : nodes.get(at).inputs()) {
                Integer p = index.get(in);
                if (p != null && pending[p] > 0) {
                    at = p;
                    break;
                }
            }
        }
        List<Integer> loop = new ArrayList<>(path.subList(path.indexOf(at), path.size()));
        Collections.reverse(loop);
        Collections.rotate(loop, -loop.indexOf(Collections.min(loop))); // start at the first-given layer
        loop.add(loop.get(0));
        return String.join(" -> ", loop.stream().map(i -> nodes.get(i).name()).toList());
    }

    private static void shapes(String net, Shape input, List<Node> order, Map<String, Integer> index,
            List<Node> nodes) {
        List<String> problems = new ArrayList<>();
        for (Node n : order) {
            Layer l = n.layer();
            for (int k = 0; k < n.inputs().size(); k++) {
                String in = n.inputs().get(k);
                Shape s = in.equals(Network.INPUT) ? input : nodes.get(index.get(in)).layer().outputShape();
                if (!l.acceptsInput(s)) {
                    String expects = l instanceof Dense d ? d.in() + " elements" : l.inputShape().toString();
                    problems.add("layer '" + n.name() + "' input " + (k + 1) + " '" + in + "' is " + s
                            + " but '" + n.name() + "' expects " + expects);
                }
            }
        }
        fail(net, problems);
    }

    private static void fail(String net, List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("network '" + net + "' is invalid: " + String.join("; ", problems));
        }
    }
}
