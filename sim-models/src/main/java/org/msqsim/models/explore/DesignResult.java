package org.msqsim.models.explore;

/** A design and what the timing-only simulation gave: latency per frame and MACs. */
public record DesignResult(Design design, long latencyPs, long macs) {
    public double latencyMs() {
        return latencyPs / 1e9;
    }
}
