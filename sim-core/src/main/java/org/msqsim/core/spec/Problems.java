package org.msqsim.core.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem found in one input (a board file, a claims file, a set of flags) so that
 * all of them are reported together, each as {@code file:key.path: value — why}.
 */
public final class Problems {
    private final String source;
    private final List<String> messages = new ArrayList<>();

    public Problems(String source) {
        this.source = source;
    }

    public String source() {
        return source;
    }

    /** Records one problem: where (a dotted key path), the offending value (may be null), and why. */
    public void add(String keyPath, Object value, String why) {
        StringBuilder sb = new StringBuilder(source);
        if (keyPath != null && !keyPath.isEmpty()) {
            sb.append(':').append(keyPath);
        }
        sb.append(": ");
        if (value != null) {
            sb.append(value).append(" — ");
        }
        sb.append(why);
        messages.add(sb.toString());
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }

    /** Throws {@link InvalidSpecException} listing every problem, if there is any. */
    public void throwIfAny() {
        if (!messages.isEmpty()) {
            throw new InvalidSpecException(messages);
        }
    }
}
