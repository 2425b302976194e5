/**
 * Memory models driven by the simulator: {@link org.msqsim.core.hw.memory.DdrController}, one
 * external-DRAM controller shared by several AXI ports (a fluid, max-min fair bandwidth model with
 * access latency and read/write turnaround, one event per request batch, never per beat), and
 * {@link org.msqsim.core.hw.memory.OnChipBuffer}, the occupancy and port shape of a BRAM/URAM
 * buffer with optional ping-pong halves. {@link org.msqsim.core.hw.memory.DdrStream} times data
 * streamed through DDR with no compute to hide it (pooling and residual adds) in a closed form that
 * equals the controller's time for one idle request of whole bursts (it leaves out burst rounding,
 * port ceilings and turnaround; a test holds the two equal where they should be), so every DDR time in
 * a run comes from this package.
 *
 * <p>Models are built from the immutable records in {@code org.msqsim.core.spec} (STYLE 6) and keep
 * their statistics beside them ({@link org.msqsim.core.hw.memory.DdrStats}, STYLE 8). Times are
 * integer picoseconds throughout (STYLE 1); byte progress is exact integer arithmetic, so long runs
 * do not drift.
 *
 * <p>Depends on {@code org.msqsim.core.spec}, {@code org.msqsim.core.time},
 * {@code org.msqsim.core.event} and {@code org.msqsim.core.engine} only.
 */
package org.msqsim.core.hw.memory;
