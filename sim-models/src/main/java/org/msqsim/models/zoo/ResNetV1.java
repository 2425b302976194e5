package org.msqsim.models.zoo;

import static org.msqsim.models.layer.Activation.NONE;
import static org.msqsim.models.layer.Activation.RELU;

import org.msqsim.models.graph.Network;
import org.msqsim.models.layer.Shape;

/**
 * ResNet-50 v1 at 224×224×3 as the paper and Caffe define it (He et al., "Deep Residual Learning for
 * Image Recognition", CVPR 2016, Table 1; Kaiming He's released {@code ResNet-50-deploy.prototxt}), the
 * network Xilinx's model zoo measures as {@code cf_resnet50} (7.7 GOP, i.e. 3.86 G multiply-adds).
 * It differs from the built-in {@code resnet50} (torchvision's v1.5) in one place: a down-sampling
 * bottleneck puts its stride 2 on the FIRST 1×1 conv ({@code branch2a}) and on the projection
 * shortcut ({@code branch1}), so its 3×3 runs on a quarter of the pixels — 3.86 rather than 4.09 GMAC.
 *
 * <p>Names are the prototxt's: {@code conv1}, {@code pool1}, blocks {@code res2a … res5c} (stage 2..5,
 * block letter a..f) with {@code resNx_branch2a/2b/2c} (1×1, 3×3, 1×1 to 4·planes) and the projection
 * {@code resNx_branch1}; the residual sum {@code resNx} carries the block's ReLU (Caffe's
 * {@code resNx_relu}); {@code pool5}, {@code fc1000}. Batch norm and its scale layer are folded into
 * the convolution before them, leaving a bias, as everywhere in the zoo.
 *
 * <p>One stated difference: Caffe's {@code pool1} is 3×3/2 with no padding and ceil rounding, which
 * msqsim's max pool does not have; it is written as 3×3/2 with padding 1 and floor rounding
 * (torchvision's), which gives the same 56×56 output and the same work, with windows shifted by one pixel.
 */
final class ResNetV1 {
    private static final int[] BLOCKS = {3, 4, 6, 3};

    private ResNetV1() {
    }

    static Network resnet50() {
        Sketch n = new Sketch("resnet50_v1", "ResNet-50 v1 (He et al. 2016; stride on the first 1x1), Caffe layout, "
                + "224x224x3", new Shape(3, 224, 224));
        String x = n.conv("conv1", Network.INPUT, 64, 7, 2, RELU);
        x = n.maxPool("pool1", x, 3, 2, 1);
        for (int stage = 0; stage < BLOCKS.length; stage++) {
            for (int b = 0; b < BLOCKS[stage]; b++) {
                String block = "res" + (stage + 2) + (char) ('a' + b);
                x = bottleneck(n, block, x, 64 << stage, b == 0 && stage > 0 ? 2 : 1);
            }
        }
        x = n.globalAvgPool("pool5", x);
        n.dense("fc1000", x, 1000, NONE);
        return n.build();
    }

    /** The v1 bottleneck: 1×1 (stride) → 3×3 → 1×1 to 4·planes, plus the shortcut, then ReLU. */
    private static String bottleneck(Sketch n, String block, String x, int planes, int stride) {
        String y = n.conv(block + "_branch2a", x, planes, 1, stride, RELU);
        y = n.conv(block + "_branch2b", y, planes, 3, 1, RELU);
        y = n.conv(block + "_branch2c", y, 4 * planes, 1, 1, NONE);
        String shortcut = stride == 1 && n.channels(x) == 4 * planes ? x
                : n.conv(block + "_branch1", x, 4 * planes, 1, stride, NONE);
        return n.add(block, y, shortcut, RELU);
    }
}
