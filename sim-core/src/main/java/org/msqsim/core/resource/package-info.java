/**
 * FPGA resources: the resource vector (LUT, FF, DSP, BRAM, URAM), the cost model that prices every
 * component from public component data, and the fit check against a device.
 *
 * <p>Depends on {@code org.msqsim.core.spec} and {@code org.msqsim.core.fixed}.
 */
package org.msqsim.core.resource;
