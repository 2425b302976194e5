package org.msqsim.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.msqsim.models.graph.Network;
import org.msqsim.models.layer.LayerKind;

/**
 * The two real PaddleOCR models import as their README describes them: every weight accounted for
 * (the documented parameters less the batch norms' four per channel, which fold into biases), the
 * spelled-out hard-swishes recognised, squeeze-and-excitation gates, and the detector's neck.
 */
class SharedModelsTest {
    private static Map<LayerKind, Long> kinds(Network n) {
        return n.layers().stream().collect(Collectors.groupingBy(l -> l.kind(), Collectors.counting()));
    }

    @Test
    void classifierImports() {
        ImportedNetwork n = Models.classifier();
        Network net = n.network();
        assertEquals(Map.of("softmax_0.tmp_0", net.outputs().get(0)), n.outputs());
        assertEquals(109, net.nodes().size());
        assertEquals(16_315_376, net.macs());
        assertEquals(127_220, net.params());
        Map<LayerKind, Long> k = kinds(net);
        assertEquals(18, k.get(LayerKind.HSWISH)); // the 18 Add-Clip-Mul-Div chains
        assertEquals(9, k.get(LayerKind.HSIGMOID));
        assertEquals(1, k.get(LayerKind.DENSE));
        assertEquals(53, k.getOrDefault(LayerKind.CONV, 0L) + k.getOrDefault(LayerKind.DWCONV, 0L));
        assertTrue(net.layers().stream().noneMatch(l -> l.kind() == LayerKind.AFFINE), "every BN folded");
    }

    @Test
    void detectorImports() {
        ImportedNetwork n = Models.detector(640, 640);
        Network net = n.network();
        assertEquals(163, net.nodes().size());
        assertEquals(2_301_935_744L, net.macs());
        assertEquals(1_171_476, net.params());
        Map<LayerKind, Long> k = kinds(net);
        assertEquals(24, k.get(LayerKind.HSWISH));
        assertEquals(10, k.get(LayerKind.HSIGMOID));
        assertEquals(6, k.get(LayerKind.RESIZE));
        assertEquals(2, k.get(LayerKind.SHUFFLE));
        assertEquals(1, k.get(LayerKind.SIGMOID));
        assertEquals(1, k.get(LayerKind.CONCAT));
        assertEquals(64, k.getOrDefault(LayerKind.CONV, 0L) + k.getOrDefault(LayerKind.DWCONV, 0L)); // 62 + 2 ConvT
        assertEquals(1, net.outputs().size());
    }
}
