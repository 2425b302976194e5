package org.msqsim.core.event;

/** An {@link EventHandler} that carries a label for messages; see {@link EventHandler#named}. */
record NamedHandler(String label, EventHandler body) implements EventHandler {

    NamedHandler {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("event label must not be blank");
        }
        if (body == null) {
            throw new IllegalArgumentException("event '" + label + "' needs a handler");
        }
    }

    @Override
    public void fire(long time) {
        body.fire(time);
    }

    @Override
    public String toString() {
        return label;
    }
}
