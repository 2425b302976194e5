package org.msqsim.models.io;

import java.nio.file.Path;

/**
 * A {@code .npy} file that cannot be read as a weight matrix. The message always has the form
 * {@code <path>: <problem>}, one line, fit to show a user as it is.
 */
public final class NpyFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    public NpyFormatException(Path file, String problem) {
        this(file, problem, null);
    }

    public NpyFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /** The file that was being read. */
    public Path file() {
        return file;
    }

    /** The problem alone, without the path. */
    public String problem() {
        return problem;
    }
}
