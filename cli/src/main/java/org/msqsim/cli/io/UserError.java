package org.msqsim.cli.io;

/**
 * An error the user can fix (a bad flag value, an unreadable or malformed file). Its message is the
 * whole report: it names what and where, and is printed as one line without a stack trace.
 */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }
}
