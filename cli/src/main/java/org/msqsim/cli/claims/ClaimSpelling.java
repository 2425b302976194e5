package org.msqsim.cli.claims;

import java.util.Collection;
import org.msqsim.boards.Suggestions;

/**
 * "did you mean …" for a misspelt key or flag in a claims file, by the same rule as the board
 * loader ({@link Suggestions#closest}).
 */
final class ClaimSpelling {
    private ClaimSpelling() {
    }

    /** {@code "; did you mean 'x'?"}, or an empty string when nothing is close. */
    static String hint(String word, Collection<String> known) {
        return Suggestions.closest(word, known).map(b -> "; did you mean '" + b + "'?").orElse("");
    }
}
