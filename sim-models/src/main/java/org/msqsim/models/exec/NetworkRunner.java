package org.msqsim.models.exec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;
import org.msqsim.core.fixed.DspKind;
import org.msqsim.core.hw.accel.AcceleratorRun;
import org.msqsim.core.hw.accel.CoreStats;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.trace.OffsetTrace;
import org.msqsim.core.trace.TraceSink;
import org.msqsim.models.golden.GoldenReference;
import org.msqsim.models.graph.Network;
import org.msqsim.models.graph.Node;
import org.msqsim.models.layer.Add;
import org.msqsim.models.layer.AvgPool2d;
import org.msqsim.models.layer.Conv2d;
import org.msqsim.models.layer.GemmLayer;
import org.msqsim.models.layer.GlobalAvgPool;
import org.msqsim.models.layer.Layer;
import org.msqsim.models.layer.MaxPool2d;
import org.msqsim.models.layer.Shape;
import org.msqsim.models.quant.MsqAssigner;
import org.msqsim.models.quant.QuantizedWeights;

/**
 * Runs a whole network on an MSQ accelerator, layer after layer (the mapper):
 * <ul>
 *   <li>Convolutions and dense layers are GEMMs (im2col; a dense layer has N = 1). Each layer's
 *       weights ({@link WeightSource}: seeded synthetic rows or one {@code .npy} per layer) are
 *       quantized by MSQ at the SP2 fraction; SP2 rows run on the LUT core, fixed-point rows on the
 *       DSP core.</li>
 *   <li>Grouped and depthwise convolutions run group by group, each group one GEMM on the cores
 *       (this design has no depthwise engine, so such layers use the arrays poorly — the report
 *       shows it). Timing-only runs give the first {@code round(F·K)} rows SP2 in group order; GEMMs
 *       of equal shape and split, within a layer or across layers, are timed once per run.</li>
 *   <li>The first layer (3 input channels) is an ordinary GEMM with K = 3·R·S.</li>
 *   <li>Pooling and residual adds stream their inputs from DDR and their output back at the
 *       controller's sustained bandwidth; their values are computed by {@link ElementOps}.</li>
 *   <li>Outputs are requantized per channel ({@link Requant}) and stay integers between layers.</li>
 * </ul>
 * In a bit-exact run a golden network runs beside it from the same input image with the plain
 * integer reference ({@link GoldenReference}) and the same quantized weights and calibration rule,
 * on its own tensors; every layer's output codes are compared. Tensors are dropped after their last
 * use, so memory follows the largest layer, not the depth.
 */
public final class NetworkRunner {
    private final AcceleratorSpec spec;
    private final GemmExecutor exec;

    public NetworkRunner(AcceleratorSpec spec, DspKind dspKind) {
        this.spec = spec;
        this.exec = new GemmExecutor(spec, dspKind);
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
        Map<String, Integer> lastUse = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (String in : nodes.get(i).inputs()) {
                lastUse.put(in, i);
            }
        }
        Map<String, QTensor> sim = new HashMap<>();
        Map<String, QTensor> gold = new HashMap<>();
        if (!o.timingOnly()) {
            int bits = spec.activationBits();
            int[] image = Activations.uniform((int) net.input().elements(), bits, o.seed());
            QTensor in = new QTensor(net.input(), image, 1.0 / ((1 << bits) - 1), false);
            sim.put(Network.INPUT, in);
            gold.put(Network.INPUT, in);
        }
        java.util.ArrayList<LayerResult> results = new java.util.ArrayList<>();
        Prefetch prefetch = new Prefetch();
        Map<GemmKey, AcceleratorRun> timed = new HashMap<>();
        long clock = 0; // layers run one after another: each starts where the previous ended
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            TraceSink trace = OffsetTrace.of(o.trace(), clock);
            LayerResult r = o.timingOnly() ? timeLayer(node.layer(), o, trace, timed)
                    : runLayer(node, nextGemm(nodes, i), prefetch, sim, gold, o, trace);
            if (trace.enabled()) {
                trace.span("layers", node.layer().name(), 0, r.latencyPs());
            }
            clock += r.latencyPs();
            results.add(r);
            for (String in : node.inputs()) {
                if (lastUse.get(in) == i) {
                    sim.remove(in);
                    gold.remove(in);
                }
            }
            if (o.progress() != null) {
                o.progress().accept(i + 1);
            }
        }
        boolean match = true;
        if (!o.timingOnly()) {
            for (String out : net.outputs()) {
                match &= java.util.Arrays.equals(sim.get(out).codes(), gold.get(out).codes());
            }
        }
        return new NetworkRun(net, o.sp2Fraction(), results, !o.timingOnly(), match);
    }

    // ---- timing only ------------------------------------------------------------------------------

    /** The GEMM a timing-only layer (or group) puts on the accelerator: rows, SP2 rows among them, K, N. */
    private record GemmKey(int m, int sp2, int k, int n) {
    }

    /**
     * A timing-only layer. {@code timed} holds the accelerator runs of this network run by GEMM: each
     * layer's GEMM is simulated from an idle accelerator (layers run one after another, no overlap),
     * so its run depends on the GEMM and the design only, and ResNet-18's repeated blocks and a grouped
     * layer's identical groups are simulated once per network run. Not used when tracing, which needs
     * every run's events.
     */
    private LayerResult timeLayer(Layer l, Options o, TraceSink trace, Map<GemmKey, AcceleratorRun> timed) {
        if (!(l instanceof GemmLayer g)) {
            return streaming(l, -1);
        }
        int groups = g.groups();
        int mg = g.gemmM();
        int sp2Total = MsqAssigner.sp2RowCount(mg * groups, o.sp2Fraction());
        Tally t = new Tally();
        for (int gi = 0; gi < groups; gi++) {
            int sp2 = Math.max(0, Math.min(mg, sp2Total - gi * mg));
            AcceleratorRun r = trace.enabled() ? exec.timing(g.describe(), mg, sp2, g.gemmK(), g.gemmN(), false,
                    OffsetTrace.of(trace, t.ps)).run() : timed.computeIfAbsent(new GemmKey(mg, sp2, g.gemmK(), g.gemmN()),
                    key -> exec.timing(g.describe(), mg, key.sp2(), g.gemmK(), g.gemmN(), false, TraceSink.NONE).run());
            t.add(r);
        }
        return t.result(l, kind(l), -1);
    }

    // ---- bit-exact ----------------------------------------------------------------------------------

    /** The next GEMM layer after node {@code i}, or null. */
    private static GemmLayer nextGemm(List<Node> nodes, int i) {
        for (int j = i + 1; j < nodes.size(); j++) {
            if (nodes.get(j).layer() instanceof GemmLayer g) {
                return g;
            }
        }
        return null;
    }

    /**
     * The next GEMM layer's quantized weights, made in the background while this layer's simulated
     * and golden GEMMs run (quantization depends only on the layer and the weight source, never on
     * activations, so computing it early changes no value; the rows are scored in parallel with a
     * result that does not depend on the thread count).
     */
    private static final class Prefetch {
        GemmLayer layer;
        CompletableFuture<QuantizedWeights> weights;
    }

    /** Runs background work on its own daemon thread, so a failed run never waits for it to end. */
    private static final Executor BACKGROUND = r -> {
        Thread t = new Thread(r, "msqsim-background");
        t.setDaemon(true);
        t.start();
    };

    private QuantizedWeights quantize(GemmLayer g, Options o) {
        return new MsqAssigner(spec.weightBits()).assignWeights(o.weights().weights(g),
                exec.quantizationFraction(o.sp2Fraction()));
    }

    private QuantizedWeights quantized(GemmLayer g, Options o, Prefetch p) {
        if (p.layer == g) {
            CompletableFuture<QuantizedWeights> q = p.weights;
            p.layer = null;
            p.weights = null;
            return join(q);
        }
        return quantize(g, o);
    }

    /** The future's value; its failure rethrown as it was thrown, not wrapped. */
    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private LayerResult runLayer(Node node, GemmLayer next, Prefetch prefetch, Map<String, QTensor> sim,
                                 Map<String, QTensor> gold, Options o, TraceSink trace) {
        Layer l = node.layer();
        QTensor a = sim.get(node.inputs().get(0));
        QTensor ga = gold.get(node.inputs().get(0));
        int bits = spec.activationBits();
        QTensor out;
        QTensor gout;
        LayerResult res;
        if (l instanceof GemmLayer g) {
            int groups = g.groups();
            int mg = g.gemmM();
            int kg = g.gemmK();
            int n = g.gemmN();
            QuantizedWeights q = quantized(g, o, prefetch);
            // The golden network's layer runs on another thread while the simulator runs this one: the
            // two share only immutable inputs, so the result does not depend on the thread count.
            CompletableFuture<long[]> golden = CompletableFuture.supplyAsync(() -> goldenGemm(g, ga.codes(), q),
                    BACKGROUND);
            if (next != null) { // and the next layer's weights are made and quantized meanwhile
                prefetch.weights = CompletableFuture.supplyAsync(() -> quantize(next, o), BACKGROUND);
                prefetch.layer = next;
            }
            long[] acc = new long[mg * groups * n];
            Tally t = new Tally();
            int lutTotal = MsqAssigner.sp2RowCount(mg * groups, o.sp2Fraction());
            for (int gi = 0; gi < groups; gi++) {
                int[] x = lowered(g, a.codes(), gi);
                int lutRows = Math.max(0, Math.min(mg, lutTotal - gi * mg)); // as the timing-only path splits
                GemmExecutor.Result r = exec.exact(g.describe(), q, gi * mg, mg, lutRows, x, n, a.signed(),
                        OffsetTrace.of(trace, t.ps));
                System.arraycopy(r.acc(), 0, acc, gi * mg * n, mg * n);
                t.add(r.run());
            }
            long[] gacc = join(golden);
            double[] step = new double[mg * groups];
            double[] gstep = new double[mg * groups];
            for (int r = 0; r < step.length; r++) {
                step[r] = a.scale() * q.rowScale(r);
                gstep[r] = ga.scale() * q.rowScale(r);
            }
            out = Requant.apply(acc, step, n, g.activation(), bits, g.outputShape());
            gout = Requant.apply(gacc, gstep, n, g.activation(), bits, g.outputShape());
            res = t.result(l, kind(l), countDiff(out.codes(), gout.codes()));
        } else {
            out = element(l, a, node.inputs().size() > 1 ? sim.get(node.inputs().get(1)) : null, bits);
            gout = element(l, ga, node.inputs().size() > 1 ? gold.get(node.inputs().get(1)) : null, bits);
            res = streaming(l, countDiff(out.codes(), gout.codes()));
        }
        sim.put(l.name(), out);
        gold.put(l.name(), gout);
        return res;
    }

    /** The layer's input for group {@code gi} as the K×N matrix the accelerator reads. */
    private static int[] lowered(GemmLayer g, int[] in, int gi) {
        if (g instanceof Conv2d c) {
            int cg = c.c() / c.groups();
            int plane = c.h() * c.w();
            int[] slice = java.util.Arrays.copyOfRange(in, gi * cg * plane, (gi + 1) * cg * plane);
            return GoldenReference.im2col(slice, cg, c.h(), c.w(), c.r(), c.s(), c.stride(), c.pad());
        }
        return in; // dense: the flattened input is K×1; a GEMM layer's input is already K×N
    }

    private static long[] goldenGemm(GemmLayer g, int[] in, QuantizedWeights q) {
        if (g instanceof Conv2d c) {
            return GoldenReference.conv2d(in, c.c(), c.h(), c.w(), q.intWeights(), c.k(), c.r(), c.s(), c.stride(),
                    c.pad(), c.groups());
        }
        return GoldenReference.gemm(q.intWeights(), g.gemmM(), g.gemmK(), in, g.gemmN());
    }

    private static QTensor element(Layer l, QTensor a, QTensor b, int bits) {
        if (l instanceof MaxPool2d p) {
            return ElementOps.maxPool(a, p.outputShape(), p.r(), p.s(), p.stride(), p.pad());
        } else if (l instanceof AvgPool2d p) {
            return ElementOps.avgPool(a, p.outputShape(), p.r(), p.s(), p.stride(), p.pad());
        } else if (l instanceof GlobalAvgPool p) {
            return ElementOps.globalAvgPool(a, p.outputShape());
        } else if (l instanceof Add add) {
            return ElementOps.add(a, b, add.activation(), bits);
        }
        throw new IllegalStateException("no element-wise model for " + l.describe());
    }

    private static long countDiff(int[] a, int[] b) {
        long d = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] != b[i] ? 1 : 0;
        }
        return d;
    }

    /** An element-wise layer streamed through the DMA: inputs read, output written, at the sustained rate. */
    private LayerResult streaming(Layer l, long mismatches) {
        int bits = spec.activationBits();
        long in = 0;
        for (int i = 0; i < l.arity(); i++) {
            in += bytes(l.inputShape(), bits);
        }
        long bytes = in + bytes(l.outputShape(), bits);
        long ps = spec.ddr().latencyPs() + (long) Math.ceil(bytes / spec.ddr().sustainedBytesPerSecond() * 1e12);
        return new LayerResult(l.name(), kind(l), ps, 0, bytes, 0, 0, ps, 0, mismatches, 0);
    }

    private static long bytes(Shape s, int bits) {
        return (s.elements() * bits + 7) / 8;
    }

    static String kind(Layer l) {
        if (l instanceof Conv2d c) {
            return c.groups() > 1 ? "dwconv" : "conv";
        } else if (l instanceof GemmLayer) {
            return l instanceof org.msqsim.models.layer.Dense ? "dense" : "gemm";
        } else if (l instanceof MaxPool2d) {
            return "maxpool";
        } else if (l instanceof AvgPool2d) {
            return "avgpool";
        } else if (l instanceof GlobalAvgPool) {
            return "gap";
        }
        return "add";
    }

    /** Sums the accelerator runs of one layer's groups. */
    private static final class Tally {
        long ps;
        long macs;
        long bytes;
        long dsp;
        long lut;
        long wait;
        long imbalance;
        long overflows;

        void add(AcceleratorRun r) {
            overflows += r.overflows();
            ps += r.latencyPs();
            macs += r.macs();
            bytes += r.ddrBytesRead() + r.ddrBytesWritten();
            dsp += r.dsp().map(CoreStats::macs).orElse(0L);
            lut += r.lut().map(CoreStats::macs).orElse(0L);
            wait += r.stalls().memory();
            imbalance += r.stalls().imbalance();
        }

        LayerResult result(Layer l, String kind, long mismatches) {
            return new LayerResult(l.name(), kind, ps, macs, bytes, dsp, lut, wait, imbalance, mismatches, overflows);
        }
    }
}
