package org.msqsim.models.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.msqsim.models.graph.Network;
import org.msqsim.models.graph.Node;
import org.msqsim.models.layer.Activation;
import org.msqsim.models.layer.Add;
import org.msqsim.models.layer.Affine;
import org.msqsim.models.layer.Concat;
import org.msqsim.models.layer.Conv2d;
import org.msqsim.models.layer.Dense;
import org.msqsim.models.layer.GlobalAvgPool;
import org.msqsim.models.layer.AvgPool2d;
import org.msqsim.models.layer.Layer;
import org.msqsim.models.layer.MaxPool2d;
import org.msqsim.models.layer.Mul;
import org.msqsim.models.layer.PixelShuffle;
import org.msqsim.models.layer.Pointwise;
import org.msqsim.models.layer.PointwiseFn;
import org.msqsim.models.layer.Resize;
import org.msqsim.models.layer.Shape;
import org.msqsim.models.layer.Softmax;
import org.msqsim.models.tensor.FloatMatrix;

/**
 * Maps ONNX nodes, in topological order, to msqsim layers. Every ONNX value is either a
 * {@link Const} (initializers, {@code Constant} nodes, and shape arithmetic folded on them) or a
 * tensor of static shape produced by an {@link Op}. Folding happens where the producer's output has
 * no other reader: a batch norm, a constant product or sum into the preceding convolution or dense
 * layer; ReLU and ReLU6 into a GEMM layer's or an add's requantizer; hard-swish written out as
 * {@code x·Clip(x + 3, 0, 6)/6} is recognised as one operation.
 */
final class NodeMapper {
    private static final String SUPPORTED = "supported: Conv, ConvTranspose (kernel = stride, no padding), "
            + "BatchNormalization, Gemm, MatMul, Add, Sub, Mul, Div, Relu, Clip, HardSigmoid, HardSwish, Sigmoid, "
            + "GlobalAveragePool, MaxPool, AveragePool, Resize/Upsample (nearest), Concat, Softmax, Flatten, Reshape, "
            + "Squeeze, Unsqueeze, Identity, Dropout, and shape arithmetic on constants";

    /** A tensor value: its producer (null for the network input) and its dims, {@code 1×C×H×W} or {@code 1×F}. */
    private record Tensor(Op op, long[] dims) {
    }

    private final Path file;
    private final int opset;
    private final List<NodeProto> order;
    private final Map<String, Object> values = new HashMap<>();
    private final Map<String, List<NodeProto>> consumers = new HashMap<>();
    private final Set<String> graphOutputs = new HashSet<>();
    private final Set<NodeProto> absorbed = new HashSet<>();
    private final List<Op> ops = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final GraphProto graph;
    private final String inputName;

    NodeMapper(Path file, int opset, List<NodeProto> order, GraphProto g, Map<String, TensorProto> inits,
               String input, long[] dims) {
        this.file = file;
        this.opset = opset;
        this.order = order;
        this.graph = g;
        this.inputName = input;
        for (Map.Entry<String, TensorProto> e : inits.entrySet()) {
            try {
                values.put(e.getKey(), TensorDecoder.decode(e.getValue()));
            } catch (IllegalArgumentException ex) {
                throw new OnnxFormatException(file, "initializer '" + e.getKey() + "': " + ex.getMessage());
            }
        }
        values.put(input, new Tensor(null, dims));
        for (NodeProto n : order) {
            for (String in : n.getInputList()) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
            }
        }
        for (ValueInfoProto o : g.getOutputList()) {
            graphOutputs.add(o.getName());
        }
        names.add(Network.INPUT);
    }

    ImportedNetwork map(String netName, String description) {
        for (NodeProto n : order) { // constants first, so that a pattern can look ahead at a later node's bounds
            if (n.getOpType().equals("Constant")) {
                values.put(out(n), constantNode(n));
                absorbed.add(n);
            }
        }
        for (NodeProto n : order) {
            if (absorbed.contains(n)) {
                continue;
            }
            try {
                node(n);
            } catch (OnnxFormatException e) {
                throw e;
            } catch (IllegalArgumentException | ArithmeticException | IndexOutOfBoundsException e) {
                throw new OnnxFormatException(file, "node " + OnnxImporter.describe(n) + ": " + e.getMessage());
            }
        }
        return build(netName, description);
    }

    // ---------------------------------------------------------------- values

    private boolean isConst(String v) {
        return values.get(v) instanceof Const;
    }

    private Const constant(NodeProto n, int i) {
        if (i >= n.getInputCount() || n.getInput(i).isEmpty()) {
            return null;
        }
        Object v = values.get(n.getInput(i));
        if (v instanceof Const c) {
            return c;
        }
        throw unsupported(n, "input " + i + " ('" + n.getInput(i) + "') must be a constant once the input shape is "
                + "fixed");
    }

    private Tensor tensor(NodeProto n, int i) {
        Object v = values.get(n.getInput(i));
        if (v instanceof Tensor t) {
            return t;
        }
        throw unsupported(n, "input " + i + " ('" + n.getInput(i) + "') must be a tensor, not a constant");
    }

    private OnnxFormatException unsupported(NodeProto n, String why) {
        return new OnnxFormatException(file, "node " + OnnxImporter.describe(n) + ": " + why);
    }

    /** Whether the value is read by exactly one node and is not a graph output: its producer may absorb the reader. */
    private boolean soleReader(String value) {
        return !graphOutputs.contains(value) && consumers.getOrDefault(value, List.of()).size() == 1;
    }

    private NodeProto onlyConsumer(String value) {
        return soleReader(value) ? consumers.get(value).get(0) : null;
    }

    private String out(NodeProto n) {
        return n.getOutput(0);
    }

    private String fresh(NodeProto n) {
        String base = n.getName().isEmpty() ? out(n) : n.getName();
        base = base.replaceAll("[\\s,]", "_");
        String name = base;
        for (int k = 2; !names.add(name); k++) {
            name = base + "_" + k;
        }
        return name;
    }

    private static Shape shapeOf(long[] dims) {
        if (dims.length == 4) {
            return new Shape((int) dims[1], (int) dims[2], (int) dims[3]);
        }
        long f = 1;
        for (int i = 1; i < dims.length; i++) {
            f *= dims[i];
        }
        return new Shape((int) f, 1, 1);
    }

    private Tensor emit(NodeProto n, Op op, long[] dims) {
        ops.add(op);
        Tensor t = new Tensor(op, dims);
        values.put(out(n), t);
        return t;
    }

    private Op.Stream stream(NodeProto n, List<Tensor> in, Layer layer, long[] dims) {
        List<Op> producers = in.stream().map(Tensor::op).toList();
        Op.Stream op = new Op.Stream(layer.name(), producers, out(n), layer);
        emit(n, op, dims);
        return op;
    }

    // ---------------------------------------------------------------- dispatch

    private void node(NodeProto n) {
        if (!n.getDomain().isEmpty() && !n.getDomain().equals("ai.onnx")) {
            throw unsupported(n, "operator domain '" + n.getDomain() + "' is not supported (" + SUPPORTED + ")");
        }
        boolean allConst = n.getInputCount() > 0 && n.getInputList().stream().allMatch(s -> s.isEmpty() || isConst(s));
        String t = n.getOpType();
        if (t.equals("Constant")) {
            values.put(out(n), constantNode(n));
            return;
        }
        if (t.equals("Shape")) {
            Object v = values.get(n.getInput(0));
            long[] d = v instanceof Tensor x ? x.dims() : ((Const) v).dims();
            double[] r = new double[d.length];
            for (int i = 0; i < d.length; i++) {
                r[i] = d[i];
            }
            values.put(out(n), Const.vector(r));
            return;
        }
        if (allConst && ShapeMath.handles(t)) {
            values.put(out(n), ShapeMath.eval(n, this::constOrNull, opset));
            return;
        }
        switch (t) {
            case "Identity", "Dropout" -> values.put(out(n), values.get(n.getInput(0)));
            case "Conv" -> conv(n);
            case "ConvTranspose" -> convTranspose(n);
            case "BatchNormalization" -> batchNorm(n);
            case "Gemm" -> gemm(n);
            case "MatMul" -> matmul(n);
            case "Add", "Sub", "Mul", "Div" -> arithmetic(n);
            case "Relu" -> relu(n, false);
            case "Clip" -> clip(n);
            case "HardSigmoid" -> pointwise(n, new PointwiseFn.HardSigmoid(new Attrs(n).f("alpha", 0.2),
                    new Attrs(n).f("beta", 0.5)));
            case "HardSwish" -> pointwise(n, new PointwiseFn.HardSwish());
            case "Sigmoid" -> pointwise(n, new PointwiseFn.Sigmoid());
            case "GlobalAveragePool" -> {
                Tensor x = tensor(n, 0);
                Shape s = shapeOf(x.dims());
                stream(n, List.of(x), new GlobalAvgPool(fresh(n), s), new long[] {1, s.c(), 1, 1});
            }
            case "MaxPool", "AveragePool" -> pool(n);
            case "Resize", "Upsample" -> resize(n);
            case "Concat" -> concat(n);
            case "Softmax" -> {
                Tensor x = tensor(n, 0);
                long axis = new Attrs(n).i("axis", opset >= 13 ? -1 : 1);
                int rank = x.dims().length;
                if (!(axis == 1 || axis == 1 - rank || (rank == 2 && axis == -1))) {
                    throw unsupported(n, "softmax over axis " + axis + " of a rank-" + rank + " tensor is not "
                            + "supported (over the channels, axis 1, is)");
                }
                stream(n, List.of(x), new Softmax(fresh(n), shapeOf(x.dims())), x.dims());
            }
            case "Flatten", "Reshape", "Squeeze", "Unsqueeze" -> reshape(n);
            default -> throw unsupported(n, "operator " + t + " cannot be mapped (" + SUPPORTED + ")");
        }
    }

    private Const constOrNull(String name) {
        Object v = values.get(name);
        return v instanceof Const c ? c : null;
    }

    private Const constantNode(NodeProto n) {
        Attrs a = new Attrs(n);
        AttributeProto v = a.raw("value");
        if (v != null) {
            try {
                return TensorDecoder.decode(v.getT());
            } catch (IllegalArgumentException e) {
                throw unsupported(n, "value: " + e.getMessage());
            }
        }
        if (a.has("value_float")) {
            return Const.scalar(a.f("value_float", 0));
        }
        if (a.has("value_int")) {
            return Const.scalar(a.i("value_int", 0));
        }
        if (a.has("value_floats")) {
            return Const.vector(a.floats("value_floats"));
        }
        if (a.has("value_ints")) {
            long[] l = a.ints("value_ints", new long[0]);
            return Const.vector(Arrays.stream(l).asDoubleStream().toArray());
        }
        throw unsupported(n, "a Constant needs a value attribute");
    }

    // ---------------------------------------------------------------- GEMM layers

    private void conv(NodeProto n) {
        Tensor x = tensor(n, 0);
        Const w = constant(n, 1);
        Const b = constant(n, 2);
        Attrs a = new Attrs(n);
        if (x.dims().length != 4 || w == null || w.dims().length != 4) {
            throw unsupported(n, "only 2-D convolutions of a 1xCxHxW tensor with 4-D constant weights are supported");
        }
        long groups = a.i("group", 1);
        int k = (int) w.dims()[0];
        int cg = (int) w.dims()[1];
        int r = (int) w.dims()[2];
        int s = (int) w.dims()[3];
        Shape in = shapeOf(x.dims());
        if (cg * groups != in.c()) {
            throw unsupported(n, "weights of " + cg + " channels x " + groups + " groups do not match the input's "
                    + in.c() + " channels");
        }
        long[] strides = a.ints("strides", new long[] {1, 1});
        int pad = pad(n, a, r, s);
        checkDilations(n, a);
        double[][] rows = new double[k][cg * r * s];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < rows[i].length; j++) {
                rows[i][j] = w.v()[i * rows[i].length + j];
            }
        }
        double[] bias = new double[k];
        if (b != null) {
            System.arraycopy(b.v(), 0, bias, 0, k);
        }
        int[] geo = {in.h(), in.w(), in.c(), k, r, s, (int) strides[0], (int) strides[1], pad, (int) groups};
        Op.Gemm op = new Op.Gemm(fresh(n), java.util.Collections.singletonList(opOf(x)), out(n), Op.Gemm.Form.CONV, geo, rows, bias, b != null);
        Conv2d c = conv2d(op); // validates the geometry now, naming this node
        emit(n, op, new long[] {1, k, c.outH(), c.outW()});
    }

    private static Op opOf(Tensor t) {
        return t.op();
    }

    private int pad(NodeProto n, Attrs a, int r, int s) {
        String auto = a.s("auto_pad", "NOTSET");
        if (!auto.equals("NOTSET") && !auto.equals("VALID")) {
            throw unsupported(n, "auto_pad " + auto + " is not supported (explicit pads are)");
        }
        long[] pads = a.ints("pads", new long[] {0, 0, 0, 0});
        for (long p : pads) {
            if (p != pads[0]) {
                throw unsupported(n, "padding " + Arrays.toString(pads) + " is not supported (the same padding on "
                        + "all four sides is)");
            }
        }
        return pads.length == 0 ? 0 : (int) pads[0];
    }

    private void checkDilations(NodeProto n, Attrs a) {
        for (long d : a.ints("dilations", new long[] {1, 1})) {
            if (d != 1) {
                throw unsupported(n, "dilation " + d + " is not supported (dilation 1 is)");
            }
        }
    }

    private void convTranspose(NodeProto n) {
        Tensor x = tensor(n, 0);
        Const w = constant(n, 1);
        Const b = constant(n, 2);
        Attrs a = new Attrs(n);
        if (x.dims().length != 4 || w == null || w.dims().length != 4) {
            throw unsupported(n, "only 2-D transposed convolutions with 4-D constant weights are supported");
        }
        int cin = (int) w.dims()[0];
        int cout = (int) w.dims()[1];
        int kh = (int) w.dims()[2];
        long[] strides = a.ints("strides", new long[] {1, 1});
        checkDilations(n, a);
        boolean simple = a.i("group", 1) == 1 && kh == w.dims()[3] && strides[0] == kh && strides[1] == kh
                && pad(n, a, kh, kh) == 0 && Arrays.stream(a.ints("output_padding", new long[] {0})).allMatch(p -> p == 0)
                && !a.has("output_shape");
        if (!simple) {
            throw unsupported(n, "only transposed convolutions with kernel = stride, one group, no padding and no "
                    + "output padding are supported");
        }
        Shape in = shapeOf(x.dims());
        if (cin != in.c()) {
            throw unsupported(n, "weights of " + cin + " input channels do not match the input's " + in.c());
        }
        int f = kh;
        double[][] rows = new double[cout * f * f][cin];
        for (int ci = 0; ci < cin; ci++) {
            for (int co = 0; co < cout; co++) {
                for (int t = 0; t < f * f; t++) {
                    rows[co * f * f + t][ci] = w.v()[(ci * cout + co) * f * f + t];
                }
            }
        }
        double[] bias = new double[cout * f * f];
        if (b != null) {
            for (int r = 0; r < bias.length; r++) {
                bias[r] = b.v()[r / (f * f)];
            }
        }
        int[] geo = {in.h(), in.w(), in.c(), cout, f};
        Op.Gemm op = new Op.Gemm(fresh(n), java.util.Collections.singletonList(opOf(x)), out(n), Op.Gemm.Form.CONVT, geo, rows, bias, b != null);
        emit(n, op, new long[] {1, cout, (long) in.h() * f, (long) in.w() * f});
    }

    private void gemm(NodeProto n) {
        Tensor x = tensor(n, 0);
        Const bm = constant(n, 1);
        Const c = constant(n, 2);
        Attrs a = new Attrs(n);
        if (a.i("transA", 0) != 0 || bm == null || bm.dims().length != 2) {
            throw unsupported(n, "only Gemm of a tensor by a constant 2-D matrix, without transA, is supported");
        }
        boolean transB = a.i("transB", 0) != 0;
        double alpha = a.f("alpha", 1);
        double beta = a.f("beta", 1);
        dense(n, x, bm, transB, alpha, c, beta);
    }

    private void matmul(NodeProto n) {
        Tensor x = tensor(n, 0);
        Const bm = constant(n, 1);
        if (bm == null || bm.dims().length != 2) {
            throw unsupported(n, "only MatMul of a tensor by a constant 2-D matrix is supported");
        }
        dense(n, x, bm, false, 1, null, 0);
    }

    private void dense(NodeProto n, Tensor x, Const bm, boolean transB, double alpha, Const c, double beta) {
        int in = (int) (transB ? bm.dims()[1] : bm.dims()[0]);
        int outF = (int) (transB ? bm.dims()[0] : bm.dims()[1]);
        long elements = shapeOf(x.dims()).elements();
        if (elements != in) {
            throw unsupported(n, "input of " + elements + " elements does not match the matrix's " + in + " rows");
        }
        double[][] rows = new double[outF][in];
        for (int o = 0; o < outF; o++) {
            for (int i = 0; i < in; i++) {
                rows[o][i] = alpha * (transB ? bm.v()[o * in + i] : bm.v()[i * outF + o]);
            }
        }
        double[] bias = new double[outF];
        if (c != null) {
            if (c.size() != 1 && c.size() != outF) {
                throw unsupported(n, "bias of " + c.size() + " values does not match " + outF + " outputs");
            }
            for (int o = 0; o < outF; o++) {
                bias[o] = beta * c.v()[c.size() == 1 ? 0 : o];
            }
        }
        Op.Gemm op = new Op.Gemm(fresh(n), java.util.Collections.singletonList(opOf(x)), out(n), Op.Gemm.Form.DENSE, new int[] {in, outF}, rows,
                bias, c != null);
        emit(n, op, new long[] {1, outF});
    }

    private void batchNorm(NodeProto n) {
        Tensor x = tensor(n, 0);
        Const g = constant(n, 1);
        Const b = constant(n, 2);
        Const mean = constant(n, 3);
        Const var = constant(n, 4);
        double eps = new Attrs(n).f("epsilon", 1e-5);
        int c = shapeOf(x.dims()).c();
        if (g == null || b == null || mean == null || var == null || g.size() != c || b.size() != c
                || mean.size() != c || var.size() != c) {
            throw unsupported(n, "needs constant scale, bias, mean and variance of " + c + " channels each");
        }
        double[] sa = new double[c];
        double[] sb = new double[c];
        for (int i = 0; i < c; i++) {
            // Computed in float, as ONNX Runtime computes the batch norm, so the folded layer matches it.
            float inv = (float) (g.v()[i] / Math.sqrt((float) (var.v()[i] + eps)));
            sa[i] = inv;
            sb[i] = b.v()[i] - mean.v()[i] * inv;
        }
        affine(n, x, sa, sb);
    }

    /** Folds {@code a·x + b} into x's producer when it may, else emits an {@link Affine} layer. */
    private void affine(NodeProto n, Tensor x, double[] a, double[] b) {
        Op p = x.op();
        String v = n.getInput(0).equals(p == null ? "" : p.value) ? n.getInput(0) : null;
        if (v == null) {
            for (String in : n.getInputList()) {
                if (p != null && in.equals(p.value)) {
                    v = in;
                }
            }
        }
        if (p instanceof Op.Gemm gm && v != null && gm.act == Activation.NONE && soleReader(v)) {
            if (!((a.length == 1 || a.length == gm.channels()) && (b.length == 1 || b.length == gm.channels()))) {
                throw unsupported(n, "factors of " + a.length + " and " + b.length + " values do not match "
                        + gm.channels() + " channels");
            }
            gm.fold(a, b);
            gm.value = out(n);
            values.put(out(n), x);
            return;
        }
        if (p instanceof Op.Stream st && st.layer instanceof Affine af && v != null && soleReader(v)) {
            int c = af.inputShape().c();
            double[] na = new double[c];
            double[] nb = new double[c];
            for (int i = 0; i < c; i++) {
                double ai = a[a.length == 1 ? 0 : i];
                na[i] = af.a(i) * ai;
                nb[i] = af.b(i) * ai + b[b.length == 1 ? 0 : i];
            }
            st.layer = new Affine(af.name(), af.inputShape(), na, nb);
            st.value = out(n);
            values.put(out(n), x);
            return;
        }
        Shape s = shapeOf(x.dims());
        if ((a.length != 1 && a.length != s.c()) || (b.length != 1 && b.length != s.c())) {
            throw unsupported(n, "a constant of " + Math.max(a.length, b.length) + " values is neither per tensor nor "
                    + "per channel (" + s.c() + ")");
        }
        stream(n, List.of(x), new Affine(fresh(n), s, a, b), x.dims());
    }

    // ---------------------------------------------------------------- element-wise

    private void arithmetic(NodeProto n) {
        String t = n.getOpType();
        boolean c0 = isConst(n.getInput(0));
        boolean c1 = isConst(n.getInput(1));
        if (!c0 && !c1) {
            Tensor a = tensor(n, 0);
            Tensor b = tensor(n, 1);
            Shape sa = shapeOf(a.dims());
            Shape sb = shapeOf(b.dims());
            if (t.equals("Add") && sa.equals(sb)) {
                stream(n, List.of(a, b), new Add(fresh(n), sa, Activation.NONE), a.dims());
                return;
            }
            if (t.equals("Mul")) {
                if (sa.equals(sb)) {
                    stream(n, List.of(a, b), new Mul(fresh(n), sa, false), a.dims());
                    return;
                }
                if (sb.h() == 1 && sb.w() == 1 && sb.c() == sa.c()) {
                    stream(n, List.of(a, b), new Mul(fresh(n), sa, true), a.dims());
                    return;
                }
                if (sa.h() == 1 && sa.w() == 1 && sa.c() == sb.c()) {
                    stream(n, List.of(b, a), new Mul(fresh(n), sb, true), b.dims());
                    return;
                }
            }
            throw unsupported(n, t + " of two tensors " + sa + " and " + sb + " is not supported (Add of equal shapes, "
                    + "Mul of equal shapes or by a per-channel gate are)");
        }
        if (t.equals("Add") && hardSwish(n)) {
            return;
        }
        Tensor x = tensor(n, c0 ? 1 : 0);
        Const k = constant(n, c0 ? 0 : 1);
        double[] kv = perChannel(n, k, shapeOf(x.dims()));
        double[] a;
        double[] b;
        switch (t) {
            case "Add" -> {
                a = new double[] {1};
                b = kv;
            }
            case "Sub" -> {
                a = new double[] {c0 ? -1 : 1};
                b = c0 ? kv : negate(kv);
            }
            case "Mul" -> {
                a = kv;
                b = new double[] {0};
            }
            default -> {
                if (c0) {
                    throw unsupported(n, "a constant divided by a tensor is not supported");
                }
                a = new double[kv.length];
                for (int i = 0; i < kv.length; i++) {
                    a[i] = 1 / kv[i];
                }
                b = new double[] {0};
            }
        }
        affine(n, x, a, b);
    }

    private static double[] negate(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = -v[i];
        }
        return r;
    }

    /** A constant that is one value or one per channel ({@code C}, {@code C×1×1}, {@code 1×C×1×1}). */
    private double[] perChannel(NodeProto n, Const k, Shape s) {
        if (k.size() == 1) {
            return new double[] {k.scalar()};
        }
        long[] d = k.dims();
        boolean ok = k.size() == s.c();
        if (ok && s.h() * s.w() > 1) {
            int at = d.length - 3; // the channel axis, counted from the right of C×H×W
            ok = at >= 0 && d[at] == s.c();
        }
        if (!ok) {
            throw unsupported(n, "a constant of dims " + Arrays.toString(d) + " is neither one value nor one per "
                    + "channel of " + s);
        }
        return k.v().clone();
    }

    /**
     * Recognises {@code Add(x, 3) → Clip(0, 6) → Mul(x, ·) → Div(·, 6)} (or {@code Mul(·, 1/6)}), each
     * step the only reader of the previous, as one hard-swish on x.
     */
    private boolean hardSwish(NodeProto add) {
        boolean c0 = isConst(add.getInput(0));
        Const three = constOrNull(add.getInput(c0 ? 0 : 1));
        String x = add.getInput(c0 ? 1 : 0);
        if (three == null || !three.isScalarLike() || three.scalar() != 3) {
            return false;
        }
        NodeProto clip = onlyConsumer(out(add));
        if (clip == null || !clip.getOpType().equals("Clip") || !clipRange(clip, 0, 6)) {
            return false;
        }
        NodeProto mul = onlyConsumer(out(clip));
        if (mul == null || !mul.getOpType().equals("Mul") || mul.getInputCount() != 2
                || !(mul.getInput(0).equals(x) || mul.getInput(1).equals(x))) {
            return false;
        }
        NodeProto div = onlyConsumer(out(mul));
        if (div == null || div.getInputCount() != 2 || !div.getInput(0).equals(out(mul))) {
            return false;
        }
        Const k = constOrNull(div.getInput(1));
        boolean sixth = k != null && k.isScalarLike() && (div.getOpType().equals("Div") && k.scalar() == 6
                || div.getOpType().equals("Mul") && Math.abs(k.scalar() * 6 - 1) < 1e-6);
        if (!sixth) {
            return false;
        }
        absorbed.add(clip);
        absorbed.add(mul);
        absorbed.add(div);
        if (!(values.get(x) instanceof Tensor t)) {
            return false;
        }
        String name = fresh(div);
        Op.Stream op = new Op.Stream(name, java.util.Collections.singletonList(t.op()), out(div),
                new Pointwise(name, shapeOf(t.dims()), new PointwiseFn.HardSwish()));
        ops.add(op);
        values.put(out(div), new Tensor(op, t.dims()));
        return true;
    }

    private boolean clipRange(NodeProto clip, double lo, double hi) {
        double[] r = clipBounds(clip);
        return r[0] == lo && r[1] == hi;
    }

    private double[] clipBounds(NodeProto clip) {
        Attrs a = new Attrs(clip);
        if (opset < 11) {
            return new double[] {a.f("min", -Float.MAX_VALUE), a.f("max", Float.MAX_VALUE)};
        }
        Const lo = clip.getInputCount() > 1 && !clip.getInput(1).isEmpty() ? constOrNull(clip.getInput(1)) : null;
        Const hi = clip.getInputCount() > 2 && !clip.getInput(2).isEmpty() ? constOrNull(clip.getInput(2)) : null;
        if ((clip.getInputCount() > 1 && !clip.getInput(1).isEmpty() && lo == null)
                || (clip.getInputCount() > 2 && !clip.getInput(2).isEmpty() && hi == null)) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return new double[] {lo == null ? Double.NEGATIVE_INFINITY : lo.scalar(),
            hi == null ? Double.POSITIVE_INFINITY : hi.scalar()};
    }

    private void clip(NodeProto n) {
        double[] r = clipBounds(n);
        if (r[0] == 0 && r[1] == 6) {
            relu(n, true);
        } else if (r[0] == 0 && r[1] >= Float.MAX_VALUE) {
            relu(n, false);
        } else {
            throw unsupported(n, "Clip(" + r[0] + ", " + r[1] + ") is not supported (Clip(0, 6) as ReLU6 and Clip(0) "
                    + "as ReLU are, and inside a hard-swish)");
        }
    }

    private void relu(NodeProto n, boolean six) {
        Tensor x = tensor(n, 0);
        Op p = x.op();
        Activation act = six ? Activation.RELU6 : Activation.RELU;
        if (p != null && n.getInput(0).equals(p.value) && soleReader(p.value)) {
            if (p instanceof Op.Gemm g && g.act == Activation.NONE) {
                g.act = act;
                g.value = out(n);
                values.put(out(n), x);
                return;
            }
            if (p instanceof Op.Stream st && st.layer instanceof Add ad && ad.activation() == Activation.NONE) {
                st.layer = new Add(ad.name(), ad.inputShape(), act);
                st.value = out(n);
                values.put(out(n), x);
                return;
            }
        }
        pointwise(n, new PointwiseFn.Relu(six));
    }

    private void pointwise(NodeProto n, PointwiseFn fn) {
        Tensor x = tensor(n, 0);
        stream(n, List.of(x), new Pointwise(fresh(n), shapeOf(x.dims()), fn), x.dims());
    }

    private void pool(NodeProto n) {
        Tensor x = tensor(n, 0);
        Attrs a = new Attrs(n);
        long[] k = a.ints("kernel_shape", new long[0]);
        long[] st = a.ints("strides", new long[] {1, 1});
        if (k.length != 2 || st.length != 2 || st[0] != st[1] || a.i("ceil_mode", 0) != 0) {
            throw unsupported(n, "only 2-D pools with equal strides and ceil_mode 0 are supported");
        }
        int pad = pad(n, a, (int) k[0], (int) k[1]);
        Shape s = shapeOf(x.dims());
        Layer l;
        if (n.getOpType().equals("MaxPool")) {
            if (n.getOutputCount() > 1 && !n.getOutput(1).isEmpty()) {
                throw unsupported(n, "MaxPool's indices output is not supported");
            }
            l = new MaxPool2d(fresh(n), s, (int) k[0], (int) k[1], (int) st[0], pad);
        } else {
            if (pad != 0 && a.i("count_include_pad", 0) == 0) {
                throw unsupported(n, "AveragePool with padding and count_include_pad 0 is not supported");
            }
            l = new AvgPool2d(fresh(n), s, (int) k[0], (int) k[1], (int) st[0], pad);
        }
        Shape o = l.outputShape();
        stream(n, List.of(x), l, new long[] {1, o.c(), o.h(), o.w()});
    }

    private void resize(NodeProto n) {
        Tensor x = tensor(n, 0);
        Attrs a = new Attrs(n);
        String mode = a.s("mode", "nearest");
        if (!mode.equals("nearest")) {
            throw unsupported(n, "mode " + mode + " is not supported (nearest with an integer factor is)");
        }
        String ctm = a.s("coordinate_transformation_mode", "half_pixel");
        String nm = a.s("nearest_mode", "round_prefer_floor");
        boolean older = n.getOpType().equals("Upsample") || opset < 11;
        if (!older && !(ctm.equals("asymmetric") && nm.equals("floor"))
                && !(ctm.equals("half_pixel") && nm.equals("round_prefer_floor"))) {
            throw unsupported(n, "coordinate transformation " + ctm + " with nearest mode " + nm + " is not supported "
                    + "(asymmetric with floor, half_pixel with round_prefer_floor are)");
        }
        double[] scales = null;
        double[] fromAttr = a.floats("scales");
        if (fromAttr != null) {
            scales = fromAttr;
        } else {
            int si = n.getOpType().equals("Upsample") || opset < 11 ? 1 : 2;
            Const sc = constant(n, si);
            if (sc != null && sc.size() > 0) {
                scales = sc.v();
            } else {
                Const sizes = constant(n, 3);
                if (sizes == null || sizes.size() != 4) {
                    throw unsupported(n, "needs constant scales or sizes");
                }
                scales = new double[4];
                for (int i = 0; i < 4; i++) {
                    scales[i] = sizes.v()[i] / x.dims()[i];
                }
            }
        }
        int f = (int) Math.round(scales.length == 4 ? scales[2] : 0);
        if (scales.length != 4 || scales[0] != 1 || scales[1] != 1 || scales[2] != scales[3] || f < 1
                || scales[2] != f) {
            throw unsupported(n, "scales " + Arrays.toString(scales) + " are not supported (1, 1, f, f with an integer "
                    + "f are)");
        }
        Shape s = shapeOf(x.dims());
        stream(n, List.of(x), new Resize(fresh(n), s, f), new long[] {1, s.c(), (long) s.h() * f, (long) s.w() * f});
    }

    private void concat(NodeProto n) {
        long axis = new Attrs(n).i("axis", 1);
        List<Tensor> in = new ArrayList<>();
        for (int i = 0; i < n.getInputCount(); i++) {
            in.add(tensor(n, i));
        }
        int rank = in.get(0).dims().length;
        if (axis != 1 && axis != 1 - rank) {
            throw unsupported(n, "concatenation along axis " + axis + " is not supported (along the channels is)");
        }
        List<Shape> shapes = in.stream().map(t -> shapeOf(t.dims())).toList();
        Concat c = new Concat(fresh(n), shapes);
        Shape o = c.outputShape();
        stream(n, in, c, new long[] {1, o.c(), o.h(), o.w()});
    }

    private void reshape(NodeProto n) {
        Tensor x = tensor(n, 0);
        long elements = shapeOf(x.dims()).elements();
        long[] dims = ShapeMath.reshapedDims(n, x.dims(), this::constOrNull, opset);
        long prod = 1;
        for (long d : dims) {
            prod *= d;
        }
        if (prod != elements || dims.length == 0 || dims[0] != 1) {
            throw unsupported(n, "reshaping " + Arrays.toString(x.dims()) + " to " + Arrays.toString(dims)
                    + " is not supported (one image, the same elements)");
        }
        Shape before = shapeOf(x.dims());
        Shape after = shapeOf(dims);
        boolean flat = dims.length != 4;
        if (!before.equals(after) && !flat) {
            throw unsupported(n, "reshaping " + before + " to " + after + " is not supported (flattening is)");
        }
        values.put(out(n), new Tensor(x.op(), dims));
    }

    // ---------------------------------------------------------------- the network

    private static Conv2d conv2d(Op.Gemm g) {
        int[] q = g.geo;
        return new Conv2d(g.name, q[0], q[1], q[2], q[3], q[4], q[5], q[6], q[8], q[9], g.hasBias, g.act, q[7]);
    }

    private ImportedNetwork build(String netName, String description) {
        Map<Op, String> outName = new HashMap<>();
        List<Node> nodes = new ArrayList<>();
        Map<String, FloatMatrix> weights = new LinkedHashMap<>();
        Map<String, double[]> biases = new LinkedHashMap<>();
        for (Op op : ops) {
            List<String> ins = op.inputs.stream().map(p -> p == null ? Network.INPUT : outName.get(p)).toList();
            if (op instanceof Op.Gemm g) {
                Layer l = switch (g.form) {
                    case CONV -> conv2d(g);
                    case DENSE -> new Dense(g.name, g.geo[0], g.geo[1], g.hasBias, g.act);
                    case CONVT -> new Conv2d(g.name, g.geo[0], g.geo[1], g.geo[2], g.rows.length, 1, 1, 1, 0, 1,
                            g.hasBias, g.act);
                };
                nodes.add(new Node(l, ins));
                weights.put(g.name, matrix(g.rows));
                if (g.hasBias) {
                    biases.put(g.name, g.bias.clone());
                }
                outName.put(op, g.name);
                if (g.form == Op.Gemm.Form.CONVT) {
                    String sh = g.name + ".shuffle";
                    names.add(sh);
                    nodes.add(new Node(new PixelShuffle(sh, l.outputShape(), g.geo[4]), List.of(g.name)));
                    outName.put(op, sh);
                }
            } else {
                Op.Stream s = (Op.Stream) op; // Op is sealed: Gemm or Stream
                nodes.add(new Node(s.layer, ins));
                outName.put(op, s.layer.name());
            }
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        for (ValueInfoProto o : graph.getOutputList()) {
            Object v = values.get(o.getName());
            if (!(v instanceof Tensor t) || t.op() == null) {
                throw new OnnxFormatException(file, "graph output '" + o.getName() + "' is a constant or the input "
                        + "itself, not computed by a layer");
            }
            outputs.put(o.getName(), outName.get(t.op()));
        }
        if (nodes.isEmpty()) {
            throw new OnnxFormatException(file, "no layer to run: every node folds to a constant");
        }
        Network net;
        try {
            net = Network.of(netName, description, shapeOf(((Tensor) values.get(inputKey())).dims()), nodes);
        } catch (IllegalArgumentException e) {
            throw new OnnxFormatException(file, e.getMessage().replace('\n', ';'));
        }
        return new ImportedNetwork(net, weights, biases, inputKey(), outputs);
    }

    private String inputKey() {
        return inputName;
    }

    private static FloatMatrix matrix(double[][] rows) {
        int cols = rows[0].length;
        float[] d = new float[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < cols; c++) {
                d[r * cols + c] = (float) rows[r][c];
            }
        }
        return new FloatMatrix(rows.length, cols, d);
    }
}
