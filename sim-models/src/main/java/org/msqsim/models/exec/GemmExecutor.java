package org.msqsim.models.exec;

import java.util.Optional;
import org.msqsim.core.fixed.DspKind;
import org.msqsim.core.hw.accel.AcceleratorRun;
import org.msqsim.core.hw.accel.GemmJob;
import org.msqsim.core.hw.accel.MsqAccelerator;
import org.msqsim.core.mapping.ConvWindow;
import org.msqsim.core.mapping.GemmShape;
import org.msqsim.core.mapping.OutputStage;
import org.msqsim.core.mapping.PlanOutcome;
import org.msqsim.core.mapping.TilePlan;
import org.msqsim.core.mapping.TilePlanner;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.MacKind;
import org.msqsim.core.trace.TraceSink;
import org.msqsim.models.quant.QuantizedWeights;
import org.msqsim.models.quant.Scheme;

/**
 * Runs one GEMM of MSQ-quantized rows on the accelerator: SP2 rows go to the LUT core as their
 * codes (or, when the LUT core is built of fixed-point multipliers, a share of the fixed-point rows
 * as their integers), fixed-point rows to the DSP core as their integers, and the accumulators come back in the
 * matrix's own row order. The mapper's one GEMM step, shared by single layers and networks.
 */
final class GemmExecutor {
    private final AcceleratorSpec spec;
    private final DspKind dspKind;

    GemmExecutor(AcceleratorSpec spec, DspKind dspKind) {
        this.spec = spec;
        this.dspKind = dspKind;
    }

    /** The accelerator's run and the accumulators ({@code rows × n}, original row order; null if timing only). */
    record Result(AcceleratorRun run, long[] acc) {
    }

    /**
     * Timing only: {@code sp2Rows} of the {@code m} rows on the LUT core; {@code window}, for a
     * convolution, the feature map its input is fetched from as rows with halo; {@code stage}, what its
     * output stage fuses.
     */
    Result timing(String what, int m, int sp2Rows, int k, int n, Optional<ConvWindow> window, OutputStage stage,
                  boolean signedActs, TraceSink trace) {
        GemmShape shape = new GemmShape(m - sp2Rows, sp2Rows, k, n, window, stage);
        return new Result(new MsqAccelerator(spec, dspKind, signedActs, trace).run(GemmJob.timingOnly(shape),
                plan(what, shape)), null);
    }

    /** Whether the LUT core multiplies fixed-point weights (LUT-built multipliers) rather than SP2 codes. */
    boolean lutIsFixedPoint() {
        return spec.lutCore().map(c -> c.mac() == MacKind.LUT_FIXED).orElse(false);
    }

    /**
     * The SP2 fraction to quantize with: the requested one when the LUT core is an SP2 core; 0 when
     * it multiplies fixed-point weights, since every row is then fixed-point and the fraction only
     * says how many rows go to the LUT core ({@code lutRows} of {@link #exact}).
     */
    double quantizationFraction(double sp2Fraction) {
        return lutIsFixedPoint() ? 0 : sp2Fraction;
    }

    /**
     * Bit-exact: rows {@code [r0, r0 + m)} of {@code q} times {@code x} ({@code k × n}, row-major,
     * {@code k} equal to the row length of {@code q}). Which rows run on the LUT core: on an SP2 core
     * the SP2 rows, as their codes; on a LUT fixed-point core (all rows fixed-point, see
     * {@link #quantizationFraction}) the first {@code lutRows} rows, as their integers — the same
     * count the timing-only path puts there.
     */
    Result exact(String what, QuantizedWeights q, int r0, int m, int lutRows, int[] x, int n,
                 Optional<ConvWindow> window, OutputStage stage, boolean signedActs, TraceSink trace) {
        int k = q.cols();
        boolean fixedLut = lutIsFixedPoint();
        boolean[] onLut = new boolean[m];
        int lut = 0;
        for (int i = 0; i < m; i++) {
            onLut[i] = fixedLut ? i < lutRows : q.scheme(r0 + i) == Scheme.SP2;
            lut += onLut[i] ? 1 : 0;
        }
        int[] dspW = new int[(m - lut) * k];
        int[] lutC = new int[lut * k];
        int[] rowOf = new int[m];
        int di = 0;
        int li = 0;
        // Whole rows per call: an element loop here made C2 compile this method (with what it inlines)
        // up to three times, on-stack replacement included, for a copy (docs/performance.md).
        for (int i = 0; i < m; i++) {
            int r = r0 + i;
            if (!onLut[i]) {
                q.intWeightsOfRow(r, dspW, di * k);
            } else if (fixedLut) {
                q.intWeightsOfRow(r, lutC, li * k);
            } else {
                q.codesOfRow(r, lutC, li * k);
            }
            rowOf[i] = onLut[i] ? li++ : di++;
        }
        GemmShape shape = new GemmShape(m - lut, lut, k, n, window, stage);
        AcceleratorRun run = new MsqAccelerator(spec, dspKind, signedActs, trace)
                .run(new GemmJob(shape, dspW, lutC, x), plan(what, shape));
        long[] acc = new long[m * n];
        for (int i = 0; i < m; i++) {
            long[] src = onLut[i] ? run.lutAcc() : run.dspAcc();
            System.arraycopy(src, rowOf[i] * n, acc, i * n, n);
        }
        return new Result(run, acc);
    }

    private TilePlan plan(String what, GemmShape shape) {
        PlanOutcome plan = new TilePlanner(spec).plan(shape);
        if (plan instanceof PlanOutcome.Infeasible inf) {
            throw new InfeasibleException(what + " on " + spec.name() + " is infeasible because " + inf.reason());
        }
        return ((PlanOutcome.Planned) plan).plan();
    }
}
