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
 * @param finalStoreDrain      both cores done with the last step, the last output tiles still being
 *                             written to DDR (the end of the layer)
 * @param outputStage          the part of {@code computeWaitingOutput} and {@code finalStoreDrain} the
 *                             output stage's lanes held alone: a store's DMA done, its results still being
 *                             requantized ({@code OutputStageRate}, issue 13 point 10)
 */
public record StallBreakdown(long computeWaitingData, long computeWaitingOutput, long inputLoadWaiting,
                             long weightLoadWaiting,
                             long dspWaitingLut, long lutWaitingDsp, long finalStoreDrain, long outputStage) {

    public StallBreakdown {
        if (outputStage < 0 || outputStage > computeWaitingData + computeWaitingOutput + finalStoreDrain) {
            throw new IllegalArgumentException("output stage held " + outputStage + " ps of "
                    + (computeWaitingData + computeWaitingOutput + finalStoreDrain) + " ps of memory time");
        }
    }

    /**
     * Time with no step in flight for want of memory: waiting for data, for a free output half, and
     * the final store drain, less the part the output stage's lanes held alone ({@link #outputStage}):
     * what the layer waited on DDR. With {@link #outputStage}, {@link #imbalance()} and the steps' own
     * time it tiles the latency. The same split as a network layer's ({@code LayerResult.memoryPs}
     * beside {@code outputStallPs}), so a one-layer run and the same layer in a network report the same
     * memory time.
     */
    public long memory() {
        return computeWaitingData + computeWaitingOutput + finalStoreDrain - outputStage;
    }

    /** Imbalance between the cores: one waiting for the other. */
    public long imbalance() {
        return dspWaitingLut + lutWaitingDsp;
    }
}
