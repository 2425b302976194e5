package org.msqsim.models.weights;

/**
 * Fractions of rows drawn from each {@link RowShape}; each in [0, 1], summing to 1 (within 1e-9).
 *
 * @param gaussian fraction of {@link RowShape#GAUSSIAN} rows
 * @param laplace  fraction of {@link RowShape#LAPLACE} rows
 * @param uniform  fraction of {@link RowShape#UNIFORM} rows
 */
public record ShapeMix(double gaussian, double laplace, double uniform) {
    /**
     * 45 % Gaussian, 25 % Laplace, 30 % uniform: bell-shaped rows are the majority, as in trained
     * convolution layers, and flat rows a minority large enough that an MSQ assignment has rows of
     * both kinds to place. See {@link SyntheticWeights} for how this compares with real weights.
     */
    public static final ShapeMix DEFAULT = new ShapeMix(0.45, 0.25, 0.30);

    public ShapeMix {
        check("gaussian", gaussian);
        check("laplace", laplace);
        check("uniform", uniform);
        double sum = gaussian + laplace + uniform;
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("shape fractions must sum to 1, got " + gaussian + " + " + laplace
                    + " + " + uniform + " = " + sum);
        }
    }

    private static void check(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " fraction must be in [0, 1], got " + v);
        }
    }

    /** Every row of one shape. */
    public static ShapeMix only(RowShape shape) {
        return new ShapeMix(shape == RowShape.GAUSSIAN ? 1 : 0, shape == RowShape.LAPLACE ? 1 : 0,
                shape == RowShape.UNIFORM ? 1 : 0);
    }

    public double fraction(RowShape shape) {
        return switch (shape) {
            case GAUSSIAN -> gaussian;
            case LAPLACE -> laplace;
            case UNIFORM -> uniform;
        };
    }

    /**
     * Row counts per shape (indexed by ordinal) for a matrix of {@code rows} rows, by the largest
     * remainder method: each count is its exact share rounded down or up, and they sum to rows.
     * Ties in the remainder go to the earlier shape, so the result is fully determined.
     */
    public int[] counts(int rows) {
        RowShape[] shapes = RowShape.values();
        int[] counts = new int[shapes.length];
        double[] remainder = new double[shapes.length];
        int assigned = 0;
        for (RowShape s : shapes) {
            double exact = fraction(s) * rows;
            counts[s.ordinal()] = (int) Math.floor(exact);
            remainder[s.ordinal()] = exact - counts[s.ordinal()];
            assigned += counts[s.ordinal()];
        }
        for (; assigned < rows; assigned++) {
            int best = 0;
            for (int i = 1; i < shapes.length; i++) {
                if (remainder[i] > remainder[best]) {
                    best = i;
                }
            }
            counts[best]++;
            remainder[best] = -1;
        }
        return counts;
    }
}
