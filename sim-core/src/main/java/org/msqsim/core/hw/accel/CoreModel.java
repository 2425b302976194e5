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
    private long stallCycles;

    /**
     * The operands of one GEMM as this core sees them, all row-major: {@code weights} its rows of W
     * (row stride {@code k}), {@code activations} X (row stride {@code n}), and {@code acc} its rows
     * of C (row stride {@code n}), or null when the run is timing only.
     */
    record Operands(int[] weights, int[] activations, long[] acc, int k, int n) {
    }

    CoreModel(PeArray array, TraceSink trace) {
        this.array = array;
        this.clock = new ClockDomain(array.spec().name(), array.spec().clockHz());
        this.trace = trace;
    }

    /**
     * Runs this core's {@code m × tk × tn} tile of step {@code s}, its rows starting at row
     * {@code mOff} of its operands, requested at {@code now}, and returns when it ends. The tile's
     * values are computed into {@code ops.acc()} unless that is null.
     */
    long run(TileStep s, int mOff, int m, Operands ops, long now) {
        int k = s.tk();
        int n = s.tn();
        long cycles = array.tileCycles(m, k, n);
        long end = clock.edgeTime(clock.firstCycleAtOrAfter(now) + cycles);
        macs += (long) m * k * n;
        busyPs += end - now;
        busyCycles += cycles;
        stallCycles += array.stallCycles(m, k, n);
        if (ops.acc() != null) {
            int kFull = ops.k();
            int nFull = ops.n();
            array.computeTile(ops.weights(), mOff * kFull + s.kOff(), kFull, ops.activations(),
                    s.kOff() * nFull + s.nOff(), nFull, m, k, n, ops.acc(), mOff * nFull + s.nOff(), nFull);
        }
        if (trace.enabled()) {
            trace.span(array.spec().name(), "step " + s.index(), now, end);
        }
        return end;
    }

    CoreStats stats() {
        var s = array.spec();
        return new CoreStats(s.name(), macs, busyPs, busyCycles, s.peakMacsPerCycle(), s.clockHz(),
                stallCycles);
    }

    long overflowEvents() {
        return array.overflowEvents();
    }
}
