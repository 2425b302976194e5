package org.msqsim.core.event;

/**
 * What an event does when it fires. A plain functional interface called directly: no reflection,
 * no method names as strings (STYLE "Time and events" 5). Components keep their handlers in final
 * fields, created once, so scheduling allocates nothing.
 */
@FunctionalInterface
public interface EventHandler {

    /** Runs the event; {@code time} is the current simulated time in ps. */
    void fire(long time);

    /**
     * A short name for error messages (past scheduling, watchdog). Lambdas only have a synthetic
     * class name, so give them a real one with {@link #named}.
     */
    default String label() {
        return getClass().getSimpleName();
    }

    /** {@code body} with {@code label} as its name in error messages. */
    static EventHandler named(String label, EventHandler body) {
        return new NamedHandler(label, body);
    }

    /**
     * {@code body} named {@code prefix + " " + index}, the string built only when a message asks for
     * it: for handlers made per tile or per transfer, where building every name would cost more than
     * the event.
     */
    static EventHandler named(String prefix, long index, EventHandler body) {
        return new IndexedHandler(prefix, index, body);
    }
}
