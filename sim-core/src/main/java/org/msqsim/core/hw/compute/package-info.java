/**
 * PE arrays (GEMM cores): exact tile timing per dataflow ({@link ArrayTiming}), bit-exact tile
 * computation with the {@code org.msqsim.core.fixed} datapaths ({@link PeArray}, configured by a
 * {@link PeDatapath}), and a literal cycle-stepped systolic model for small cases
 * ({@link LiteralSystolicArray}, with its {@code LiteralTile}, folds and {@code PeGrid}) that the
 * tests hold the fast model and the timing formulas against, bit for bit and cycle for cycle.
 *
 * <p>What a PE computes is a {@code PeKernel}, one per datapath kind — {@code DspKernel} (one
 * product per DSP48 into P), {@code PackedDspKernel} (packed lanes in one DSP48, resolved into
 * fabric accumulators), {@code FabricSp2Kernel} and {@code FabricFixedKernel} (LUT multipliers into
 * a fabric accumulator) — each owning its datapath objects, its fast tile loop and the per-PE step
 * the literal model takes. Both models go through the same kernel, so they can only differ in data
 * movement and accumulation order; the kernel's Javadoc says how vector PEs would be added.
 *
 * <p>Depends on {@code org.msqsim.core.spec} and {@code org.msqsim.core.fixed}; not on the engine —
 * the accelerator model turns tile cycles into events.
 */
package org.msqsim.core.hw.compute;
