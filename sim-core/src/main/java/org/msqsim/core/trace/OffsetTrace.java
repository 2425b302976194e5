package org.msqsim.core.trace;

/**
 * A view of a trace that shifts every time by a fixed offset, so that runs which each start their
 * own simulation at time 0 (the layers of a network) line up one after another on one timeline.
 */
public final class OffsetTrace implements TraceSink {
    private final TraceSink target;
    private final long offsetPs;

    public OffsetTrace(TraceSink target, long offsetPs) {
        this.target = target;
        this.offsetPs = offsetPs;
    }

    /** {@code target} shifted by {@code offsetPs}, or the shared null sink when tracing is off. */
    public static TraceSink of(TraceSink target, long offsetPs) {
        return target.enabled() ? new OffsetTrace(target, offsetPs) : TraceSink.NONE;
    }

    @Override
    public boolean enabled() {
        return target.enabled();
    }

    @Override
    public void span(String track, String name, long startPs, long endPs) {
        target.span(track, name, startPs + offsetPs, endPs + offsetPs);
    }

    @Override
    public void counter(String track, long timePs, long value) {
        target.counter(track, timePs + offsetPs, value);
    }
}
