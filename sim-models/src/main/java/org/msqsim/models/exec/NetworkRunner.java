package org.msqsim.models.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.msqsim.core.fixed.DspKind;
import org.msqsim.core.hw.compute.DepthwiseEngine;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.trace.OffsetTrace;
import org.msqsim.core.trace.TraceSink;
import org.msqsim.models.golden.GoldenReference;
import org.msqsim.models.graph.Network;
import org.msqsim.models.graph.Node;
import org.msqsim.models.layer.Conv2d;
import org.msqsim.models.layer.GemmLayer;
import org.msqsim.models.layer.Layer;
import org.msqsim.models.layer.QTensor;
import org.msqsim.models.layer.StreamLayer;
import org.msqsim.models.lower.DepthwiseWork;
import org.msqsim.models.lower.Fusion;
import org.msqsim.models.lower.Lowering;
import org.msqsim.models.lower.StreamWork;
import org.msqsim.models.quant.MsqAssigner;
import org.msqsim.models.quant.QuantizedWeights;
import org.msqsim.models.quant.Scheme;

/**
 * Runs a whole network on an MSQ accelerator, layer after layer, each starting where the previous
 * ended. Each layer is {@link Lowering lowered} to its accelerator work, then:
 * <ul>
 *   <li>GEMMs (convolutions group by group, dense layers, GEMM layers) run on the cores. Each layer's
 *       weights ({@link WeightSource}: seeded synthetic rows or one {@code .npy} per layer) are
 *       quantized by MSQ at the SP2 fraction; SP2 rows run on the LUT core, fixed-point rows on the
 *       DSP core. Grouped layers use the arrays poorly — the report shows it.</li>
 *   <li>Depthwise convolutions run on the design's depthwise engine when it has one: SP2 channels on
 *       its SP2 lanes, fixed-point channels on its fixed-point lanes ({@link Lowering}).</li>
 *   <li>Pooling and residual adds stream their inputs from DDR and their output back, timed by the
 *       DDR model's stream rule; their values are the layer's own integer operation. Where the design
 *       fuses them ({@link Fusion}: an add or max pool right after a convolution), they take no time
 *       of their own: the convolution's output stage reads the skip tensor or pools as it stores, and
 *       the layer is reported as fused into it, with the same values.</li>
 *   <li>Outputs are requantized per channel ({@link Requant}) and stay integers between layers.</li>
 * </ul>
 * Timing only, the {@link LayerTimer} times each layer's work (equal GEMMs once per run). Bit-exact, a
 * golden network runs beside the simulated one from the same input image with the plain integer
 * reference ({@link GoldenReference}), the same quantized weights and calibration rule, on its own
 * tensors ({@link TensorLifetimes}); every layer's output codes are compared. The next GEMM layer's
 * weights are quantized meanwhile ({@link WeightPrefetch}).
 */
public final class NetworkRunner {
    private final AcceleratorSpec spec;
    private final GemmExecutor exec;
    private final ExactGemm exact;
    private final Lowering lowering;

    public NetworkRunner(AcceleratorSpec spec, DspKind dspKind) {
        this.spec = spec;
        this.exec = new GemmExecutor(spec, dspKind);
        this.exact = new ExactGemm(spec, exec);
        this.lowering = new Lowering(spec);
    }

    /** What a run needs besides the network; {@code progress} receives the count of layers done. */
    public record Options(double sp2Fraction, long seed, boolean timingOnly, TraceSink trace, IntConsumer progress,
                          WeightSource weights) {
        /** Options with seeded synthetic weights. */
        public Options(double sp2Fraction, long seed, boolean timingOnly, TraceSink trace, IntConsumer progress) {
            this(sp2Fraction, seed, timingOnly, trace, progress, WeightSource.synthetic(seed));
        }
    }

    public NetworkRun run(Network net, Options o) {
        List<Node> nodes = net.nodes();
        TensorLifetimes tensors = new TensorLifetimes(nodes);
        if (!o.timingOnly()) {
            QTensor image = image(net, o.seed());
            tensors.put(Network.INPUT, image, image);
        }
        LayerTimer timer = new LayerTimer(exec, spec);
        Fusion fusion = Fusion.plan(net, spec, lowering);
        // a depthwise layer on the engine is split by its own lanes' rule (Lowering#depthwiseFraction)
        MsqAssigner msq = new MsqAssigner(spec.weightBits());
        WeightPrefetch prefetch = new WeightPrefetch(g -> lowering.onDepthwiseEngine(g)
                ? msq.assignWeights(o.weights().weights(g), lowering.depthwiseFraction(o.sp2Fraction()))
                : exact.quantize(o.weights().weights(g), o.sp2Fraction()));
        List<LayerResult> results = new ArrayList<>();
        long clock = 0;
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            Layer l = node.layer();
            TraceSink trace = OffsetTrace.of(o.trace(), clock);
            Optional<String> fusedInto = fusion.fusedInto(l.name());
            LayerResult r;
            if (o.timingOnly()) {
                r = fusedInto.isPresent() ? LayerResult.fused(l.name(), l.kind(), -1, fusedInto.get())
                        : timer.time(lowering.lower(l, o.sp2Fraction(), fusion.stageOf(l.name())), trace).result(l, -1);
            } else {
                r = runLayer(node, WeightPrefetch.nextGemm(nodes, i), prefetch, tensors, timer, o, trace, fusion);
            }
            if (trace.enabled()) {
                trace.span("layers", l.name(), 0, r.latencyPs());
            }
            clock += r.latencyPs();
            results.add(r);
            tensors.release(node, i);
            if (o.progress() != null) {
                o.progress().accept(i + 1);
            }
        }
        boolean match = o.timingOnly() || tensors.outputsMatch(net.outputs());
        return new NetworkRun(net, o.sp2Fraction(), results, !o.timingOnly(), match);
    }

    /** The input image: seeded codes spread over the whole unsigned range, one step 1/(2^bits − 1). */
    private QTensor image(Network net, long seed) {
        int bits = spec.activationBits();
        int[] codes = Activations.uniform((int) net.input().elements(), bits, seed);
        return new QTensor(net.input(), codes, 1.0 / ((1 << bits) - 1), false);
    }

    /** A bit-exact layer, in the simulated network and in the golden one. */
    private LayerResult runLayer(Node node, Optional<GemmLayer> next, WeightPrefetch prefetch, TensorLifetimes tensors,
                                 LayerTimer timer, Options o, TraceSink trace, Fusion fusion) {
        Layer l = node.layer();
        int bits = spec.activationBits();
        if (lowering.onDepthwiseEngine(l)) {
            return runDepthwise(node, (Conv2d) l, next, prefetch, tensors, timer, o);
        }
        if (l instanceof GemmLayer g) {
            QTensor a = tensors.simulated(node.inputs().get(0));
            QTensor ga = tensors.golden(node.inputs().get(0));
            QuantizedWeights q = prefetch.take(g);
            ExactGemm.Accumulators acc = exact.run(lowering.gemms(g, o.sp2Fraction(), fusion.stageOf(l.name())), q,
                    a.codes(), a.signed(),
                    ga.codes(), trace, () -> prefetch.start(next)); // the next layer's weights meanwhile
            double[] step = new double[g.gemmM() * g.groups()];
            double[] gstep = new double[step.length];
            for (int r = 0; r < step.length; r++) {
                step[r] = a.scale() * q.rowScale(r);
                gstep[r] = ga.scale() * q.rowScale(r);
            }
            Optional<double[]> bias = o.weights().bias(g);
            if (bias.isPresent()) {
                Requant.addBias(acc.simulated(), step, g.gemmN(), bias.get());
                Requant.addBias(acc.golden(), gstep, g.gemmN(), bias.get());
            }
            QTensor out = Requant.apply(acc.simulated(), step, g.gemmN(), g.activation(), bits, g.outputShape());
            QTensor gout = Requant.apply(acc.golden(), gstep, g.gemmN(), g.activation(), bits, g.outputShape());
            tensors.put(l.name(), out, gout);
            return acc.tally().result(l, countDiff(out.codes(), gout.codes()));
        }
        StreamWork s = lowering.stream((StreamLayer) l); // Layer is sealed: a GemmLayer or a StreamLayer
        QTensor out = s.layer().apply(tensors.simulatedInputs(node), bits);
        QTensor gout = s.layer().apply(tensors.goldenInputs(node), bits);
        tensors.put(l.name(), out, gout);
        long mismatches = countDiff(out.codes(), gout.codes());
        Optional<String> fusedInto = fusion.fusedInto(l.name());
        if (fusedInto.isPresent()) { // the same values, computed in the convolution's output stage
            return LayerResult.fused(l.name(), l.kind(), mismatches, fusedInto.get());
        }
        RunTally t = new RunTally();
        timer.stream(s, t);
        return t.result(l, mismatches);
    }

    /**
     * A depthwise layer on the engine, bit-exactly: the engine's lanes ({@link DepthwiseEngine}) on the
     * simulated input — each channel on the lane kind of its MSQ scheme, SP2 channels as their SP2
     * integers — the direct integer convolution ({@link GoldenReference#conv2d}) on the golden one,
     * both requantized per channel as any convolution's outputs.
     */
    private LayerResult runDepthwise(Node node, Conv2d c, Optional<GemmLayer> next, WeightPrefetch prefetch,
                                     TensorLifetimes tensors, LayerTimer timer, Options o) {
        int bits = spec.activationBits();
        QTensor a = tensors.simulated(node.inputs().get(0));
        QTensor ga = tensors.golden(node.inputs().get(0));
        QuantizedWeights q = prefetch.take(c);
        prefetch.start(next);
        DepthwiseWork d = lowering.depthwise(c, o.sp2Fraction());
        boolean[] sp2 = new boolean[c.c()];
        for (int ch = 0; ch < sp2.length; ch++) {
            sp2[ch] = q.scheme(ch) == Scheme.SP2;
        }
        long[] acc = new long[c.k() * c.gemmN()];
        long overflows = new DepthwiseEngine(spec.depthwiseEngine().orElseThrow(), spec.weightBits())
                .compute(d.shape(), a.codes(), q.intWeights(), sp2, acc);
        long[] gacc = GoldenReference.conv2d(ga.codes(), c.c(), c.h(), c.w(), q.intWeights(), c.k(), c.r(), c.s(),
                c.stride(), c.pad(), c.groups());
        double[] step = new double[c.k()];
        double[] gstep = new double[c.k()];
        for (int r = 0; r < step.length; r++) {
            step[r] = a.scale() * q.rowScale(r);
            gstep[r] = ga.scale() * q.rowScale(r);
        }
        Optional<double[]> bias = o.weights().bias(c); // a real bias enters the accumulators as in any conv
        if (bias.isPresent()) {
            Requant.addBias(acc, step, c.gemmN(), bias.get());
            Requant.addBias(gacc, gstep, c.gemmN(), bias.get());
        }
        QTensor out = Requant.apply(acc, step, c.gemmN(), c.activation(), bits, c.outputShape());
        QTensor gout = Requant.apply(gacc, gstep, c.gemmN(), c.activation(), bits, c.outputShape());
        tensors.put(c.name(), out, gout);
        RunTally t = new RunTally();
        timer.depthwise(d, t);
        t.addOverflows(overflows);
        return t.result(c, countDiff(out.codes(), gout.codes()));
    }

    private static long countDiff(int[] a, int[] b) {
        long d = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] != b[i] ? 1 : 0;
        }
        return d;
    }
}
