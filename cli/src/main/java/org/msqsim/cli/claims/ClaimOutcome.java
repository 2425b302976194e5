package org.msqsim.cli.claims;

/**
 * What running one claim gave.
 *
 * @param simulated the value found at the metric path as the report prints it, or null on error
 * @param number    that value when it is a number (for the deviation), else NaN
 * @param error     why the claim could not be evaluated (status ERROR), else null
 */
public record ClaimOutcome(Claim claim, Status status, String simulated, double number, String error) {
    /** PASS: within tolerance; FAIL: evaluated and outside it; ERROR: could not be evaluated. */
    enum Status {
        PASS, FAIL, ERROR
    }

    static ClaimOutcome error(Claim claim, String why) {
        return new ClaimOutcome(claim, Status.ERROR, null, Double.NaN, why);
    }

    /** Simulated minus expected, for numeric claims that ran; NaN otherwise. */
    double deviation() {
        return claim.expected() instanceof ClaimExpected.Quantity q ? number - q.value().doubleValue() : Double.NaN;
    }

    /** The deviation as a percentage of the expected value's magnitude; NaN when that is 0 or there is none. */
    double deviationPercent() {
        if (!(claim.expected() instanceof ClaimExpected.Quantity q) || q.value().signum() == 0) {
            return Double.NaN;
        }
        return 100 * deviation() / Math.abs(q.value().doubleValue());
    }
}
