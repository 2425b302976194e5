package org.msqsim.models.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The operators of shape arithmetic evaluated on constants, as exporters write them to compute a
 * flatten's target shape: {@code Gather}, {@code Slice}, {@code Concat}, {@code Cast},
 * {@code Unsqueeze}, {@code Squeeze}, {@code Reshape}, {@code Flatten}, {@code ConstantOfShape},
 * element-wise {@code Add}, {@code Sub}, {@code Mul}, {@code Div} (numpy broadcasting of one side),
 * {@code Identity}.
 */
final class ShapeMath {
    private static final Set<String> OPS = Set.of("Gather", "Slice", "Concat", "Cast", "Unsqueeze", "Squeeze",
            "Reshape", "Flatten", "ConstantOfShape", "Add", "Sub", "Mul", "Div", "Identity", "Dropout");

    private ShapeMath() {
    }

    static boolean handles(String op) {
        return OPS.contains(op);
    }

    static Const eval(NodeProto n, Function<String, Const> in, int opset) {
        Attrs a = new Attrs(n);
        Const x = in.apply(n.getInput(0));
        switch (n.getOpType()) {
            case "Identity", "Dropout" -> {
                return x;
            }
            case "Cast" -> {
                long to = a.i("to", 1);
                if (to == 1 || to == 11 || to == 10) {
                    return x;
                }
                double[] v = x.v().clone();
                for (int i = 0; i < v.length; i++) {
                    v[i] = to == 9 ? (v[i] != 0 ? 1 : 0) : (double) (long) v[i];
                }
                return new Const(x.dims(), v);
            }
            case "Gather" -> {
                return gather(x, in.apply(n.getInput(1)), (int) a.i("axis", 0));
            }
            case "Slice" -> {
                return slice(n, x, in, a, opset);
            }
            case "Concat" -> {
                List<Const> parts = new ArrayList<>();
                for (String s : n.getInputList()) {
                    parts.add(in.apply(s));
                }
                return concat(parts, a.i("axis", 0));
            }
            case "Unsqueeze", "Squeeze", "Reshape", "Flatten" -> {
                return x.reshape(reshapedDims(n, x.dims(), in, opset));
            }
            case "ConstantOfShape" -> {
                long[] d = x.longs();
                long count = 1;
                for (long v : d) {
                    count *= v;
                }
                if (count < 0 || count > 1 << 24) {
                    throw new IllegalArgumentException("ConstantOfShape of " + Arrays.toString(d) + " is too large");
                }
                double fill = 0;
                if (a.raw("value") != null) {
                    fill = TensorDecoder.decode(a.raw("value").getT()).v()[0];
                }
                double[] v = new double[(int) count];
                Arrays.fill(v, fill);
                return new Const(d, v);
            }
            default -> {
                return binary(n.getOpType(), x, in.apply(n.getInput(1)));
            }
        }
    }

    private static Const binary(String op, Const x, Const y) {
        Const big = x.size() >= y.size() ? x : y;
        if (!(x.size() == y.size() || x.size() == 1 || y.size() == 1)) {
            throw new IllegalArgumentException("broadcasting " + Arrays.toString(x.dims()) + " with "
                    + Arrays.toString(y.dims()) + " is not supported on constants");
        }
        double[] v = new double[big.size()];
        for (int i = 0; i < v.length; i++) {
            double p = x.v()[x.size() == 1 ? 0 : i];
            double q = y.v()[y.size() == 1 ? 0 : i];
            v[i] = switch (op) {
                case "Add" -> p + q;
                case "Sub" -> p - q;
                case "Mul" -> p * q;
                default -> q == 0 ? Double.NaN : p / q;
            };
        }
        return new Const(big.dims(), v);
    }

    private static Const gather(Const x, Const idx, int axis) {
        if (x.dims().length != 1 || axis != 0) {
            throw new IllegalArgumentException("Gather on constants is supported along axis 0 of a vector only");
        }
        double[] v = new double[idx.size()];
        for (int i = 0; i < v.length; i++) {
            long k = (long) idx.v()[i];
            if (k < 0) {
                k += x.size();
            }
            if (k < 0 || k >= x.size()) {
                throw new IllegalArgumentException("Gather index " + (long) idx.v()[i] + " is out of range");
            }
            v[i] = x.v()[(int) k];
        }
        return new Const(idx.dims(), v);
    }

    private static Const slice(NodeProto n, Const x, Function<String, Const> in, Attrs a, int opset) {
        if (x.dims().length != 1) {
            throw new IllegalArgumentException("Slice on constants is supported on vectors only");
        }
        long start;
        long end;
        long step = 1;
        if (opset < 10) {
            start = a.ints("starts", new long[] {0})[0];
            end = a.ints("ends", new long[] {Long.MAX_VALUE})[0];
        } else {
            start = in.apply(n.getInput(1)).longs()[0];
            end = in.apply(n.getInput(2)).longs()[0];
            if (n.getInputCount() > 4 && !n.getInput(4).isEmpty()) {
                step = in.apply(n.getInput(4)).longs()[0];
            }
        }
        if (step != 1) {
            throw new IllegalArgumentException("Slice with step " + step + " is not supported on constants");
        }
        long len = x.size();
        start = Math.max(0, Math.min(len, start < 0 ? start + len : start));
        end = Math.max(0, Math.min(len, end < 0 ? end + len : end));
        double[] v = Arrays.copyOfRange(x.v(), (int) start, (int) Math.max(start, end));
        return Const.vector(v);
    }

    private static Const concat(List<Const> parts, long axis) {
        int total = 0;
        for (Const c : parts) {
            if (c.dims().length > 1) {
                throw new IllegalArgumentException("Concat on constants is supported on vectors only");
            }
            total += c.size();
        }
        double[] v = new double[total];
        int at = 0;
        for (Const c : parts) {
            System.arraycopy(c.v(), 0, v, at, c.size());
            at += c.size();
        }
        return Const.vector(v);
    }

    /** The dims after a Reshape, Flatten, Squeeze or Unsqueeze of a tensor of {@code dims}. */
    static long[] reshapedDims(NodeProto n, long[] dims, Function<String, Const> in, int opset) {
        Attrs a = new Attrs(n);
        long total = 1;
        for (long d : dims) {
            total *= d;
        }
        switch (n.getOpType()) {
            case "Flatten" -> {
                long axis = a.i("axis", 1);
                if (axis < 0) {
                    axis += dims.length;
                }
                long outer = 1;
                for (int i = 0; i < axis; i++) {
                    outer *= dims[i];
                }
                return new long[] {outer, outer == 0 ? 0 : total / outer};
            }
            case "Reshape" -> {
                Const s = in.apply(n.getInput(1));
                if (s == null) {
                    throw new IllegalArgumentException("the target shape must be a constant once the input shape is fixed");
                }
                long[] t = s.longs();
                int unknown = -1;
                long known = 1;
                for (int i = 0; i < t.length; i++) {
                    if (t[i] == 0 && a.i("allowzero", 0) == 0) {
                        if (i >= dims.length) {
                            throw new IllegalArgumentException("target dimension 0 at " + i + " copies nothing");
                        }
                        t[i] = dims[i];
                    }
                    if (t[i] == -1) {
                        if (unknown >= 0) {
                            throw new IllegalArgumentException("more than one -1 in the target shape");
                        }
                        unknown = i;
                    } else if (t[i] < 0) {
                        throw new IllegalArgumentException("negative target dimension " + t[i]);
                    } else {
                        known *= t[i];
                    }
                }
                if (unknown >= 0) {
                    if (known == 0 || total % known != 0) {
                        throw new IllegalArgumentException("cannot infer -1 in " + Arrays.toString(s.longs()));
                    }
                    t[unknown] = total / known;
                }
                return t;
            }
            default -> {
                long[] axes = a.ints("axes", null);
                if (axes == null && opset >= 13 && n.getInputCount() > 1 && !n.getInput(1).isEmpty()) {
                    Const c = in.apply(n.getInput(1));
                    if (c == null) {
                        throw new IllegalArgumentException("axes must be a constant");
                    }
                    axes = c.longs();
                }
                List<Long> out = new ArrayList<>();
                for (long d : dims) {
                    out.add(d);
                }
                if (n.getOpType().equals("Squeeze")) {
                    List<Long> kept = new ArrayList<>();
                    int rank = dims.length;
                    for (int i = 0; i < rank; i++) {
                        boolean drop = false;
                        if (axes == null) {
                            drop = dims[i] == 1;
                        } else {
                            for (long ax : axes) {
                                drop |= (ax < 0 ? ax + rank : ax) == i;
                            }
                        }
                        if (!drop) {
                            kept.add(dims[i]);
                        }
                    }
                    out = kept;
                } else {
                    if (axes == null) {
                        throw new IllegalArgumentException("Unsqueeze needs axes");
                    }
                    int rank = dims.length + axes.length;
                    long[] sorted = axes.clone();
                    for (int i = 0; i < sorted.length; i++) {
                        sorted[i] = sorted[i] < 0 ? sorted[i] + rank : sorted[i];
                    }
                    Arrays.sort(sorted);
                    for (long ax : sorted) {
                        if (ax < 0 || ax > out.size()) {
                            throw new IllegalArgumentException("Unsqueeze axis " + ax + " is out of range");
                        }
                        out.add((int) ax, 1L);
                    }
                }
                return out.stream().mapToLong(Long::longValue).toArray();
            }
        }
    }
}
