package org.msqsim.models.zoo;

import static org.msqsim.models.layer.Activation.NONE;
import static org.msqsim.models.layer.Activation.RELU;

import org.msqsim.models.graph.Network;
import org.msqsim.models.layer.Shape;

/**
 * ResNet-18 and ResNet-50 at 224×224×3 (He et al., "Deep Residual Learning for Image Recognition",
 * CVPR 2016, Table 1), laid out and named as torchvision's {@code torchvision/models/resnet.py}:
 * stem {@code conv1} (7×7/2) and {@code maxpool} (3×3/2), four stages {@code layer1..layer4} of
 * blocks {@code layerS.B}, {@code avgpool}, {@code fc}. The projection shortcut is
 * {@code layerS.B.downsample.0} (a strided 1×1 conv, "option B" of the paper); the residual sum,
 * which torchvision writes inline, is {@code layerS.B.add} and carries the block's final ReLU.
 *
 * <p>ResNet-50 is torchvision's "v1.5": the bottleneck's stride sits on its 3×3 conv
 * ({@code conv2}), not on the first 1×1 as in the paper and Caffe's v1 — a little more work
 * (≈4.09 vs 3.8 GMAC) for better accuracy (see the note in torchvision's {@code Bottleneck}).
 */
final class ResNet {
    private ResNet() {
    }

    static Network resnet18() {
        Sketch n = new Sketch("resnet18", "ResNet-18 (He et al. 2016), torchvision layout, 224x224x3",
                new Shape(3, 224, 224));
        String x = stem(n);
        int[] blocks = {2, 2, 2, 2};
        for (int stage = 0; stage < 4; stage++) {
            for (int b = 0; b < blocks[stage]; b++) {
                x = basic(n, "layer" + (stage + 1) + "." + b, x, 64 << stage, b == 0 && stage > 0 ? 2 : 1);
            }
        }
        return head(n, x);
    }

    static Network resnet50() {
        Sketch n = new Sketch("resnet50", "ResNet-50 v1.5 (He et al. 2016; stride on the 3x3), torchvision layout, "
                + "224x224x3", new Shape(3, 224, 224));
        String x = stem(n);
        int[] blocks = {3, 4, 6, 3};
        for (int stage = 0; stage < 4; stage++) {
            for (int b = 0; b < blocks[stage]; b++) {
                x = bottleneck(n, "layer" + (stage + 1) + "." + b, x, 64 << stage, b == 0 && stage > 0 ? 2 : 1);
            }
        }
        return head(n, x);
    }

    private static String stem(Sketch n) {
        String x = n.conv("conv1", Network.INPUT, 64, 7, 2, RELU);
        return n.maxPool("maxpool", x, 3, 2, 1);
    }

    private static Network head(Sketch n, String x) {
        String p = n.globalAvgPool("avgpool", x);
        n.dense("fc", p, 1000, NONE);
        return n.build();
    }

    /** torchvision {@code BasicBlock}: 3×3 (stride) → 3×3, plus the shortcut, then ReLU. */
    private static String basic(Sketch n, String block, String x, int planes, int stride) {
        String y = n.conv(block + ".conv1", x, planes, 3, stride, RELU);
        y = n.conv(block + ".conv2", y, planes, 3, 1, NONE);
        return n.add(block + ".add", y, shortcut(n, block, x, planes, stride), RELU);
    }

    /** torchvision {@code Bottleneck} (v1.5): 1×1 → 3×3 (stride) → 1×1 to 4·planes, plus the shortcut, then ReLU. */
    private static String bottleneck(Sketch n, String block, String x, int planes, int stride) {
        String y = n.conv(block + ".conv1", x, planes, 1, 1, RELU);
        y = n.conv(block + ".conv2", y, planes, 3, stride, RELU);
        y = n.conv(block + ".conv3", y, 4 * planes, 1, 1, NONE);
        return n.add(block + ".add", y, shortcut(n, block, x, 4 * planes, stride), RELU);
    }

    /** The identity, or a strided 1×1 projection when the block changes shape. */
    private static String shortcut(Sketch n, String block, String x, int out, int stride) {
        if (stride == 1 && n.channels(x) == out) {
            return x;
        }
        return n.conv(block + ".downsample.0", x, out, 1, stride, NONE);
    }
}
