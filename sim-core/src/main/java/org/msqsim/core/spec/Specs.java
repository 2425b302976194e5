package org.msqsim.core.spec;

/** Invariant checks shared by the spec records. */
final class Specs {
    private Specs() {
    }

    static void require(boolean ok, String field, Object value, String why) {
        if (!ok) {
            throw new IllegalArgumentException(field + ": " + value + " — " + why);
        }
    }
}
