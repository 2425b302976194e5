/**
 * The built-in networks with their published layer shapes — ResNet-18, ResNet-50 (v1.5, and v1 in
 * Caffe's layout), MobileNet-v1, MobileNet-v2, VGG-16, and two small test networks — and
 * {@link org.msqsim.models.zoo.ModelZoo}, their registry. Layer names follow torchvision's module names
 * so that per-layer weight files can be matched by name; the two networks torchvision lacks take the
 * names of their reference implementation (ResNet-50 v1 Caffe's prototxt, MobileNet-v1 Keras's). Batch norm is folded into the preceding
 * convolution, which therefore has a bias. Depends on {@code org.msqsim.models.graph} and {@code org.msqsim.models.layer}.
 */
package org.msqsim.models.zoo;
