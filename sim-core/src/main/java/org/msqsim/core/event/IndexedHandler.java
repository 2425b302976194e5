package org.msqsim.core.event;

/** An {@link EventHandler} labelled {@code prefix index}, built on demand; see {@link EventHandler#named(String, long, EventHandler)}. */
record IndexedHandler(String prefix, long index, EventHandler body) implements EventHandler {

    IndexedHandler {
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalArgumentException("event label must not be blank");
        }
        if (body == null) {
            throw new IllegalArgumentException("event '" + prefix + " " + index + "' needs a handler");
        }
    }

    @Override
    public void fire(long time) {
        body.fire(time);
    }

    @Override
    public String label() {
        return prefix + " " + index;
    }

    @Override
    public String toString() {
        return label();
    }
}
