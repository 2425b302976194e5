package org.msqsim.models.layer;

/**
 * A pool over R×S windows of each channel (PyTorch floor mode, dilation 1): what a max pool and an
 * average pool share — their window, their output shape and command-line form. The window's checks
 * ({@link Windows#checkPool}) and walk ({@link Windows#reduce}) live beside the convolution's.
 */
public sealed interface Pool2d extends StreamLayer permits MaxPool2d, AvgPool2d {

    int r();

    int s();

    int stride();

    int pad();

    @Override
    default Shape outputShape() {
        Shape in = inputShape();
        return new Shape(in.c(), Windows.out(in.h(), r(), stride(), pad()), Windows.out(in.w(), s(), stride(), pad()));
    }

    @Override
    default String describe() {
        return kind().label() + ":" + inputShape().describe() + "," + r() + "x" + s() + ",s" + stride() + ",p" + pad();
    }
}
