package org.msqsim.models.exec;

import org.msqsim.core.fixed.DspKind;
import org.msqsim.core.hw.accel.AcceleratorRun;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.trace.TraceSink;
import org.msqsim.models.golden.GoldenReference;
import org.msqsim.models.layer.Conv2d;
import org.msqsim.models.layer.GemmLayer;
import org.msqsim.models.layer.Layer;
import org.msqsim.models.quant.MsqAssigner;
import org.msqsim.models.quant.QuantizedWeights;
import org.msqsim.models.quant.Scheme;
import org.msqsim.models.weights.SyntheticWeights;

/**
 * Runs one layer on an MSQ accelerator: synthetic weights (seeded) quantized by MSQ at the requested
 * SP2 fraction, SP2 rows to the LUT core and fixed-point rows to the DSP core, seeded ReLU-like
 * activations, a tile plan, the event simulation, and — unless timing only — a comparison of every
 * accumulator with the golden reference computed directly from the layer (a convolution is checked
 * against the direct convolution, not against the im2col lowering the accelerator uses).
 */
public final class LayerRunner {
    private final AcceleratorSpec spec;
    private final DspKind dspKind;

    public LayerRunner(AcceleratorSpec spec, DspKind dspKind) {
        this.spec = spec;
        this.dspKind = dspKind;
    }

    /** What a run needs besides the layer. */
    public record Options(double sp2Fraction, long seed, boolean timingOnly, TraceSink trace) {
    }

    /**
     * Runs the layer.
     *
     * @throws InfeasibleException when the layer cannot be mapped onto the accelerator
     */
    public LayerRun run(Layer l, Options o) {
        if (!(l instanceof GemmLayer layer) || layer.groups() != 1) {
            throw new InfeasibleException(l.describe() + " is not one GEMM: this runner takes a gemm, a dense layer "
                    + "or a convolution with one group");
        }
        int m = layer.gemmM();
        int k = layer.gemmK();
        int n = layer.gemmN();
        GemmExecutor exec = new GemmExecutor(spec, dspKind);
        if (o.timingOnly()) {
            int sp2Rows = MsqAssigner.sp2RowCount(m, o.sp2Fraction());
            AcceleratorRun run = exec.timing(layer.describe(), m, sp2Rows, k, n, false, o.trace()).run();
            return new LayerRun(layer, o.sp2Fraction(), sp2Rows, m - sp2Rows, run, false, 0, "");
        }
        QuantizedWeights q = new MsqAssigner(spec.weightBits())
                .assignWeights(SyntheticWeights.generate(m, k, o.seed()).matrix(), exec.quantizationFraction(o.sp2Fraction()));
        int sp2Rows = exec.lutIsFixedPoint() ? MsqAssigner.sp2RowCount(m, o.sp2Fraction()) : q.countRows(Scheme.SP2);
        int[] input = layer instanceof Conv2d c ? Activations.relu(c.c() * c.h() * c.w(), spec.activationBits(),
                o.seed() + 1) : Activations.relu(k * n, spec.activationBits(), o.seed() + 1);
        int[] x = layer instanceof Conv2d c ? GoldenReference.im2col(input, c.c(), c.h(), c.w(), c.r(), c.s(),
                c.stride(), c.pad()) : input;
        GemmExecutor.Result res = exec.exact(layer.describe(), q, 0, m, sp2Rows, x, n, false, o.trace());
        long[] golden = layer instanceof Conv2d c ? GoldenReference.conv2d(input, c.c(), c.h(), c.w(), q.intWeights(),
                c.k(), c.r(), c.s(), c.stride(), c.pad(), 1) : GoldenReference.gemm(q.intWeights(), m, k, x, n);
        long mismatches = 0;
        String first = "";
        for (int i = 0; i < golden.length; i++) {
            if (res.acc()[i] != golden[i] && mismatches++ == 0) {
                first = "row " + i / n + " (" + q.scheme(i / n).label() + "), output " + i % n + ": simulated "
                        + res.acc()[i] + ", reference " + golden[i];
            }
        }
        return new LayerRun(layer, o.sp2Fraction(), sp2Rows, m - sp2Rows, res.run(), true, mismatches,
                first);
    }
}
