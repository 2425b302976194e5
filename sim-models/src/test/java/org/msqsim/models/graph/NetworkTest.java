package org.msqsim.models.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.msqsim.models.layer.Activation;
import org.msqsim.models.layer.Add;
import org.msqsim.models.layer.Conv2d;
import org.msqsim.models.layer.Dense;
import org.msqsim.models.layer.GlobalAvgPool;
import org.msqsim.models.layer.Shape;

/** Construction, order, shape inference, totals and every validation error of {@link Network}. */
class NetworkTest {
    private static final Shape IN = new Shape(8, 16, 16);

    private static Conv2d conv(String name, int k, int stride) {
        return new Conv2d(name, 16, 16, 8, k, 3, 3, stride, 1, 1, true, Activation.RELU);
    }

    /** stem → a, stem → b (a residual pair), add(a, b) → gap → fc. */
    private static List<Node> residual() {
        return List.of(
                new Node(conv("stem", 8, 1), List.of(Network.INPUT)),
                new Node(conv("a", 8, 1), List.of("stem")),
                new Node(conv("b", 8, 1), List.of("stem")),
                new Node(new Add("sum", IN, Activation.RELU), List.of("a", "b")),
                new Node(new GlobalAvgPool("gap", IN), List.of("sum")),
                new Node(new Dense("fc", 8, 10, true, Activation.NONE), List.of("gap")));
    }

    @Test
    void residualNetworkHasShapesTotalsAndOneOutput() {
        Network n = Network.of("res", "test", IN, residual());
        assertEquals(List.of("stem", "a", "b", "sum", "gap", "fc"), n.nodes().stream().map(Node::name).toList());
        assertEquals(List.of("fc"), n.outputs());
        assertEquals(IN, n.shapeOf(Network.INPUT));
        assertEquals(new Shape(8, 1, 1), n.shapeOf("gap"));
        assertEquals(new Shape(10, 1, 1), n.shapeOf("fc"));
        long convMacs = 8L * 8 * 9 * 16 * 16;
        assertEquals(3 * convMacs + 80, n.macs());
        assertEquals(3 * (8L * 8 * 9 + 8) + 90, n.params());
        assertEquals(2L * 8 * 16 * 16, n.elementOps());
        String listing = n.listing();
        assertTrue(listing.contains("total (6 layers)"), listing);
        assertTrue(listing.contains(String.format("%,d", n.macs())), listing);
    }

    @Test
    void anyGivenOrderIsSortedTopologicallyAndStably() {
        List<Node> nodes = new ArrayList<>(residual());
        Collections.shuffle(nodes, new Random(7));
        Network n = Network.of("res", "test", IN, nodes);
        List<String> seen = new ArrayList<>(List.of(Network.INPUT));
        for (Node node : n.nodes()) {
            assertTrue(seen.containsAll(node.inputs()), node.name() + " before its inputs in " + n.nodes());
            seen.add(node.name());
        }
        assertEquals(Network.of("res", "test", IN, residual()).nodes(), Network.of("res", "test", IN, residual()).nodes());
    }

    @Test
    void builderInfersShapesAsItGoes() {
        Network.Builder b = Network.builder("chain", "test", IN);
        String x = b.add(conv("c1", 16, 2), Network.INPUT);
        assertEquals(new Shape(16, 8, 8), b.shapeOf(x));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.shapeOf("nope"));
        assertTrue(e.getMessage().contains("no layer 'nope' added yet"), e.getMessage());
        assertEquals(List.of("c1"), b.build().outputs());
    }

    @Test
    void unknownInputsDuplicateNamesAndWrongArityAreAllReported() {
        List<Node> nodes = List.of(
                new Node(conv("stem", 8, 1), List.of(Network.INPUT)),
                new Node(conv("stem", 8, 1), List.of("stem")),
                new Node(conv("a", 8, 1), List.of("ghost")),
                new Node(new Add("sum", IN, Activation.NONE), List.of("a")),
                new Node(conv(Network.INPUT, 8, 1), List.of("a")));
        String m = assertThrows(IllegalArgumentException.class, () -> Network.of("bad", "", IN, nodes)).getMessage();
        assertTrue(m.startsWith("network 'bad' is invalid: "), m);
        assertTrue(m.contains("two layers are named 'stem'"), m);
        assertTrue(m.contains("layer 'a' reads 'ghost', which is neither a layer nor 'input'"), m);
        assertTrue(m.contains("layer 'sum' takes 2 input(s) but is given 1 [a]"), m);
        assertTrue(m.contains("has the name 'input'"), m);
    }

    @Test
    void aCycleIsNamedLayerByLayer() {
        List<Node> nodes = List.of(
                new Node(conv("stem", 8, 1), List.of(Network.INPUT)),
                new Node(conv("a", 8, 1), List.of("c")),
                new Node(conv("b", 8, 1), List.of("a")),
                new Node(new Add("c", IN, Activation.NONE), List.of("stem", "b")));
        String m = assertThrows(IllegalArgumentException.class, () -> Network.of("loop", "", IN, nodes)).getMessage();
        assertTrue(m.contains("it has a cycle through layers a -> b -> c -> a"), m);
    }

    @Test
    void aSelfLoopIsACycle() {
        List<Node> nodes = List.of(new Node(new Add("x", IN, Activation.NONE), List.of(Network.INPUT, "x")));
        String m = assertThrows(IllegalArgumentException.class, () -> Network.of("self", "", IN, nodes)).getMessage();
        assertTrue(m.contains("cycle through layers x -> x"), m);
    }

    @Test
    void mismatchedShapesNameBothLayers() {
        List<Node> nodes = List.of(
                new Node(conv("down", 16, 2), List.of(Network.INPUT)),
                new Node(new Add("sum", IN, Activation.NONE), List.of(Network.INPUT, "down")),
                new Node(new Dense("fc", 100, 10, false, Activation.NONE), List.of("down")));
        String m = assertThrows(IllegalArgumentException.class, () -> Network.of("shapes", "", IN, nodes)).getMessage();
        assertTrue(m.contains("layer 'sum' input 2 'down' is 16×8×8 but 'sum' expects 8×16×16"), m);
        assertTrue(m.contains("layer 'fc' input 1 'down' is 16×8×8 but 'fc' expects 100 elements"), m);
    }

    @Test
    void anEmptyNetworkIsInvalid() {
        String m = assertThrows(IllegalArgumentException.class, () -> Network.of("none", "", IN, List.of()))
                .getMessage();
        assertTrue(m.contains("it has no layers"), m);
    }

    @Test
    void unknownLayerLookupsNameTheNetwork() {
        Network n = Network.of("res", "test", IN, residual());
        String m = assertThrows(IllegalArgumentException.class, () -> n.node("fc2")).getMessage();
        assertEquals("network 'res' has no layer 'fc2'", m);
    }
}
