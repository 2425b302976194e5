package org.msqsim.core.hw.memory;

/**
 * Sees every interval of the fluid model: between two consecutive changes of a controller's
 * state, transfer {@code transferId} on ({@code port}, {@code direction}) moved at
 * {@code bytesPerSecond} (0 during a turnaround gap). Package-private: tests use it to check the
 * bandwidth and fairness invariants interval by interval; a trace sink could use it later.
 */
@FunctionalInterface
interface FlowProbe {

    void interval(long fromPs, long toPs, long transferId, int port, Direction direction, long bytesPerSecond);
}
