package org.msqsim.models.weights;

/**
 * The distribution one row of a synthetic weight matrix is drawn from. The MSQ premise
 * (Chang et al., HPCA 2021) is that bell-shaped rows suit SP2 levels, which crowd around zero, and
 * flat rows suit the evenly spaced fixed-point levels; these three shapes span that range.
 */
public enum RowShape {
    /** Normal: the bell shape most trained filters have. Excess kurtosis 0. */
    GAUSSIAN(0.0),
    /** Laplace (double exponential): bell-shaped with a sharper peak and heavier tails. Excess kurtosis 3. */
    LAPLACE(3.0),
    /** Uniform: a flat row, every value in its range equally likely. Excess kurtosis −1.2. */
    UNIFORM(-1.2);

    private final double excessKurtosis;

    RowShape(double excessKurtosis) {
        this.excessKurtosis = excessKurtosis;
    }

    /** The distribution's excess kurtosis, the statistic that tells the three shapes apart. */
    public double excessKurtosis() {
        return excessKurtosis;
    }
}
