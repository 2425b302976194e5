/**
 * PE arrays (GEMM cores): exact tile timing per dataflow ({@link org.msqsim.core.hw.compute.ArrayTiming}),
 * bit-exact tile computation with the {@code org.msqsim.core.fixed} datapaths
 * ({@link org.msqsim.core.hw.compute.PeArray}, configured by a {@link org.msqsim.core.hw.compute.PeDatapath}),
 * and a literal cycle-stepped systolic model for small cases
 * ({@link org.msqsim.core.hw.compute.LiteralSystolicArray}) that the tests hold the fast model and the
 * timing formulas against, bit for bit and cycle for cycle. Both models share one per-PE arithmetic
 * ({@code PeArithmetic}), so they can only differ in data movement and accumulation order.
 *
 * <p>Depends on {@code org.msqsim.core.spec} and {@code org.msqsim.core.fixed}; not on the engine —
 * the accelerator model turns tile cycles into events.
 */
package org.msqsim.core.hw.compute;
