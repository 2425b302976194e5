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
import org.msqsim.models.quant.QuantizedWeights;
import org.msqsim.models.quant.Scheme;

/**
 * Runs one GEMM of MSQ-quantized rows on the accelerator: SP2 rows go to the LUT core as their
 * codes, fixed-point rows to the DSP core as their integers, and the accumulators come back in the
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

    /** Timing only: {@code sp2Rows} of the {@code m} rows on the LUT core. */
    Result timing(String what, int m, int sp2Rows, int k, int n, boolean signedActs, TraceSink trace) {
        GemmShape shape = new GemmShape(m - sp2Rows, sp2Rows, k, n);
        return new Result(new MsqAccelerator(spec, dspKind, signedActs, trace).run(GemmJob.timingOnly(shape),
                plan(what, shape)), null);
    }

    /**
     * Bit-exact: rows {@code [r0, r0 + m)} of {@code q} times {@code x} ({@code k × n}, row-major,
     * {@code k} equal to the row length of {@code q}).
     */
    Result exact(String what, QuantizedWeights q, int r0, int m, int[] x, int n, boolean signedActs,
                 TraceSink trace) {
        int k = q.cols();
        int sp2 = 0;
        for (int r = r0; r < r0 + m; r++) {
            sp2 += q.scheme(r) == Scheme.SP2 ? 1 : 0;
        }
        int[] dspW = new int[(m - sp2) * k];
        int[] lutC = new int[sp2 * k];
        int[] rowOf = new int[m];
        int di = 0;
        int li = 0;
        for (int i = 0; i < m; i++) {
            int r = r0 + i;
            boolean isSp2 = q.scheme(r) == Scheme.SP2;
            for (int j = 0; j < k; j++) {
                if (isSp2) {
                    lutC[li * k + j] = q.code(r, j);
                } else {
                    dspW[di * k + j] = q.intWeight(r, j);
                }
            }
            rowOf[i] = isSp2 ? li++ : di++;
        }
        GemmShape shape = new GemmShape(m - sp2, sp2, k, n);
        AcceleratorRun run = new MsqAccelerator(spec, dspKind, signedActs, trace)
                .run(new GemmJob(shape, dspW, lutC, x), plan(what, shape));
        long[] acc = new long[m * n];
        for (int i = 0; i < m; i++) {
            long[] src = q.scheme(r0 + i) == Scheme.SP2 ? run.lutAcc() : run.dspAcc();
            System.arraycopy(src, rowOf[i] * n, acc, i * n, n);
        }
        return new Result(run, acc);
    }

    private org.msqsim.core.hw.accel.TilePlan plan(String what, GemmShape shape) {
        PlanOutcome plan = new TilePlanner(spec).plan(shape);
        if (plan instanceof PlanOutcome.Infeasible inf) {
            throw new InfeasibleException(what + " on " + spec.name() + " is infeasible because " + inf.reason());
        }
        return ((PlanOutcome.Planned) plan).plan();
    }
}
