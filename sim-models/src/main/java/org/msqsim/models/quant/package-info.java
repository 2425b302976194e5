/**
 * Quantizers of the mixed-scheme (MSQ) paper: symmetric fixed-point and sum-of-power-of-2 (SP2) row
 * quantizers with a per-row scale α, the MSQ row assignment under a target SP2 fraction, and the
 * per-tensor activation quantizer.
 *
 * <p>Depends on {@code org.msqsim.core.fixed} (the SP2 code layout the LUT datapath reads),
 * {@code org.msqsim.models.tensor}, Guava and Commons Math.
 */
package org.msqsim.models.quant;
