/**
 * The golden reference: plain integer GEMM and convolution written as the obvious loops, with
 * exact {@code long} accumulation, against which every simulated datapath's output is compared bit
 * for bit. Clarity over speed is the rule here; nothing in this package may be "optimised" in a way
 * that makes it harder to see that it is right.
 *
 * {@code ElementwiseReference} does the same for the element-wise operations of imported networks.
 *
 * <p>Depends on the JDK only, so that it shares no code (and so no bug) with what it checks — except
 * {@code FloatReference}, the network in double precision (the float side of the accuracy view, held
 * to ONNX Runtime by a test), which reads networks and layers ({@code graph}, {@code layer},
 * {@code tensor}) but no integer code.
 */
package org.msqsim.models.golden;
