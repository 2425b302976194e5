package org.msqsim.models.zoo;

import static org.msqsim.models.layer.Activation.NONE;
import static org.msqsim.models.layer.Activation.RELU;

import org.msqsim.models.graph.Network;
import org.msqsim.models.layer.Shape;

/**
 * MobileNet-v1, width 1.0, at 224×224×3 (Howard et al., "MobileNets: Efficient Convolutional Neural
 * Networks for Mobile Vision Applications", arXiv 1704.04861, Table 1; 569 M mult-adds and 4.2 M
 * parameters in its Tables 4 and 8), the network Xilinx's model zoo measures as {@code tf_mobilenet_v1}.
 * A 3×3/2 stem to 32 channels, then 13 depthwise-separable pairs — a 3×3 depthwise conv (the same
 * grouped-conv layer kind as MobileNet-v2's) and a 1×1 pointwise conv — a global average pool and a
 * fully connected classifier. Table 1 prints the 13th depthwise conv as "s2" on a 7×7 input that
 * stays 7×7; it is stride 1, as in every released implementation.
 *
 * <p>Names are Keras's ({@code keras/applications/mobilenet.py}): {@code conv1}, {@code conv_dw_i} and
 * {@code conv_pw_i} for i = 1..13, {@code global_average_pooling2d}, {@code conv_preds} (Keras's
 * classifier is a 1×1 conv on the pooled 1×1 map: the same weights as this dense layer). Keras pads a
 * stride-2 depthwise conv by one pixel on the bottom and right only; padding 1 on every side gives
 * the same output shapes and work.
 *
 * <p>Activation: ReLU after every conv, as the paper's Figure 3 has it (our choice; Keras and TF-slim
 * train with ReLU6). The requantizer therefore gives unsigned codes calibrated to the largest real
 * output (max calibration, {@code exec.Requant}); with ReLU6 it would additionally cap that range at
 * 6.0. Timing and MACs are the same either way: the activation is fused into the requantizer.
 */
final class MobileNetV1 {
    /** Table 1 of the paper: output channels and stride of each depthwise-separable pair. */
    private static final int[][] PAIRS = {
        {64, 1}, {128, 2}, {128, 1}, {256, 2}, {256, 1}, {512, 2},
        {512, 1}, {512, 1}, {512, 1}, {512, 1}, {512, 1}, {1024, 2}, {1024, 1},
    };

    private MobileNetV1() {
    }

    static Network build() {
        Sketch n = new Sketch("mobilenet_v1", "MobileNet-v1 1.0 (Howard et al. 2017), Keras layout, ReLU, 224x224x3",
                new Shape(3, 224, 224));
        String x = n.conv("conv1", Network.INPUT, 32, 3, 2, RELU);
        for (int i = 0; i < PAIRS.length; i++) {
            x = n.depthwise("conv_dw_" + (i + 1), x, 3, PAIRS[i][1], RELU);
            x = n.conv("conv_pw_" + (i + 1), x, PAIRS[i][0], 1, 1, RELU);
        }
        x = n.globalAvgPool("global_average_pooling2d", x);
        n.dense("conv_preds", x, 1000, NONE);
        return n.build();
    }
}
