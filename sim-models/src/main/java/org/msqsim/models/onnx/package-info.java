/**
 * ONNX import: a {@code .onnx} file (protobuf, parsed with the classes protoc generates from ONNX's
 * {@code onnx.proto}, as {@code org.tribuo:tribuo-util-onnx} ships them) becomes a msqsim
 * {@link org.msqsim.models.graph.Network} and the layers' trained weights and biases. Constants and
 * shape arithmetic are folded once the input shape is static, batch norms and constant affines are
 * folded into the preceding GEMM layer, activations fused into it where its requantizer can apply
 * them, and spelled-out hard-swish recognised; what is left runs on the element-wise unit.
 *
 * <p>Depends on {@code layer}, {@code graph} and {@code tensor}; nothing in msqsim depends on it but
 * the command line.
 */
package org.msqsim.models.onnx;
