package org.msqsim.models.quant;

/**
 * What the MSQ assignment found for one row.
 *
 * @param index      row index (output channel)
 * @param scheme     the scheme assigned
 * @param alphaFixed best fixed-point scale
 * @param alphaSp2   best SP2 scale
 * @param mseFixed   MSE of the row under fixed-point at {@code alphaFixed}
 * @param mseSp2     MSE of the row under SP2 at {@code alphaSp2}
 * @param variance   sample variance of the row's real weights
 * @param kurtosis   sample excess kurtosis (0 for a Gaussian, 3 for Laplace, −1.2 for uniform)
 */
public record RowReport(int index, Scheme scheme, double alphaFixed, double alphaSp2, double mseFixed,
                        double mseSp2, double variance, double kurtosis) {

    /** The assignment criterion: SP2 error relative to fixed-point error (scale-free). */
    public double errorRatio() {
        return MsqAssigner.errorRatio(mseSp2, mseFixed);
    }

    public double alpha() {
        return scheme == Scheme.SP2 ? alphaSp2 : alphaFixed;
    }

    public double mse() {
        return scheme == Scheme.SP2 ? mseSp2 : mseFixed;
    }
}
