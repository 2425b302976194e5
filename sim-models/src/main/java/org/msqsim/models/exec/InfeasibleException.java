package org.msqsim.models.exec;

/** A layer that cannot be mapped onto the accelerator; the message says why, as a full sentence. */
public final class InfeasibleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InfeasibleException(String message) {
        super(message);
    }
}
