package org.msqsim.models.zoo;

import org.msqsim.models.graph.Network;
import org.msqsim.models.layer.Activation;
import org.msqsim.models.layer.Add;
import org.msqsim.models.layer.Conv2d;
import org.msqsim.models.layer.Dense;
import org.msqsim.models.layer.GlobalAvgPool;
import org.msqsim.models.layer.MaxPool2d;
import org.msqsim.models.layer.Shape;

/**
 * Writes a network down the way a PyTorch {@code forward} reads: each call names a layer and the
 * tensors it reads, takes its input shape from those tensors (shape inference), and returns the new
 * tensor's name. Every convolution and dense layer gets a bias: the zoo's networks either have one
 * (VGG, the classifiers) or a batch norm whose folding into the convolution leaves one per output
 * channel ({@code b = β − γ·μ/σ}; Jacob et al., CVPR 2018, §3.2).
 */
final class Sketch {
    private final Network.Builder net;

    Sketch(String name, String description, Shape input) {
        this.net = Network.builder(name, description, input);
    }

    /** A dense convolution with {@code pad = kernel/2} ("same" for odd kernels at stride 1). */
    String conv(String name, String from, int k, int kernel, int stride, Activation act) {
        return conv(name, from, k, kernel, stride, kernel / 2, 1, act);
    }

    String conv(String name, String from, int k, int kernel, int stride, int pad, int groups, Activation act) {
        Shape in = net.shapeOf(from);
        return net.add(new Conv2d(name, in.h(), in.w(), in.c(), k, kernel, kernel, stride, pad, groups, true, act),
                from);
    }

    /** A depthwise convolution: one filter per channel. */
    String depthwise(String name, String from, int kernel, int stride, Activation act) {
        int c = net.shapeOf(from).c();
        return conv(name, from, c, kernel, stride, kernel / 2, c, act);
    }

    String dense(String name, String from, int out, Activation act) {
        return net.add(new Dense(name, (int) net.shapeOf(from).elements(), out, true, act), from);
    }

    String maxPool(String name, String from, int kernel, int stride, int pad) {
        return net.add(new MaxPool2d(name, net.shapeOf(from), kernel, kernel, stride, pad), from);
    }

    String globalAvgPool(String name, String from) {
        return net.add(new GlobalAvgPool(name, net.shapeOf(from)), from);
    }

    String add(String name, String a, String b, Activation act) {
        return net.add(new Add(name, net.shapeOf(a), act), a, b);
    }

    int channels(String tensor) {
        return net.shapeOf(tensor).c();
    }

    Network build() {
        return net.build();
    }
}
