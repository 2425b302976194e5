/**
 * The MSQ accelerator model: a DSP core for fixed-point rows and a LUT core for SP2 rows working on
 * the same input tile at the same time ({@code CorePair}, one {@code CoreModel} each), input/weight/
 * output buffers, DMA streams over the DDR controller ({@code LoadStream}, ports from
 * {@link org.msqsim.core.mapping.DmaPorts}), and the controller that runs a
 * {@link org.msqsim.core.mapping.TilePlan}'s loop nest with loads, compute and stores overlapped by
 * double buffering ({@code TileLoop}, one {@code TileStep} per step, returning a
 * {@code LoopResult}). {@link org.msqsim.core.hw.accel.MsqAccelerator} builds these from the spec
 * and reports a run as an {@link org.msqsim.core.hw.accel.AcceleratorRun}.
 *
 * <p>Depends on spec, fixed (DSP kinds), time, event, engine, hw.compute, hw.memory, trace and
 * mapping. Dependency direction: this package runs the plans of {@code org.msqsim.core.mapping} and
 * uses its tile byte rules and DMA port assignment; {@code mapping} never uses this package.
 */
package org.msqsim.core.hw.accel;
