package org.msqsim.models.quant;

/**
 * One row quantized at its chosen scale.
 *
 * @param alpha the scale α (0 only for an all-zero row)
 * @param mse   mean squared error of the row, {@code mean((w − α·unit(code))²)}
 * @param codes one code per weight, as {@link RowQuantizer} defines them
 */
public record ScaledRow(double alpha, double mse, int[] codes) {
}
