/**
 * PE arrays (GEMM cores): exact tile timing per dataflow, bit-exact tile computation with the
 * {@code org.msqsim.core.fixed} datapaths, and a literal cycle-stepped systolic model for small
 * cases that the tests hold the fast model against.
 *
 * <p>Depends on {@code org.msqsim.core.spec} and {@code org.msqsim.core.fixed}; not on the engine —
 * the accelerator model turns tile cycles into events.
 */
package org.msqsim.core.hw.compute;
