package org.msqsim.cli.claims;

/**
 * How far a simulated number may lie from a claim's expected value: exactly equal (the default),
 * within an absolute distance, or within a fraction of the expected value's magnitude. Bounds are
 * inclusive; no hidden epsilon is added, so a floating-point metric needs a stated tolerance.
 */
record ClaimTolerance(Kind kind, double value) {
    /** The kinds of tolerance a claims file can state. */
    enum Kind {
        EXACT, ABSOLUTE, RELATIVE
    }

    static final ClaimTolerance EXACT = new ClaimTolerance(Kind.EXACT, 0);

    ClaimTolerance {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("tolerance must be finite and non-negative, got " + value);
        }
    }

    boolean accepts(double expected, double simulated) {
        double d = Math.abs(simulated - expected);
        return switch (kind) {
            case EXACT -> simulated == expected;
            case ABSOLUTE -> d <= value;
            case RELATIVE -> d <= value * Math.abs(expected);
        };
    }

    /** As the table shows it: {@code exact}, {@code ±0.005} or {@code ±1 %}. */
    String describe() {
        return switch (kind) {
            case EXACT -> "exact";
            case ABSOLUTE -> "±" + ValidateReport.number(value);
            case RELATIVE -> "±" + ValidateReport.number(100 * value) + " %";
        };
    }
}
