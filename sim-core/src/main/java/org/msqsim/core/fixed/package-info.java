/**
 * Bit-accurate arithmetic at declared widths: fixed-point formats over raw {@code int}/{@code long},
 * the DSP48 MAC and its low-bit packing, the LUT SP2 shift-add MAC, adder trees, accumulators and the
 * integer requantizer. Every datapath here is tested bit-exact against plain integer code.
 *
 * <p>Depends on nothing but the JDK: no DNN code, no simulation engine.
 */
package org.msqsim.core.fixed;
