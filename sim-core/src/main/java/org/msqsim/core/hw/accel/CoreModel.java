package org.msqsim.core.hw.accel;

import org.msqsim.core.hw.compute.PeArray;
import org.msqsim.core.time.ClockDomain;
import org.msqsim.core.trace.TraceSink;

/**
 * One GEMM core of the accelerator in its own clock domain: starts a tile at the core's first edge
 * at or after the controller's request, computes its values when asked, and keeps its counters.
 */
final class CoreModel {
    private final PeArray array;
    private final ClockDomain clock;
    private final TraceSink trace;
    private long macs;
    private long busyPs;
    private long busyCycles;

    CoreModel(PeArray array, TraceSink trace) {
        this.array = array;
        this.clock = new ClockDomain(array.spec().name(), array.spec().clockHz());
        this.trace = trace;
    }

    /**
     * Runs an {@code m×k×n} tile requested at {@code now} and returns when it ends. With
     * {@code acc != null} the tile's values are computed into it (row strides: k for weights, n for
     * activations and accumulators).
     */
    long run(int step, long now, int m, int k, int n, int[] w, int wOff, int[] x, int xOff, long[] acc, int accOff,
             int kFull, int nFull) {
        long cycles = array.tileCycles(m, k, n);
        long end = clock.edgeTime(clock.firstCycleAtOrAfter(now) + cycles);
        macs += (long) m * k * n;
        busyPs += end - now;
        busyCycles += cycles;
        if (acc != null) {
            array.computeTile(w, wOff, kFull, x, xOff, nFull, m, k, n, acc, accOff, nFull);
        }
        if (trace.enabled()) {
            trace.span(array.spec().name(), "step " + step, now, end);
        }
        return end;
    }

    CoreStats stats() {
        var s = array.spec();
        return new CoreStats(s.name(), macs, busyPs, busyCycles, s.peakMacsPerCycle(), s.clockHz());
    }

    long overflowEvents() {
        return array.overflowEvents();
    }
}
