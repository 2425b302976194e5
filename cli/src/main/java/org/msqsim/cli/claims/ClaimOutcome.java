package org.msqsim.cli.claims;

/**
 * What running one claim gave.
 *
 * @param simulated the value found at the metric path as the report prints it, or null on error
 * @param number    that value when it is a number (for the deviation), else NaN
 * @param error     why the claim could not be evaluated (status ERROR), else null
 */
public record ClaimOutcome(Claim claim, Status status, String simulated, double number, String error) {
    /**
     * PASS: within tolerance; FAIL: evaluated and outside it; ERROR: could not be evaluated;
     * KNOWN_MISS: outside its tolerance as its {@code known_miss} says (a finding kept in the file, not a
     * failure of the run); UNEXPECTED_PASS: marked {@code known_miss} but within tolerance, so the mark
     * is stale. Only FAIL and ERROR make {@code validate} exit 1.
     */
    enum Status {
        PASS("PASS"),
        FAIL("FAIL"),
        ERROR("ERROR"),
        KNOWN_MISS("known miss"),
        UNEXPECTED_PASS("PASS (remove known_miss)");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** How the table's result column shows it. */
        String label() {
            return label;
        }

        /** Whether this outcome makes the run fail (exit code 1). */
        boolean failsRun() {
            return this == FAIL || this == ERROR;
        }

        /** Whether the simulated value is within the claim's tolerance. */
        boolean within() {
            return this == PASS || this == UNEXPECTED_PASS;
        }
    }

    static ClaimOutcome error(Claim claim, String why) {
        return new ClaimOutcome(claim, Status.ERROR, null, Double.NaN, why);
    }

    /** A claim that was evaluated: its verdict follows from the comparison and its {@code known_miss}. */
    static ClaimOutcome evaluated(Claim claim, boolean within, String simulated, double number) {
        boolean miss = claim.knownMiss().isPresent();
        Status s = within ? (miss ? Status.UNEXPECTED_PASS : Status.PASS) : (miss ? Status.KNOWN_MISS : Status.FAIL);
        return new ClaimOutcome(claim, s, simulated, number, null);
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
