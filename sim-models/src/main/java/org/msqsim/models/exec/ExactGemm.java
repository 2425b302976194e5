package org.msqsim.models.exec;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.trace.OffsetTrace;
import org.msqsim.core.trace.TraceSink;
import org.msqsim.models.golden.GoldenReference;
import org.msqsim.models.layer.Conv2d;
import org.msqsim.models.layer.GemmLayer;
import org.msqsim.models.lower.GemmWork;
import org.msqsim.models.quant.MsqAssigner;
import org.msqsim.models.quant.QuantizedWeights;
import org.msqsim.models.tensor.FloatMatrix;

/**
 * A GEMM layer computed bit-exactly, the step a network run and a one-layer run share: weights
 * quantized by MSQ, the layer's GEMMs simulated group after group on the accelerator (each reading its
 * im2col matrix), and beside them, in the {@link Background}, the golden accumulators computed directly
 * from the layer ({@link GoldenReference}: a convolution as the direct convolution, not through the
 * im2col lowering the accelerator uses).
 */
final class ExactGemm {
    private final AcceleratorSpec spec;
    private final GemmExecutor exec;

    ExactGemm(AcceleratorSpec spec, GemmExecutor exec) {
        this.spec = spec;
        this.exec = exec;
    }

    /** The accumulators of both ({@code groups·M × N}, the layer's row order) and the accelerator runs. */
    record Accumulators(long[] simulated, long[] golden, RunTally tally) {
    }

    /** Real weights quantized by MSQ at the fraction the LUT core's kind calls for. */
    QuantizedWeights quantize(FloatMatrix weights, double sp2Fraction) {
        return new MsqAssigner(spec.weightBits()).assignWeights(weights, exec.quantizationFraction(sp2Fraction));
    }

    /**
     * Runs the layer's GEMMs {@code works} (all of one layer, in group order) on input codes {@code in}
     * and, in the background, the golden layer on {@code goldenIn}; {@code meanwhile} runs once the
     * golden work has started, before the simulation.
     */
    Accumulators run(List<GemmWork> works, QuantizedWeights q, int[] in, boolean signed, int[] goldenIn,
                     TraceSink trace, Runnable meanwhile) {
        GemmLayer g = works.get(0).layer();
        // The golden layer runs on another thread while the simulator runs this one: the two share only
        // immutable inputs, so the result does not depend on the thread count.
        CompletableFuture<long[]> golden = Background.supply(() -> golden(g, goldenIn, q));
        meanwhile.run();
        int n = g.gemmN();
        long[] acc = new long[g.gemmM() * g.groups() * n];
        RunTally t = new RunTally();
        for (GemmWork w : works) {
            GemmExecutor.Result r = exec.exact(g.describe(), q, w.row0(), w.m(), w.lutRows(), w.input(in), n,
                    w.window(), w.stage(), signed, OffsetTrace.of(trace, t.ps()));
            System.arraycopy(r.acc(), 0, acc, w.row0() * n, w.m() * n);
            t.add(r.run());
        }
        return new Accumulators(acc, Background.join(golden), t);
    }

    private static long[] golden(GemmLayer g, int[] in, QuantizedWeights q) {
        if (g instanceof Conv2d c) {
            return GoldenReference.conv2d(in, c.c(), c.h(), c.w(), q.intWeights(), c.k(), c.r(), c.s(), c.stride(),
                    c.strideW(), c.pad(), c.groups());
        }
        return GoldenReference.gemm(q.intWeights(), g.gemmM(), g.gemmK(), in, g.gemmN());
    }
}
