package org.msqsim.models.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.msqsim.models.graph.Network;
import org.msqsim.models.graph.Node;
import org.msqsim.models.io.NpyHeader;
import org.msqsim.models.io.NpyReader;
import org.msqsim.models.layer.Activation;
import org.msqsim.models.layer.Add;
import org.msqsim.models.layer.Conv2d;
import org.msqsim.models.layer.Dense;
import org.msqsim.models.layer.GemmLayer;
import org.msqsim.models.layer.Layer;
import org.msqsim.models.layer.LayerParser;
import org.msqsim.models.layer.Shape;

/** The registry, and the published shapes and torchvision names of each built-in network. */
class ModelZooTest {

    static List<Network> models() {
        return ModelZoo.all();
    }

    @Test
    void registryListsItsModelsInOrderAndFindsThemByName() {
        assertEquals(List.of("resnet18", "resnet50", "resnet50_v1", "mobilenet_v1", "mobilenet_v2", "vgg16",
                "cifar_net", "lenet_300_100"), ModelZoo.names());
        assertSame(ModelZoo.get("resnet18"), ModelZoo.get(" ResNet18 "));
        String m = assertThrows(IllegalArgumentException.class, () -> ModelZoo.get("resnet34")).getMessage();
        assertEquals("unknown model 'resnet34'; built-in models are resnet18, resnet50, resnet50_v1, mobilenet_v1, "
                + "mobilenet_v2, vgg16, "
                + "cifar_net, lenet_300_100", m);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everyModelEndsInOneClassifierAndItsLayersRoundTripThroughTheParser(Network n) {
        assertEquals(1, n.outputs().size(), n.outputs().toString());
        Layer last = n.node(n.outputs().get(0)).layer();
        assertTrue(last instanceof Dense, last.describe());
        for (Layer l : n.layers()) {
            assertEquals(l, LayerParser.parse(l.name(), l.describe()));
        }
        // Sorting is idempotent, and from the nodes in reverse it still finds an order with the same nodes.
        assertEquals(n.nodes(), Network.of(n.name(), n.description(), n.input(), n.nodes()).nodes());
        List<Node> reversed = new ArrayList<>(n.nodes());
        Collections.reverse(reversed);
        Network again = Network.of(n.name(), n.description(), n.input(), reversed);
        assertEquals(Set.copyOf(n.nodes()), Set.copyOf(again.nodes()));
        assertEquals(n.macs(), again.macs());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everyLayerKeepsTheLoweringInvariants(Network n) {
        long macs = 0;
        for (Layer l : n.layers()) {
            if (l instanceof GemmLayer g) {
                assertEquals((long) g.groups() * g.gemmM() * g.gemmK() * g.gemmN(), g.macs(), l.name());
                assertEquals(g.outputShape().c(), g.groups() * g.gemmM(), l.name());
                assertEquals(g.outputShape().h() * g.outputShape().w(), g.gemmN(), l.name());
                if (g instanceof Conv2d c) {
                    assertEquals(c.c() / c.groups() * c.r() * c.s(), c.gemmK(), l.name());
                }
                assertTrue(g.bias(), l.name() + ": batch norm folded or a real bias");
                macs += g.macs();
            } else {
                assertEquals(0, l.macs(), l.name());
                assertEquals(0, l.params(), l.name());
                assertTrue(l.elementOps() > 0, l.name());
            }
        }
        assertEquals(macs, n.macs());
    }

    @Test
    void resnet18Shapes() {
        Network n = ModelZoo.get("resnet18");
        assertEquals(new Shape(3, 224, 224), n.input());
        assertEquals(new Shape(64, 112, 112), n.shapeOf("conv1"));
        assertEquals(new Shape(64, 56, 56), n.shapeOf("maxpool"));
        assertEquals(new Shape(128, 28, 28), n.shapeOf("layer2.1.add"));
        assertEquals(new Shape(512, 7, 7), n.shapeOf("layer4.1.add"));
        assertEquals(new Shape(512, 1, 1), n.shapeOf("avgpool"));
        assertEquals(List.of("layer1.1.conv2", "layer1.0.add"), n.node("layer1.1.add").inputs());
        assertEquals(List.of("layer2.0.conv2", "layer2.0.downsample.0"), n.node("layer2.0.add").inputs());
        assertEquals(21, count(n, GemmLayer.class)); // 16 block convs, conv1, 3 projections, fc
        assertEquals(8, count(n, Add.class));
    }

    @Test
    void resnet50Shapes() {
        Network n = ModelZoo.get("resnet50");
        assertEquals(new Shape(256, 56, 56), n.shapeOf("layer1.0.downsample.0")); // channel projection, stride 1
        Conv2d stride = (Conv2d) n.node("layer2.0.conv2").layer(); // v1.5: stride on the 3×3
        assertEquals(2, stride.stride());
        assertEquals(1, ((Conv2d) n.node("layer2.0.conv1").layer()).stride());
        assertEquals(new Shape(2048, 7, 7), n.shapeOf("layer4.2.add"));
        assertEquals(54, count(n, GemmLayer.class)); // 48 block convs, conv1, 4 projections, fc
        assertEquals(16, count(n, Add.class));
    }

    @Test
    void resnet50v1HasTheStrideOnTheFirst1x1AndCaffeNames() {
        Network n = ModelZoo.get("resnet50_v1");
        Network v15 = ModelZoo.get("resnet50");
        assertEquals(new Shape(64, 56, 56), n.shapeOf("pool1"));
        assertEquals(new Shape(256, 56, 56), n.shapeOf("res2a_branch1")); // channel projection, stride 1
        for (String block : List.of("res3a", "res4a", "res5a")) {
            assertEquals(2, ((Conv2d) n.node(block + "_branch2a").layer()).stride(), block);
            assertEquals(1, ((Conv2d) n.node(block + "_branch2b").layer()).stride(), block);
            assertEquals(2, ((Conv2d) n.node(block + "_branch1").layer()).stride(), block);
        }
        assertEquals(new Shape(128, 28, 28), n.shapeOf("res3a_branch2a"));
        assertEquals(List.of("res3a_branch2c", "res3a_branch1"), n.node("res3a").inputs());
        assertEquals(List.of("res3b_branch2c", "res3a"), n.node("res3b").inputs());
        assertEquals(new Shape(2048, 7, 7), n.shapeOf("res5c"));
        assertEquals(1000, ((Dense) n.node("fc1000").layer()).out());
        // The same layers as v1.5 one for one, with the same weights: only where the stride sits differs.
        assertEquals(v15.layers().size(), n.layers().size());
        assertEquals(54, count(n, GemmLayer.class));
        assertEquals(16, count(n, Add.class));
        assertEquals(v15.params(), n.params());
    }

    @Test
    void mobilenetV1FollowsTable1OfThePaper() {
        Network n = ModelZoo.get("mobilenet_v1");
        assertEquals(new Shape(32, 112, 112), n.shapeOf("conv1"));
        assertEquals(new Shape(32, 112, 112), n.shapeOf("conv_dw_1"));
        assertEquals(new Shape(64, 112, 112), n.shapeOf("conv_pw_1"));
        assertEquals(new Shape(64, 56, 56), n.shapeOf("conv_dw_2"));
        assertEquals(new Shape(256, 28, 28), n.shapeOf("conv_pw_4"));
        assertEquals(new Shape(512, 14, 14), n.shapeOf("conv_pw_11"));
        assertEquals(new Shape(1024, 7, 7), n.shapeOf("conv_dw_13")); // Table 1's "s2" here is a typo: 7×7 stays 7×7
        assertEquals(new Shape(1024, 7, 7), n.shapeOf("conv_pw_13"));
        assertEquals(new Shape(1024, 1, 1), n.shapeOf("global_average_pooling2d"));
        assertEquals(1000, ((Dense) n.node("conv_preds").layer()).out());
        List<Conv2d> dw = n.layers().stream().filter(l -> l instanceof Conv2d c && c.depthwise())
                .map(l -> (Conv2d) l).toList();
        assertEquals(13, dw.size());
        assertEquals(28, count(n, GemmLayer.class)); // the paper's "28 layers": 27 convolutions and the classifier
        assertEquals(0, count(n, Add.class));
        Conv2d d = (Conv2d) n.node("conv_dw_12").layer();
        assertEquals(512, d.groups());
        assertEquals(2, d.stride());
        assertEquals(1, d.gemmM());
        assertEquals(9, d.gemmK());
        assertEquals(49, d.gemmN());
        assertTrue(n.layers().stream().filter(l -> l instanceof Conv2d)
                .allMatch(l -> ((Conv2d) l).activation() == Activation.RELU),
                "ReLU after every conv, as the paper's Figure 3");
    }

    @Test
    void mobilenetV2Shapes() {
        Network n = ModelZoo.get("mobilenet_v2");
        assertEquals(new Shape(32, 112, 112), n.shapeOf("features.0.0"));
        assertEquals(new Shape(16, 112, 112), n.shapeOf("features.1.conv.1")); // t = 1: no expansion
        assertEquals(new Shape(96, 112, 112), n.shapeOf("features.2.conv.0.0"));
        assertEquals(new Shape(96, 56, 56), n.shapeOf("features.2.conv.1.0"));
        assertEquals(new Shape(320, 7, 7), n.shapeOf("features.17.conv.2"));
        assertEquals(new Shape(1280, 7, 7), n.shapeOf("features.18.0"));
        assertEquals(new Shape(1000, 1, 1), n.shapeOf("classifier.1"));
        List<Conv2d> dw = n.layers().stream().filter(l -> l instanceof Conv2d c && c.depthwise())
                .map(l -> (Conv2d) l).toList();
        assertEquals(17, dw.size());
        assertEquals(53, count(n, GemmLayer.class)); // 52 convolutions and the classifier
        assertEquals(10, count(n, Add.class)); // n − 1 per bottleneck sequence: 0+1+2+3+2+2+0
        Conv2d d = (Conv2d) n.node("features.14.conv.1.0").layer();
        assertEquals(576, d.groups());
        assertEquals(1, d.gemmM());
        assertEquals(9, d.gemmK());
        assertEquals(49, d.gemmN());
    }

    @Test
    void mobilenetV2MatchesTheShapeOfTrainedKerasWeights() throws Exception {
        // data/weights (Keras names): block_13_depthwise is torchvision features.14's depthwise conv;
        // its .npy holds one row per output channel, (C/groups)·R·S columns.
        Path f = Path.of(getClass().getResource("/weights/mobilenet_v2.block_13_depthwise__depthwise_kernel.npy")
                .toURI());
        NpyHeader h = NpyReader.readHeader(f);
        GemmLayer l = (GemmLayer) ModelZoo.get("mobilenet_v2").node("features.14.conv.1.0").layer();
        assertEquals(List.of(l.groups() * l.gemmM(), l.gemmK()), h.shape());
    }

    @Test
    void vgg16Shapes() {
        Network n = ModelZoo.get("vgg16");
        Map<String, Layer> byName = n.layers().stream().collect(Collectors.toMap(Layer::name, Function.identity()));
        assertEquals(new Shape(64, 224, 224), n.shapeOf("features.2"));
        assertEquals(new Shape(512, 14, 14), n.shapeOf("features.28")); // the last conv
        assertEquals(new Shape(512, 7, 7), n.shapeOf("features.30"));
        assertEquals(25088, ((Dense) byName.get("classifier.0")).in());
        assertEquals(13, count(n, Conv2d.class));
        assertEquals(3, count(n, Dense.class));
    }

    @Test
    void smallNetsHaveTheirTutorialShapes() {
        Network c = ModelZoo.get("cifar_net");
        assertEquals(new Shape(16, 5, 5), c.shapeOf("pool2"));
        assertEquals(400, ((Dense) c.node("fc1").layer()).in());
        Network m = ModelZoo.get("lenet_300_100");
        assertEquals(List.of("fc1", "fc2", "fc3"), m.layers().stream().map(Layer::name).toList());
        assertEquals(784, ((Dense) m.node("fc1").layer()).in());
    }

    private static long count(Network n, Class<?> kind) {
        return n.layers().stream().filter(kind::isInstance).count();
    }
}
