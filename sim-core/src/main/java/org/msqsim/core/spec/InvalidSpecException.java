package org.msqsim.core.spec;

import java.util.List;

/** One or more problems in a user's input, each a complete line naming file, key path and value. */
public final class InvalidSpecException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> problems;

    public InvalidSpecException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
