/**
 * Mapping one GEMM onto the MSQ accelerator: the problem ({@link org.msqsim.core.mapping.GemmShape}),
 * the schedule ({@link org.msqsim.core.mapping.TilePlan}, the tile sizes of the controller's loop
 * nest), the planner that searches tile sizes with an analytic latency model
 * ({@link org.msqsim.core.mapping.TilePlanner}, {@code PlanEstimate}) and returns a plan or the
 * reason there is none ({@link org.msqsim.core.mapping.PlanOutcome}, never an exception; STYLE 6),
 * and the rules the planner and the accelerator's tile loop share: the loop nest of a plan (tile
 * counts, load reuse and where each step lands, {@link org.msqsim.core.mapping.TileGrid}), the bytes
 * of a tile ({@link org.msqsim.core.mapping.TileBytes}) and which DDR port each DMA stream uses
 * ({@link org.msqsim.core.mapping.DmaPorts}), each derived from the spec in one place. Shapes and
 * tiles only; the DNN-aware lowering (layers to GEMMs) lives in sim-models.
 *
 * <p>Depends on {@code org.msqsim.core.spec} and {@code org.msqsim.core.hw.compute} (exact tile
 * cycles for the estimate) only. Dependency direction: {@code org.msqsim.core.hw.accel} uses these
 * plan types and rules to run a plan; nothing here uses the accelerator model, so the planner can
 * be run, tested and replaced without building one.
 */
package org.msqsim.core.mapping;
