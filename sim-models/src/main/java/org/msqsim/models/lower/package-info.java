/**
 * Lowering: a layer turned into the work the accelerator does for it — GEMMs on the cores
 * ({@link org.msqsim.models.lower.GemmWork}, with the im2col matrix each reads and the rows it puts
 * on the LUT core) or a stream through DDR ({@link org.msqsim.models.lower.StreamWork}). The
 * runners in {@code exec} time and execute this work; nothing here simulates.
 *
 * <p>Depends on {@code layer}, {@code golden} (im2col), {@code quant} (the SP2 row count) and
 * sim-core's {@code org.msqsim.core.hw.memory} (the stream's traffic) and {@code org.msqsim.core.mapping}
 * (the byte rule of packed tensors, {@code TileBytes.packed}).
 */
package org.msqsim.models.lower;
