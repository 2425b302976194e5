package org.msqsim.models.zoo;

import static org.msqsim.models.layer.Activation.NONE;
import static org.msqsim.models.layer.Activation.RELU6;

import org.msqsim.models.graph.Network;
import org.msqsim.models.layer.Shape;

/**
 * MobileNet-v2, width 1.0, at 224×224×3 (Sandler et al., "MobileNetV2: Inverted Residuals and Linear
 * Bottlenecks", CVPR 2018, Table 2), named as torchvision's {@code torchvision/models/mobilenetv2.py}:
 * {@code features.0.0} the 3×3/2 stem to 32 channels; {@code features.1}–{@code features.17} the
 * inverted residual blocks, each an optional 1×1 expansion ({@code conv.0.0}, ReLU6), a 3×3 depthwise
 * ({@code conv.1.0}, or {@code conv.0.0} when t = 1; ReLU6) and a linear 1×1 projection
 * ({@code conv.2}, or {@code conv.1}), with the residual sum {@code features.i.add} when stride is 1
 * and channels are kept; {@code features.18.0} the 1×1 to 1280; {@code avgpool} (torchvision's inline
 * {@code adaptive_avg_pool2d}); {@code classifier.1} (index 0 is dropout).
 *
 * <p>Keras names the same layers {@code Conv1}, {@code expanded_conv_*}, {@code block_{i-1}_expand /
 * _depthwise / _project}, {@code Conv_1}, {@code Logits}: torchvision block {@code features.i} is Keras
 * {@code block_(i−1)} for i ≥ 2. The shared trained weights in {@code data/weights/} use the Keras names.
 */
final class MobileNetV2 {
    /** Table 2 of the paper: expansion t, output channels c, repeats n, first stride s. */
    private static final int[][] SETTINGS = {
        {1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1},
    };

    private MobileNetV2() {
    }

    static Network build() {
        Sketch n = new Sketch("mobilenet_v2", "MobileNet-v2 1.0 (Sandler et al. 2018), torchvision layout, 224x224x3",
                new Shape(3, 224, 224));
        String x = n.conv("features.0.0", Network.INPUT, 32, 3, 2, RELU6);
        int block = 1;
        for (int[] s : SETTINGS) {
            for (int i = 0; i < s[2]; i++) {
                x = invertedResidual(n, "features." + block++, x, s[0], s[1], i == 0 ? s[3] : 1);
            }
        }
        x = n.conv("features." + block + ".0", x, 1280, 1, 1, RELU6);
        x = n.globalAvgPool("avgpool", x);
        n.dense("classifier.1", x, 1000, NONE);
        return n.build();
    }

    private static String invertedResidual(Sketch n, String block, String x, int t, int out, int stride) {
        int in = n.channels(x);
        String y = x;
        int step = 0;
        if (t != 1) {
            y = n.conv(block + ".conv." + step++ + ".0", y, in * t, 1, 1, RELU6);
        }
        y = n.depthwise(block + ".conv." + step++ + ".0", y, 3, stride, RELU6);
        y = n.conv(block + ".conv." + step, y, out, 1, 1, NONE);
        return stride == 1 && in == out ? n.add(block + ".add", y, x, NONE) : y;
    }
}
