/**
 * Immutable, validated descriptions of hardware: the FPGA device, DDR and its AXI ports, on-chip
 * buffers, PE arrays, and the MSQ accelerator built from them. Specs hold no simulation state;
 * models ({@code org.msqsim.core.hw}) are built from them and mappers read them.
 *
 * <p>Every record checks its own invariants and throws {@link java.lang.IllegalArgumentException}
 * naming the field; file loaders check first and report all problems of a file at once through
 * {@link org.msqsim.core.spec.Problems}, so a record constructor failing is a loader bug.
 *
 * <p>Depends on {@code org.msqsim.core.fixed} (DSP kinds) only.
 */
package org.msqsim.core.spec;
