package org.msqsim.models.zoo;

import static org.msqsim.models.layer.Activation.NONE;
import static org.msqsim.models.layer.Activation.RELU;

import org.msqsim.models.graph.Network;
import org.msqsim.models.layer.Shape;

/** Small networks with published shapes, for tests and quick runs. */
final class SmallNets {
    private SmallNets() {
    }

    /**
     * The CIFAR-10 network of PyTorch's tutorial "Training a Classifier"
     * (pytorch.org/tutorials/beginner/blitz/cifar10_tutorial.html), a LeNet-5 on 32×32×3: conv 5×5 to 6,
     * max pool 2×2, conv 5×5 to 16, max pool, fully connected 400 → 120 → 84 → 10, ReLU after every
     * layer but the last. The tutorial reuses one pooling module ({@code pool}); here the two uses are
     * {@code pool1} and {@code pool2}.
     */
    static Network cifarNet() {
        Sketch n = new Sketch("cifar_net", "LeNet-5-like CIFAR-10 net of PyTorch's 'Training a Classifier' tutorial, "
                + "32x32x3", new Shape(3, 32, 32));
        String x = n.conv("conv1", Network.INPUT, 6, 5, 1, 0, 1, RELU);
        x = n.maxPool("pool1", x, 2, 2, 0);
        x = n.conv("conv2", x, 16, 5, 1, 0, 1, RELU);
        x = n.maxPool("pool2", x, 2, 2, 0);
        x = n.dense("fc1", x, 120, RELU);
        x = n.dense("fc2", x, 84, RELU);
        n.dense("fc3", x, 10, NONE);
        return n.build();
    }

    /**
     * LeNet-300-100 (LeCun et al., "Gradient-Based Learning Applied to Document Recognition", Proc.
     * IEEE 1998, §III.C), the MNIST MLP of Han et al.'s pruning papers ("Learning both Weights and
     * Connections for Efficient Neural Networks", NIPS 2015, Tables 1–2): 28×28×1 flattened,
     * 784 → 300 → 100 → 10, ReLU between layers.
     */
    static Network lenet300100() {
        Sketch n = new Sketch("lenet_300_100", "LeNet-300-100 MLP (LeCun et al. 1998), 28x28x1 MNIST",
                new Shape(1, 28, 28));
        String x = n.dense("fc1", Network.INPUT, 300, RELU);
        x = n.dense("fc2", x, 100, RELU);
        n.dense("fc3", x, 10, NONE);
        return n.build();
    }
}
