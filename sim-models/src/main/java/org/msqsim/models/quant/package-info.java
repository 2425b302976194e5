/**
 * Quantizers of the mixed-scheme (MSQ) paper: symmetric fixed-point and sum-of-power-of-2 (SP2) row
 * quantizers with a per-row scale α, the MSQ row assignment under a target SP2 fraction, and the
 * per-tensor activation quantizer.
 *
 * <p>A row's scale is the exact MSE minimiser ({@link org.msqsim.models.quant.ScaleSearch}), found by
 * a sweep of the MSE's breakpoints in parts: the sorted magnitudes
 * ({@link org.msqsim.models.quant.MagnitudeSort}), the tables every sweep starts from
 * ({@link org.msqsim.models.quant.SweepTables}), the general sweep
 * ({@link org.msqsim.models.quant.PrunedSweep}, with {@link org.msqsim.models.quant.StepHeap}), the
 * branch-free sweep for few levels ({@link org.msqsim.models.quant.BranchFreeSweep}) and the early stop
 * both share ({@link org.msqsim.models.quant.PruneBound}). What the search finds for a matrix
 * ({@link org.msqsim.models.quant.RowScales}) depends only on its rows and the width, and is kept across
 * runs by a {@link org.msqsim.models.quant.ScaleCache} ({@link org.msqsim.models.quant.DiskScaleCache}
 * on disk; off unless the program turns it on).
 *
 * <p>Depends on {@code org.msqsim.core.fixed} (the SP2 code layout the LUT datapath reads),
 * {@code org.msqsim.models.tensor}, {@code java.nio.file} (the disk cache) and Commons Math (a row's variance and kurtosis, for reports).
 */
package org.msqsim.models.quant;
