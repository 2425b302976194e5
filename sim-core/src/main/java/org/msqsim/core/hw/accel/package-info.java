/**
 * The MSQ accelerator model: a DSP core for fixed-point rows and a LUT core for SP2 rows working on
 * the same input tile at the same time, input/weight/output buffers, DMA over the DDR controller,
 * and the controller that runs the tile loop nest with loads, compute and stores overlapped by
 * double buffering. Also the GEMM tile planner (shapes only; the DNN-aware mapper lives in
 * sim-models).
 *
 * <p>Depends on spec, time, event, engine, hw.compute, hw.memory, trace.
 */
package org.msqsim.core.hw.accel;
