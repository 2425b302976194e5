package org.msqsim.core.hw.accel;

/**
 * What one run of the tile loop measured.
 *
 * @param steps     tile steps computed
 * @param latencyPs from the first load to the last store's completion
 * @param stalls    where idle time went
 */
record LoopResult(int steps, long latencyPs, StallBreakdown stalls) {
}
