package org.msqsim.models.zoo;

import static org.msqsim.models.layer.Activation.NONE;
import static org.msqsim.models.layer.Activation.RELU;

import org.msqsim.models.graph.Network;
import org.msqsim.models.layer.Shape;

/**
 * VGG-16, configuration D of Simonyan and Zisserman, "Very Deep Convolutional Networks for
 * Large-Scale Image Recognition", ICLR 2015, Table 1: thirteen 3×3 convolutions with biases and
 * ReLU in five stages of 64, 128, 256, 512, 512 channels, each closed by a 2×2/2 max pool, then three
 * fully connected layers 25088 → 4096 → 4096 → 1000. Named as torchvision's
 * {@code torchvision/models/vgg.py}: {@code features.i} by module index (ReLUs and pools take indices
 * too) and {@code classifier.0/3/6}. torchvision's {@code AdaptiveAvgPool2d((7, 7))} is left out: at
 * 224×224 its input is already 7×7 and it is the identity.
 */
final class Vgg16 {
    /** Configuration D: channels of each conv, 0 for a max pool. */
    private static final int[] CONFIG_D = {64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0};

    private Vgg16() {
    }

    static Network build() {
        Sketch n = new Sketch("vgg16", "VGG-16, configuration D (Simonyan & Zisserman 2015), torchvision layout, "
                + "224x224x3", new Shape(3, 224, 224));
        String x = Network.INPUT;
        int index = 0;
        for (int c : CONFIG_D) {
            if (c == 0) {
                x = n.maxPool("features." + index, x, 2, 2, 0);
                index += 1;
            } else {
                x = n.conv("features." + index, x, c, 3, 1, RELU);
                index += 2; // the conv and its ReLU module
            }
        }
        x = n.dense("classifier.0", x, 4096, RELU);
        x = n.dense("classifier.3", x, 4096, RELU); // 1 is the ReLU, 2 dropout
        n.dense("classifier.6", x, 1000, NONE);
        return n.build();
    }
}
