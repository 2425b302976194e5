/**
 * SCALE-Sim v2 compatibility mode: reads SCALE-Sim's own {@code .cfg} and topology CSV files (conv
 * and GEMM forms) and reports per-layer compute cycles, MACs and utilisation exactly as SCALE-Sim's
 * {@code COMPUTE_REPORT.csv} does, without building its per-cycle demand matrices.
 *
 * <p>{@link org.msqsim.models.scalesim.ScaleSimConfigReader} and
 * {@link org.msqsim.models.scalesim.ScaleSimTopology} parse strictly and report every problem at
 * once through {@link org.msqsim.core.spec.Problems}; {@link org.msqsim.models.scalesim.ScaleSimCompute}
 * is the closed form of SCALE-Sim's fold arithmetic, and {@link org.msqsim.models.scalesim.NativeCycles}
 * msqsim's own count for the same layers on the equivalent array;
 * {@link org.msqsim.models.scalesim.ScaleSimRun} reads both files and holds both counts per layer (what
 * {@code run --scalesim-…} reports). The semantics were derived by reading
 * SCALE-Sim v2's Python source ({@code github.com/scalesim-project/scale-sim-v2}, MIT licence); no
 * SCALE-Sim code is copied here, only the facts and formulas, each cited where it is used.
 *
 * <p>May depend on {@code org.msqsim.core.spec} (problem reporting, the equivalent array),
 * {@code org.msqsim.core.hw.compute} (msqsim's native array timing, for {@code NativeCycles} only) and
 * the JDK.
 */
package org.msqsim.models.scalesim;
