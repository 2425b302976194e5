package org.msqsim.core.trace;

/**
 * Where components report what they did and when. Times are integer picoseconds. Callers should
 * test {@link #enabled()} before building names, so that a disabled trace costs one branch.
 */
public interface TraceSink {

    /** The sink that records nothing (the null object shared by every untraced run). */
    TraceSink NONE = new TraceSink() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public void span(String track, String name, long startPs, long endPs) {
        }

        @Override
        public void counter(String track, long timePs, long value) {
        }
    };

    boolean enabled();

    /** Something on {@code track} took {@code [startPs, endPs)}. */
    void span(String track, String name, long startPs, long endPs);

    /** The value of the counter {@code track} became {@code value} at {@code timePs}. */
    void counter(String track, long timePs, long value);
}
