/**
 * FPGA resources: the resource vector (LUT, FF, DSP, RAMB18, URAM), the cost model that prices every
 * component from public component data ({@link org.msqsim.core.resource.CostModel} with its
 * documented {@link org.msqsim.core.resource.CostConstants}; derivations in {@code docs/cost-model.md}),
 * the per-component {@link org.msqsim.core.resource.CostBreakdown}, and the fit check against a device
 * ({@link org.msqsim.core.resource.FitReport}), with or without FINN's timing-closure ceilings.
 *
 * <p>Depends on {@code org.msqsim.core.spec} and {@code org.msqsim.core.fixed}.
 */
package org.msqsim.core.resource;
