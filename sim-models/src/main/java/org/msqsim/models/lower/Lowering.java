package org.msqsim.models.lower;

import java.util.ArrayList;
import java.util.List;
import org.msqsim.core.hw.compute.DepthwiseEngine;
import org.msqsim.core.hw.memory.DdrStream;
import org.msqsim.core.mapping.OutputStage;
import org.msqsim.core.mapping.TileBytes;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.models.layer.Conv2d;
import org.msqsim.models.layer.GemmLayer;
import org.msqsim.models.layer.Layer;
import org.msqsim.models.layer.Shape;
import org.msqsim.models.layer.StreamLayer;
import org.msqsim.models.quant.MsqAssigner;

/**
 * Turns a layer into the accelerator work it becomes, for activations of {@code activationBits}:
 * <ul>
 *   <li>a {@link GemmLayer} into one {@link GemmWork} per group (im2col for a convolution; a dense
 *       layer has N = 1). At SP2 fraction F the layer's first {@code round(F·groups·M)} rows go to the
 *       LUT core, group after group, so a grouped layer's SP2 rows fill its first groups;</li>
 *   <li>a {@link StreamLayer} into one {@link StreamWork}: each input tensor read and the output
 *       written, {@code ceil(elements·bits/8)} bytes each;</li>
 *   <li>on a design with a depthwise engine, a depthwise convolution into one {@link DepthwiseWork}.
 *       A depthwise layer's rows are its channels. On an engine with SP2 lanes MSQ splits them at
 *       the run's fraction as any layer's rows ({@code round(F·C)} SP2 channels, MSQ choosing which),
 *       the SP2 channels running on the SP2 lanes and the rest on the fixed-point lanes; on an engine
 *       without (the DPU's) every channel is fixed-point ({@link #depthwiseFraction}). On a design
 *       without an engine they split between the cores as any layer's.</li>
 * </ul>
 */
public final class Lowering {
    private final int activationBits;
    private final int weightBits;
    private final boolean depthwiseEngine;
    private final boolean depthwiseSp2;

    /** Lowering for a design without a depthwise engine (depthwise layers become GEMMs). */
    public Lowering(int activationBits) {
        this(activationBits, 8, false, false);
    }

    /** Lowering for {@code spec}: depthwise layers go to its depthwise engine when it has one. */
    public Lowering(AcceleratorSpec spec) {
        this(spec.activationBits(), spec.weightBits(), spec.depthwiseEngine().isPresent(),
                spec.depthwiseEngine().map(e -> e.hasSp2Lanes()).orElse(false));
    }

    private Lowering(int activationBits, int weightBits, boolean depthwiseEngine, boolean depthwiseSp2) {
        this.activationBits = activationBits;
        this.weightBits = weightBits;
        this.depthwiseEngine = depthwiseEngine;
        this.depthwiseSp2 = depthwiseSp2;
    }

    /**
     * The SP2 fraction MSQ quantizes a depthwise layer on the engine at: the run's where the engine has
     * SP2 lanes, else 0 (every channel fixed-point, on the fixed-point lanes).
     */
    public double depthwiseFraction(double sp2Fraction) {
        return depthwiseSp2 ? sp2Fraction : 0;
    }

    /** Whether {@code l} runs on the depthwise engine: a depthwise convolution on a design with one. */
    public boolean onDepthwiseEngine(Layer l) {
        return depthwiseEngine && l instanceof Conv2d c && isDepthwise(c);
    }

    /**
     * One input and one output channel per group, the same stride both ways: the convolutions a
     * depthwise engine computes (its windows step one stride over rows and columns).
     */
    public static boolean isDepthwise(Conv2d c) {
        return c.groups() == c.c() && c.k() == c.c() && c.groups() > 1 && c.strideW() == c.stride();
    }

    /** The work of {@code l} in execution order. */
    public List<Work> lower(Layer l, double sp2Fraction) {
        return lower(l, sp2Fraction, OutputStage.NONE);
    }

    /**
     * The work of {@code l} in execution order, a GEMM layer's with output stage {@code stage} (a fused
     * add or pool, {@link Fusion}; a fused layer itself is no work: its runner skips it).
     */
    public List<Work> lower(Layer l, double sp2Fraction, OutputStage stage) {
        if (onDepthwiseEngine(l)) {
            return List.of(depthwise((Conv2d) l, sp2Fraction));
        }
        if (l instanceof GemmLayer g) {
            return List.copyOf(gemms(g, sp2Fraction, stage));
        }
        return List.of(stream((StreamLayer) l)); // Layer is sealed: a GemmLayer or a StreamLayer
    }

    /** The layer's GEMMs, group by group. */
    public List<GemmWork> gemms(GemmLayer g, double sp2Fraction) {
        return gemms(g, sp2Fraction, OutputStage.NONE);
    }

    /** The layer's GEMMs, group by group, with output stage {@code stage} (one group when not NONE). */
    public List<GemmWork> gemms(GemmLayer g, double sp2Fraction, OutputStage stage) {
        int groups = g.groups();
        int m = g.gemmM();
        int lutTotal = MsqAssigner.sp2RowCount(m * groups, sp2Fraction);
        List<GemmWork> works = new ArrayList<>(groups);
        for (int gi = 0; gi < groups; gi++) {
            int lutRows = Math.max(0, Math.min(m, lutTotal - gi * m));
            works.add(new GemmWork(g, gi, m, lutRows, g.gemmK(), g.gemmN(), stage));
        }
        return works;
    }

    /**
     * A depthwise layer on the engine: its input read once (the line buffer keeps the rows a window
     * needs, so no halo is re-read within a layer), its {@code C·R·S} weights at the weight width, and
     * its output written; {@code round(F·C)} of its channels SP2 at {@link #depthwiseFraction}.
     */
    public DepthwiseWork depthwise(Conv2d c, double sp2Fraction) {
        DepthwiseEngine.Layer shape = new DepthwiseEngine.Layer(c.c(), c.h(), c.w(), c.r(), c.s(), c.stride(),
                c.pad());
        long read = bytes(c.inputShape()) + TileBytes.packed((long) c.c() * c.r() * c.s(), weightBits);
        int sp2 = MsqAssigner.sp2RowCount(c.c(), depthwiseFraction(sp2Fraction));
        return new DepthwiseWork(c, shape, sp2, new DdrStream(read, bytes(c.outputShape())));
    }

    /** The layer's stream: its inputs read, its output written. */
    public StreamWork stream(StreamLayer l) {
        long read = 0;
        for (Shape s : l.inputShapes()) {
            read += bytes(s);
        }
        return new StreamWork(l, new DdrStream(read, bytes(l.outputShape())));
    }

    /** A tensor's bytes in DDR, packed densely like a tile's (one byte rule: {@link TileBytes#packed}). */
    private long bytes(Shape s) {
        return TileBytes.packed(s.elements(), activationBits);
    }
}
