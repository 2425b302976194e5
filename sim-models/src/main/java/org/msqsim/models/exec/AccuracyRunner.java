package org.msqsim.models.exec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.msqsim.models.golden.FloatReference;
import org.msqsim.models.golden.GoldenReference;
import org.msqsim.models.graph.Network;
import org.msqsim.models.graph.Node;
import org.msqsim.models.layer.Conv2d;
import org.msqsim.models.layer.GemmLayer;
import org.msqsim.models.layer.Layer;
import org.msqsim.models.layer.QTensor;
import org.msqsim.models.layer.StreamLayer;
import org.msqsim.models.quant.ActivationQuantizer;
import org.msqsim.models.quant.MsqAssigner;
import org.msqsim.models.quant.QuantizedWeights;

/**
 * What quantization costs a network in accuracy: the quantized network (the golden integer path
 * a bit-exact run is checked against — weights quantized per row at an SP2 fraction, real biases,
 * activations requantized between layers) against the same network in float
 * ({@link FloatReference}) on the same input. Per layer, the signal-to-quantization-noise ratio
 * {@code 10·log10(Σ f² / Σ (f − q)²)} of the dequantized output against the float one; for a
 * classifier (one output of C×1×1, C > 1), whether the top-1 class agrees with float.
 *
 * <p>The input is quantized signed at the run's width with max calibration, as every layer's output.
 * Weight and activation width are one {@code bits}, as in the accelerator designs.
 */
public final class AccuracyRunner {
    private final Network net;
    private final WeightSource weights;
    private final Map<GemmLayer, Map<String, QuantizedWeights>> quantized = new HashMap<>();

    public AccuracyRunner(Network net, WeightSource weights) {
        this.net = net;
        this.weights = weights;
    }

    /** One quantization of the network: a label, the SP2 fraction and the width. */
    public record Setting(String label, double sp2Fraction, int bits) {
    }

    /** Per-layer SQNR (dB, by layer name, in network order) of one input, and the top-1 agreement. */
    public record Outcome(Map<String, Double> sqnrDb, boolean top1Agrees) {
    }

    /** The float outputs of every layer for {@code input}. */
    public Map<String, double[]> floatRun(double[] input) {
        return new FloatReference(weights::weights, weights::bias).run(net, input);
    }

    /** The setting's quantized network against {@code reference} (from {@link #floatRun}) on {@code input}. */
    public Outcome compare(Setting s, double[] input, Map<String, double[]> reference) {
        Map<String, QTensor> q = quantizedRun(s, input);
        Map<String, Double> sqnr = new java.util.LinkedHashMap<>();
        for (Node n : net.nodes()) {
            sqnr.put(n.name(), sqnrDb(reference.get(n.name()), q.get(n.name())));
        }
        boolean agree = true;
        if (isClassifier(net)) {
            String out = net.outputs().get(0);
            agree = argmax(reference.get(out)) == argmaxCodes(q.get(out));
        }
        return new Outcome(sqnr, agree);
    }

    /** Whether the network has one output of C×1×1 with C > 1, whose largest element is its class. */
    public static boolean isClassifier(Network net) {
        if (net.outputs().size() != 1) {
            return false;
        }
        var s = net.shapeOf(net.outputs().get(0));
        return s.h() == 1 && s.w() == 1 && s.c() > 1;
    }

    private Map<String, QTensor> quantizedRun(Setting s, double[] input) {
        int bits = s.bits();
        ActivationQuantizer aq = ActivationQuantizer.calibrate(input, bits, true);
        Map<String, QTensor> t = new HashMap<>();
        t.put(Network.INPUT, new QTensor(net.input(), aq.quantize(input), aq.scale(), true));
        for (Node n : net.nodes()) {
            Layer l = n.layer();
            List<QTensor> in = new ArrayList<>();
            for (String i : n.inputs()) {
                in.add(t.get(i));
            }
            if (l instanceof GemmLayer g) {
                t.put(n.name(), gemm(g, in.get(0), s));
            } else {
                t.put(n.name(), ((StreamLayer) l).apply(in, bits)); // Layer is sealed: GEMM or stream
            }
        }
        return t;
    }

    private QTensor gemm(GemmLayer g, QTensor a, Setting s) {
        QuantizedWeights q = quantized.computeIfAbsent(g, k -> new HashMap<>()).computeIfAbsent(
                s.sp2Fraction() + "/" + s.bits(), k -> new MsqAssigner(s.bits()).assignWeights(weights.weights(g),
                        s.sp2Fraction()));
        long[] acc;
        if (g instanceof Conv2d c) {
            acc = GoldenReference.conv2d(a.codes(), c.c(), c.h(), c.w(), q.intWeights(), c.k(), c.r(), c.s(),
                    c.stride(), c.strideW(), c.pad(), c.groups());
        } else {
            acc = GoldenReference.gemm(q.intWeights(), g.gemmM() * g.groups(), g.gemmK(), a.codes(), g.gemmN());
        }
        double[] step = new double[g.gemmM() * g.groups()];
        for (int r = 0; r < step.length; r++) {
            step[r] = a.scale() * q.rowScale(r);
        }
        weights.bias(g).ifPresent(b -> Requant.addBias(acc, step, g.gemmN(), b));
        return Requant.apply(acc, step, g.gemmN(), g.activation(), s.bits(), g.outputShape());
    }

    static double sqnrDb(double[] f, QTensor q) {
        double signal = 0;
        double noise = 0;
        for (int i = 0; i < f.length; i++) {
            double d = f[i] - q.codes()[i] * q.scale();
            signal += f[i] * f[i];
            noise += d * d;
        }
        if (noise == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return signal == 0 ? Double.NEGATIVE_INFINITY : 10 * Math.log10(signal / noise);
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static int argmaxCodes(QTensor t) {
        int best = 0;
        for (int i = 1; i < t.codes().length; i++) {
            if (t.codes()[i] > t.codes()[best]) {
                best = i;
            }
        }
        return best;
    }
}
