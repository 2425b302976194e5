package org.msqsim.core.hw.accel;

/**
 * Where time went that was not useful work, in ps.
 *
 * @param computeWaitingData   both cores idle, the next tile's input or weights not yet loaded
 * @param computeWaitingOutput both cores idle, no free output-buffer half (stores behind)
 * @param inputLoadWaiting     the input load stream idle for want of a free input-buffer half
 * @param weightLoadWaiting    the weight load stream idle for want of a free weight-buffer half
 * @param dspWaitingLut        the DSP core done with its tile while the LUT core still works
 * @param lutWaitingDsp        the LUT core done with its tile while the DSP core still works
 */
public record StallBreakdown(long computeWaitingData, long computeWaitingOutput, long inputLoadWaiting,
                             long weightLoadWaiting,
                             long dspWaitingLut, long lutWaitingDsp) {

    /** Imbalance between the cores: one waiting for the other. */
    public long imbalance() {
        return dspWaitingLut + lutWaitingDsp;
    }
}
