package org.msqsim.cli;

import java.util.Collection;

/**
 * "did you mean …" for a misspelt key or flag in a claims file: the closest known word by edit
 * distance when it is a plausible typo (at most a third of the word, but 2 for short words, never
 * more than 3) — the rule the board loader uses ({@code org.msqsim.boards.Suggestions}, which is
 * package-private there).
 */
final class ClaimSpelling {
    private ClaimSpelling() {
    }

    /** {@code "; did you mean 'x'?"}, or an empty string when nothing is close. */
    static String hint(String word, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(word, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        int limit = Math.min(3, Math.max(2, word.length() / 3));
        return best != null && bestDistance <= limit ? "; did you mean '" + best + "'?" : "";
    }

    /** Levenshtein distance, two rows. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(substitute, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
