package org.msqsim.models.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.Random;

/** Small ONNX models written the way exporters write them, for tests: initializers, nodes, attributes. */
final class OnnxBuilder {
    private final GraphProto.Builder g = GraphProto.newBuilder().setName("test");
    private final Random rnd;
    private final int opset;
    private int counter;

    OnnxBuilder(long seed, int opset, long... inputDims) {
        this.rnd = new Random(seed);
        this.opset = opset;
        g.addInput(value("input.1", inputDims));
    }

    static ValueInfoProto value(String name, long... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : dims) {
            s.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("N")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(1).setShape(s))).build();
    }

    /** A float initializer of seeded values (uniform in ±scale). */
    String init(String name, double scale, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(1);
        long n = 1;
        for (long d : dims) {
            t.addDims(d);
            n *= d;
        }
        for (long i = 0; i < n; i++) {
            t.addFloatData((float) ((rnd.nextDouble() * 2 - 1) * scale));
        }
        g.addInitializer(t);
        return name;
    }

    String initValues(String name, long[] dims, float... v) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(1);
        for (long d : dims) {
            t.addDims(d);
        }
        for (float f : v) {
            t.addFloatData(f);
        }
        g.addInitializer(t);
        return name;
    }

    /** A node with one output; attributes as name/value pairs (Long, Double, long[] or String). */
    String node(String op, String[] inputs, Object... attrs) {
        String out = op.toLowerCase() + "_" + counter++;
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(op + "_" + counter).addOutput(out);
        for (String i : inputs) {
            n.addInput(i);
        }
        for (int k = 0; k < attrs.length; k += 2) {
            AttributeProto.Builder a = AttributeProto.newBuilder().setName((String) attrs[k]);
            Object v = attrs[k + 1];
            if (v instanceof Long l) {
                a.setType(AttributeProto.AttributeType.INT).setI(l);
            } else if (v instanceof Double d) {
                a.setType(AttributeProto.AttributeType.FLOAT).setF(d.floatValue());
            } else if (v instanceof long[] ls) {
                a.setType(AttributeProto.AttributeType.INTS);
                for (long l : ls) {
                    a.addInts(l);
                }
            } else {
                a.setType(AttributeProto.AttributeType.STRING).setS(com.google.protobuf.ByteString.copyFromUtf8((String) v));
            }
            n.addAttribute(a);
        }
        g.addNode(n);
        return out;
    }

    String conv(String x, String prefix, int cin, int cout, int k, int stride, int pad, int groups) {
        String w = init(prefix + ".weight", 0.3, cout, cin / groups, k, k);
        String b = init(prefix + ".bias", 0.1, cout);
        return node("Conv", new String[] {x, w, b}, "kernel_shape", new long[] {k, k}, "strides",
                new long[] {stride, stride}, "pads", new long[] {pad, pad, pad, pad}, "group", (long) groups);
    }

    /** PyTorch's nn.Linear export: Gemm with transB = 1, weight (out, in). */
    String linear(String x, String prefix, int in, int out) {
        String w = init(prefix + ".weight", 0.2, out, in);
        String b = init(prefix + ".bias", 0.1, out);
        return node("Gemm", new String[] {x, w, b}, "alpha", 1.0, "beta", 1.0, "transB", 1L);
    }

    byte[] build(String... outputs) {
        GraphProto.Builder gg = g.clone();
        for (String o : outputs) {
            gg.addOutput(ValueInfoProto.newBuilder().setName(o));
        }
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("msqsim-test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(opset)).setGraph(gg).build().toByteArray();
    }
}
