package org.msqsim.cli.claims;

import java.math.BigDecimal;

/** A claim's expected value: a number (compared within a tolerance) or a truth value (compared exactly). */
sealed interface ClaimExpected permits ClaimExpected.Quantity, ClaimExpected.Truth {

    /** The expected value as the report prints it. */
    String text();

    /** A number, kept as the decimal the file wrote. */
    record Quantity(BigDecimal value) implements ClaimExpected {
        @Override
        public String text() {
            return ValidateReport.number(value.doubleValue());
        }
    }

    /** {@code true} or {@code false}. */
    record Truth(boolean value) implements ClaimExpected {
        @Override
        public String text() {
            return Boolean.toString(value);
        }
    }
}
