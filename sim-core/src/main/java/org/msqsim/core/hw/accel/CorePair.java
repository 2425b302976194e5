package org.msqsim.core.hw.accel;

import org.msqsim.core.mapping.GemmShape;

/**
 * The DSP and LUT cores working on one GEMM in lock-step: both start a step together and the step
 * ends when the slower finishes; the faster core's wait is imbalance, counted here. Either core may
 * be absent (null) in a design that lacks it; a present core with no rows in a step finishes at once.
 */
final class CorePair {
    private final CoreModel dsp;
    private final CoreModel lut;
    private final CoreModel.Operands dspOps;
    private final CoreModel.Operands lutOps;
    private long dspWaitsLut;
    private long lutWaitsDsp;

    /**
     * The cores of a design on one job; {@code dspAcc} and {@code lutAcc} receive the values, or are
     * null when the run is timing only.
     */
    CorePair(CoreModel dsp, CoreModel lut, GemmJob job, long[] dspAcc, long[] lutAcc) {
        GemmShape g = job.shape();
        this.dsp = dsp;
        this.lut = lut;
        this.dspOps = new CoreModel.Operands(job.dspWeights(), job.activations(), dspAcc, g.k(), g.n());
        this.lutOps = new CoreModel.Operands(job.lutCodes(), job.activations(), lutAcc, g.k(), g.n());
    }

    /** Starts step {@code s} on both cores at {@code now} and returns when the slower one ends. */
    long start(TileStep s, long now) {
        long endDsp = s.tmDsp() == 0 ? now : dsp.run(s, s.mOffDsp(), s.tmDsp(), dspOps, now);
        long endLut = s.tmLut() == 0 ? now : lut.run(s, s.mOffLut(), s.tmLut(), lutOps, now);
        long end = Math.max(Math.max(endDsp, endLut), now);
        if (dsp != null) {
            dspWaitsLut += end - Math.max(endDsp, now);
        }
        if (lut != null) {
            lutWaitsDsp += end - Math.max(endLut, now);
        }
        return end;
    }

    /** Time the DSP core sat done with its tile while the LUT core still worked, ps. */
    long dspWaitsLut() {
        return dspWaitsLut;
    }

    /** Time the LUT core sat done with its tile while the DSP core still worked, ps. */
    long lutWaitsDsp() {
        return lutWaitsDsp;
    }
}
