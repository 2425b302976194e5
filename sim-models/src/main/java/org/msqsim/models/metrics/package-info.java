/**
 * The figures a run is reported by — GOPS, frames per second, DDR bandwidth, controller cycles and
 * each core's utilisation — computed once from a run's results ({@link org.msqsim.models.metrics.RunMetrics}),
 * so that every report, chart and claim reads the same number from the same arithmetic.
 *
 * <p>Depends on {@code org.msqsim.models.exec} (run results), {@code org.msqsim.core.hw.accel} (what
 * one GEMM run measured) and {@code org.msqsim.core.spec}; nothing depends on it below the command line.
 */
package org.msqsim.models.metrics;
