package org.msqsim.models.golden;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.msqsim.models.graph.Network;
import org.msqsim.models.graph.Node;
import org.msqsim.models.layer.Activation;
import org.msqsim.models.layer.Add;
import org.msqsim.models.layer.Affine;
import org.msqsim.models.layer.AvgPool2d;
import org.msqsim.models.layer.Concat;
import org.msqsim.models.layer.Conv2d;
import org.msqsim.models.layer.Dense;
import org.msqsim.models.layer.Gemm;
import org.msqsim.models.layer.GemmLayer;
import org.msqsim.models.layer.GlobalAvgPool;
import org.msqsim.models.layer.Layer;
import org.msqsim.models.layer.MaxPool2d;
import org.msqsim.models.layer.Mul;
import org.msqsim.models.layer.PixelShuffle;
import org.msqsim.models.layer.Pointwise;
import org.msqsim.models.layer.Resize;
import org.msqsim.models.layer.Shape;
import org.msqsim.models.layer.Softmax;
import org.msqsim.models.tensor.FloatMatrix;

/**
 * A network in floating point (double): the float model that quantization is measured against, and
 * the path held to ONNX Runtime on imported networks. Each layer computed by the plainest loops from
 * its real weights and bias; every layer's output is kept, by layer name.
 */
public final class FloatReference {
    private final Function<GemmLayer, FloatMatrix> weights;
    private final Function<GemmLayer, Optional<double[]>> biases;

    public FloatReference(Function<GemmLayer, FloatMatrix> weights, Function<GemmLayer, Optional<double[]>> biases) {
        this.weights = weights;
        this.biases = biases;
    }

    /** Every layer's output for {@code input} (C×H×W, row-major), by layer name. */
    public Map<String, double[]> run(Network net, double[] input) {
        if (input.length != net.input().elements()) {
            throw new IllegalArgumentException("input has " + input.length + " values, " + net.input() + " needs "
                    + net.input().elements());
        }
        Map<String, double[]> out = new HashMap<>();
        out.put(Network.INPUT, input);
        for (Node n : net.nodes()) {
            List<double[]> in = n.inputs().stream().map(out::get).toList();
            out.put(n.name(), layer(n.layer(), in));
        }
        return out;
    }

    private double[] layer(Layer l, List<double[]> in) {
        double[] x = in.get(0);
        if (l instanceof GemmLayer g) {
            double[] y = gemm(g, x);
            Optional<double[]> b = biases.apply(g);
            int n = g.gemmN();
            if (b.isPresent()) {
                for (int r = 0; r < y.length / n; r++) {
                    for (int j = 0; j < n; j++) {
                        y[r * n + j] += b.get()[r];
                    }
                }
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = act(g.activation(), y[i]);
            }
            return y;
        }
        if (l instanceof Add a) {
            double[] y = new double[x.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = act(a.activation(), x[i] + in.get(1)[i]);
            }
            return y;
        }
        if (l instanceof Mul m) {
            double[] p = x;
            double[] q = in.get(1);
            if (p.length != m.inputShape().elements()) {
                p = in.get(1);
                q = x;
            }
            int plane = m.inputShape().h() * m.inputShape().w();
            double[] y = new double[p.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = p[i] * q[q.length == p.length ? i : i / plane];
            }
            return y;
        }
        if (l instanceof Affine a) {
            int plane = a.inputShape().h() * a.inputShape().w();
            double[] y = new double[x.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = a.a(i / plane) * x[i] + a.b(i / plane);
            }
            return y;
        }
        if (l instanceof Pointwise p) {
            double[] y = new double[x.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = p.fn().real(x[i]);
            }
            return y;
        }
        return stream(l, in);
    }

    private double[] stream(Layer l, List<double[]> in) {
        double[] x = in.get(0);
        Shape s = l.inputShape();
        Shape o = l.outputShape();
        double[] y = new double[(int) o.elements()];
        if (l instanceof GlobalAvgPool) {
            int plane = s.h() * s.w();
            for (int c = 0; c < s.c(); c++) {
                double sum = 0;
                for (int i = 0; i < plane; i++) {
                    sum += x[c * plane + i];
                }
                y[c] = sum / plane;
            }
        } else if (l instanceof MaxPool2d p) {
            pool(x, s, o, p.r(), p.s(), p.stride(), p.pad(), true, y);
        } else if (l instanceof AvgPool2d p) {
            pool(x, s, o, p.r(), p.s(), p.stride(), p.pad(), false, y);
        } else if (l instanceof Resize r) {
            int f = r.factor();
            for (int c = 0; c < o.c(); c++) {
                for (int yy = 0; yy < o.h(); yy++) {
                    for (int xx = 0; xx < o.w(); xx++) {
                        y[(c * o.h() + yy) * o.w() + xx] = x[(c * s.h() + yy / f) * s.w() + xx / f];
                    }
                }
            }
        } else if (l instanceof Concat) {
            int at = 0;
            for (double[] t : in) {
                System.arraycopy(t, 0, y, at, t.length);
                at += t.length;
            }
        } else if (l instanceof Softmax) {
            int plane = s.h() * s.w();
            for (int p = 0; p < plane; p++) {
                double top = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < s.c(); c++) {
                    top = Math.max(top, x[c * plane + p]);
                }
                double sum = 0;
                for (int c = 0; c < s.c(); c++) {
                    sum += Math.exp(x[c * plane + p] - top);
                }
                for (int c = 0; c < s.c(); c++) {
                    y[c * plane + p] = Math.exp(x[c * plane + p] - top) / sum;
                }
            }
        } else if (l instanceof PixelShuffle ps) {
            int f = ps.factor();
            for (int ci = 0; ci < s.c(); ci++) {
                for (int yy = 0; yy < s.h(); yy++) {
                    for (int xx = 0; xx < s.w(); xx++) {
                        y[(ci / (f * f) * o.h() + yy * f + ci / f % f) * o.w() + xx * f + ci % f] =
                                x[(ci * s.h() + yy) * s.w() + xx];
                    }
                }
            }
        } else {
            throw new IllegalArgumentException("no float form for layer " + l.name() + " (" + l.kind().label() + ")");
        }
        return y;
    }

    private static void pool(double[] x, Shape s, Shape o, int r, int sw, int stride, int pad, boolean max,
                             double[] y) {
        for (int c = 0; c < o.c(); c++) {
            for (int oy = 0; oy < o.h(); oy++) {
                for (int ox = 0; ox < o.w(); ox++) {
                    double acc = max ? Double.NEGATIVE_INFINITY : 0;
                    for (int ky = 0; ky < r; ky++) {
                        for (int kx = 0; kx < sw; kx++) {
                            int iy = oy * stride - pad + ky;
                            int ix = ox * stride - pad + kx;
                            boolean inside = iy >= 0 && iy < s.h() && ix >= 0 && ix < s.w();
                            double v = inside ? x[(c * s.h() + iy) * s.w() + ix] : 0;
                            if (max) {
                                acc = inside ? Math.max(acc, v) : acc;
                            } else {
                                acc += v;
                            }
                        }
                    }
                    y[(c * o.h() + oy) * o.w() + ox] = max ? acc : acc / (r * sw);
                }
            }
        }
    }

    private double[] gemm(GemmLayer g, double[] x) {
        FloatMatrix w = weights.apply(g);
        if (g instanceof Conv2d c) {
            return conv(c, w, x);
        }
        int m = g.gemmM();
        int k = g.gemmK();
        int n = g.gemmN();
        if (g instanceof Gemm || g instanceof Dense) {
            double[] y = new double[m * n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double acc = 0;
                    for (int t = 0; t < k; t++) {
                        acc += (double) w.get(i, t) * x[t * n + j];
                    }
                    y[i * n + j] = acc;
                }
            }
            return y;
        }
        throw new IllegalArgumentException("no float form for layer " + g.name());
    }

    private static double[] conv(Conv2d c, FloatMatrix w, double[] x) {
        int cg = c.c() / c.groups();
        int kg = c.k() / c.groups();
        int ho = c.outH();
        int wo = c.outW();
        double[] y = new double[c.k() * ho * wo];
        for (int ko = 0; ko < c.k(); ko++) {
            int c0 = ko / kg * cg;
            for (int oy = 0; oy < ho; oy++) {
                for (int ox = 0; ox < wo; ox++) {
                    double acc = 0;
                    for (int ci = 0; ci < cg; ci++) {
                        for (int ky = 0; ky < c.r(); ky++) {
                            int iy = oy * c.stride() - c.pad() + ky;
                            if (iy < 0 || iy >= c.h()) {
                                continue;
                            }
                            for (int kx = 0; kx < c.s(); kx++) {
                                int ix = ox * c.strideW() - c.pad() + kx;
                                if (ix >= 0 && ix < c.w()) {
                                    acc += (double) w.get(ko, (ci * c.r() + ky) * c.s() + kx)
                                            * x[((c0 + ci) * c.h() + iy) * c.w() + ix];
                                }
                            }
                        }
                    }
                    y[(ko * ho + oy) * wo + ox] = acc;
                }
            }
        }
        return y;
    }

    private static double act(Activation a, double v) {
        return switch (a) {
            case NONE -> v;
            case RELU -> Math.max(0, v);
            case RELU6 -> Math.max(0, Math.min(6, v));
        };
    }
}
