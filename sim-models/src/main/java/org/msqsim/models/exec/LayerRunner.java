package org.msqsim.models.exec;

import org.msqsim.core.fixed.DspKind;
import org.msqsim.core.hw.accel.AcceleratorRun;
import org.msqsim.core.hw.accel.GemmJob;
import org.msqsim.core.hw.accel.GemmShape;
import org.msqsim.core.hw.accel.MsqAccelerator;
import org.msqsim.core.hw.accel.PlanOutcome;
import org.msqsim.core.hw.accel.TilePlanner;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.trace.TraceSink;
import org.msqsim.models.golden.GoldenReference;
import org.msqsim.models.layer.Conv2d;
import org.msqsim.models.layer.GemmLayer;
import org.msqsim.models.layer.Layer;
import org.msqsim.models.quant.MsqAssigner;
import org.msqsim.models.quant.MsqResult;
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
        QuantizedWeights q = null;
        int sp2Rows;
        if (o.timingOnly()) {
            sp2Rows = MsqAssigner.sp2RowCount(m, o.sp2Fraction());
        } else {
            MsqResult msq = new MsqAssigner(spec.weightBits())
                    .assign(SyntheticWeights.generate(m, k, o.seed()).matrix(), o.sp2Fraction());
            q = msq.weights();
            sp2Rows = msq.sp2Rows();
        }
        GemmShape shape = new GemmShape(m - sp2Rows, sp2Rows, k, n);
        PlanOutcome plan = new TilePlanner(spec).plan(shape);
        if (plan instanceof PlanOutcome.Infeasible inf) {
            throw new InfeasibleException(layer.describe() + " on " + spec.name() + " is infeasible because "
                    + inf.reason());
        }
        PlanOutcome.Planned planned = (PlanOutcome.Planned) plan;
        if (o.timingOnly()) {
            AcceleratorRun run = new MsqAccelerator(spec, dspKind, o.trace()).run(GemmJob.timingOnly(shape),
                    planned.plan());
            return new LayerRun(layer, o.sp2Fraction(), sp2Rows, m - sp2Rows, run, false, 0, "");
        }
        int[] input = layer instanceof Conv2d c ? Activations.relu(c.c() * c.h() * c.w(), spec.activationBits(),
                o.seed() + 1) : Activations.relu(k * n, spec.activationBits(), o.seed() + 1);
        int[] x = layer instanceof Conv2d c ? GoldenReference.im2col(input, c.c(), c.h(), c.w(), c.r(), c.s(),
                c.stride(), c.pad()) : input;
        int[] dspW = new int[(m - sp2Rows) * k];
        int[] lutC = new int[sp2Rows * k];
        int[] rowOf = new int[m]; // original row -> index within its core
        int di = 0;
        int li = 0;
        for (int r = 0; r < m; r++) {
            boolean sp2 = q.scheme(r) == Scheme.SP2;
            for (int j = 0; j < k; j++) {
                if (sp2) {
                    lutC[li * k + j] = q.code(r, j);
                } else {
                    dspW[di * k + j] = q.intWeight(r, j);
                }
            }
            rowOf[r] = sp2 ? li++ : di++;
        }
        AcceleratorRun run = new MsqAccelerator(spec, dspKind, o.trace())
                .run(new GemmJob(shape, dspW, lutC, x), planned.plan());
        long[] golden = layer instanceof Conv2d c ? GoldenReference.conv2d(input, c.c(), c.h(), c.w(), q.intWeights(),
                c.k(), c.r(), c.s(), c.stride(), c.pad(), 1) : GoldenReference.gemm(q.intWeights(), m, k, x, n);
        long mismatches = 0;
        String first = "";
        for (int r = 0; r < m; r++) {
            boolean sp2 = q.scheme(r) == Scheme.SP2;
            long[] acc = sp2 ? run.lutAcc() : run.dspAcc();
            int base = rowOf[r] * n;
            for (int j = 0; j < n; j++) {
                if (acc[base + j] != golden[r * n + j]) {
                    if (mismatches++ == 0) {
                        first = "row " + r + " (" + (sp2 ? "sp2" : "fixed") + "), output " + j + ": simulated "
                                + acc[base + j] + ", reference " + golden[r * n + j];
                    }
                }
            }
        }
        return new LayerRun(layer, o.sp2Fraction(), sp2Rows, m - sp2Rows, run, true, mismatches, first);
    }
}
