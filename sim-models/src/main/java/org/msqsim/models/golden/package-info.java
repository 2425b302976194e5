/**
 * The golden reference: plain integer GEMM and convolution written as the obvious loops, with
 * exact {@code long} accumulation, against which every simulated datapath's output is compared bit
 * for bit. Clarity over speed is the rule here; nothing in this package may be "optimised" in a way
 * that makes it harder to see that it is right.
 *
 * <p>Depends on the JDK only, so that it shares no code (and so no bug) with what it checks.
 */
package org.msqsim.models.golden;
