package org.msqsim.core.hw.accel;

import java.util.Optional;
import org.msqsim.core.mapping.TilePlan;

/**
 * Everything one GEMM run on the accelerator measured.
 *
 * @param plan           the tile plan executed
 * @param steps          tile steps computed
 * @param latencyPs      from the first load to the last store's completion
 * @param controlCycles  the latency in cycles of the controller clock (rounded up)
 * @param dsp            DSP core counters, if the design has a DSP core
 * @param lut            LUT core counters, if the design has a LUT core
 * @param stalls         where idle time went
 * @param ddrBytesRead   bytes read from DDR (whole bursts)
 * @param ddrBytesWritten bytes written to DDR (whole bursts)
 * @param ddrUtilisation bytes moved over what the controller could have moved in the latency
 * @param peakInput      highest input-buffer occupancy, bytes
 * @param peakWeight     highest weight-buffer occupancy, bytes
 * @param peakOutput     highest output-buffer occupancy, bytes
 * @param overflows      accumulator or packed-lane overflow events the datapaths reported
 * @param dspAcc         the DSP rows' accumulators ({@code mDsp × N}), or null when timing only
 * @param lutAcc         the SP2 rows' accumulators ({@code mLut × N}), or null when timing only
 */
public record AcceleratorRun(TilePlan plan, int steps, long latencyPs, long controlCycles, Optional<CoreStats> dsp,
                             Optional<CoreStats> lut, StallBreakdown stalls, long ddrBytesRead, long ddrBytesWritten,
                             double ddrUtilisation, long peakInput, long peakWeight, long peakOutput, long overflows,
                             long[] dspAcc, long[] lutAcc) {

    public long macs() {
        return dsp.map(CoreStats::macs).orElse(0L) + lut.map(CoreStats::macs).orElse(0L);
    }
}
