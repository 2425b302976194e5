package org.msqsim.core.hw.accel;

import java.util.Optional;
import org.msqsim.core.engine.Simulator;
import org.msqsim.core.engine.StopReason;
import org.msqsim.core.fixed.DspKind;
import org.msqsim.core.hw.compute.PeArray;
import org.msqsim.core.hw.compute.PeDatapath;
import org.msqsim.core.hw.memory.DdrController;
import org.msqsim.core.hw.memory.OnChipBuffer;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.PeArraySpec;
import org.msqsim.core.time.ClockDomain;
import org.msqsim.core.time.Time;
import org.msqsim.core.trace.TraceSink;

/**
 * The MSQ accelerator (Chang et al., HPCA 2021, §V) built from its spec: the DSP and LUT cores, the
 * three buffers, the DDR controller with the DMA streams on its ports (input on port 0, weights on
 * port 1, output on port 2, wrapping when the board has fewer ports), and the controller clock.
 * One instance runs one GEMM; build a new one per run (models are stateful, specs are not).
 */
public final class MsqAccelerator {
    private final AcceleratorSpec spec;
    private final Simulator sim = new Simulator();
    private final DdrController ddr;
    private final OnChipBuffer input;
    private final OnChipBuffer weights;
    private final OnChipBuffer output;
    private final PeArray dspCore;
    private final PeArray lutCore;
    private final ClockDomain dspClock;
    private final ClockDomain lutClock;
    private final ClockDomain controlClock;
    private final TraceSink trace;
    private GemmJob job;
    private long[] dspAcc;
    private long[] lutAcc;
    private long dspMacs;
    private long lutMacs;
    private long dspBusyPs;
    private long lutBusyPs;
    private long dspBusyCycles;
    private long lutBusyCycles;

    public MsqAccelerator(AcceleratorSpec spec, DspKind dspKind, TraceSink trace) {
        this.spec = spec;
        this.trace = trace;
        this.ddr = new DdrController(spec.ddr(), sim);
        this.input = new OnChipBuffer(spec.inputBuffer());
        this.weights = new OnChipBuffer(spec.weightBuffer());
        this.output = new OnChipBuffer(spec.outputBuffer());
        // Fixed-point weights are narrow-range (FixedPointQuantizer), which DSP48E1 4-lane packing needs.
        PeDatapath dp = PeDatapath.of(spec.weightBits(), spec.activationBits(), false).withDsp(dspKind, true);
        this.dspCore = spec.dspCore().map(c -> new PeArray(c, dp)).orElse(null);
        this.lutCore = spec.lutCore().map(c -> new PeArray(c, dp)).orElse(null);
        this.dspClock = spec.dspCore().map(c -> new ClockDomain(c.name(), c.clockHz())).orElse(null);
        this.lutClock = spec.lutCore().map(c -> new ClockDomain(c.name(), c.clockHz())).orElse(null);
        this.controlClock = new ClockDomain("control", spec.controlClockHz());
    }

    /** Runs one GEMM with a tile plan to completion and reports what happened. */
    public AcceleratorRun run(GemmJob job, TilePlan plan) {
        this.job = job;
        GemmShape g = job.shape();
        if (job.computesValues()) {
            dspAcc = new long[g.mDsp() * g.n()];
            lutAcc = new long[g.mLut() * g.n()];
        }
        TileLoop loop = new TileLoop(this, sim, ddr, g, plan);
        loop.start();
        StopReason why = sim.run();
        if (!loop.finished()) {
            throw new IllegalStateException("tile loop stopped (" + why + ") at " + Time.format(sim.now())
                    + " before its last store; this is a controller bug");
        }
        long latency = loop.finishPs;
        StallBreakdown stalls = new StallBreakdown(loop.waitData, loop.waitOutput, loop.xWaitBuffer, loop.wWaitBuffer,
                loop.dspWaitsLut, loop.lutWaitsDsp);
        return new AcceleratorRun(plan, loop.steps(), latency, ceilCycles(controlClock, latency),
                spec.dspCore().map(c -> stats(c, dspMacs, dspBusyPs, dspBusyCycles)),
                spec.lutCore().map(c -> stats(c, lutMacs, lutBusyPs, lutBusyCycles)), stalls,
                ddr.stats().bytesRead(), ddr.stats().bytesWritten(), ddr.bandwidthUtilisation(latency), input.peakOccupancy(),
                weights.peakOccupancy(), output.peakOccupancy(), overflows(), dspAcc, lutAcc);
    }

    private long overflows() {
        return (dspCore == null ? 0 : dspCore.overflowEvents()) + (lutCore == null ? 0 : lutCore.overflowEvents());
    }

    private static CoreStats stats(PeArraySpec c, long macs, long busyPs, long busyCycles) {
        return new CoreStats(c.name(), macs, busyPs, busyCycles, c.peakMacsPerCycle(), c.clockHz());
    }

    private static long ceilCycles(ClockDomain clock, long ps) {
        return clock.firstCycleAtOrAfter(ps);
    }

    /**
     * Starts step {@code s} on both cores at {@code now}: computes the tiles' values (unless timing
     * only) and returns when each core finishes, {@code [dspEnd, lutEnd]} in ps ({@code now} for a
     * core with no rows this step).
     */
    long[] computeStep(int s, int nOff, int tn, int kOff, int tk, int mOffDsp, int tmDsp, int mOffLut, int tmLut,
                       long now) {
        GemmShape g = job.shape();
        long dspEnd = now;
        long lutEnd = now;
        if (tmDsp > 0) {
            long cycles = dspCore.tileCycles(tmDsp, tk, tn);
            long c0 = dspClock.firstCycleAtOrAfter(now);
            dspEnd = dspClock.edgeTime(c0 + cycles);
            dspMacs += (long) tmDsp * tk * tn;
            dspBusyPs += dspEnd - now;
            dspBusyCycles += cycles;
            if (job.computesValues()) {
                dspCore.computeTile(job.dspWeights(), mOffDsp * g.k() + kOff, g.k(), job.activations(),
                        kOff * g.n() + nOff, g.n(), tmDsp, tk, tn, dspAcc, mOffDsp * g.n() + nOff, g.n());
            }
            if (trace.enabled()) {
                trace.span("dsp_core", "step " + s, now, dspEnd);
            }
        }
        if (tmLut > 0) {
            long cycles = lutCore.tileCycles(tmLut, tk, tn);
            long c0 = lutClock.firstCycleAtOrAfter(now);
            lutEnd = lutClock.edgeTime(c0 + cycles);
            lutMacs += (long) tmLut * tk * tn;
            lutBusyPs += lutEnd - now;
            lutBusyCycles += cycles;
            if (job.computesValues()) {
                lutCore.computeTile(job.lutCodes(), mOffLut * g.k() + kOff, g.k(), job.activations(),
                        kOff * g.n() + nOff, g.n(), tmLut, tk, tn, lutAcc, mOffLut * g.n() + nOff, g.n());
            }
            if (trace.enabled()) {
                trace.span("lut_core", "step " + s, now, lutEnd);
            }
        }
        if (trace.enabled()) {
            trace.counter("buffer:input", now, input.occupancy());
            trace.counter("buffer:weights", now, weights.occupancy());
            trace.counter("buffer:output", now, output.occupancy());
        }
        return new long[] {dspEnd, lutEnd};
    }

    AcceleratorSpec spec() {
        return spec;
    }

    TraceSink trace() {
        return trace;
    }

    OnChipBuffer input() {
        return input;
    }

    OnChipBuffer weights() {
        return weights;
    }

    OnChipBuffer output() {
        return output;
    }

    boolean hasDsp() {
        return dspCore != null;
    }

    boolean hasLut() {
        return lutCore != null;
    }

    int inputPort() {
        return 0;
    }

    int weightPort() {
        return 1 % spec.ddr().ports().size();
    }

    int outputPort() {
        return 2 % spec.ddr().ports().size();
    }

    public Optional<ClockDomain> dspClock() {
        return Optional.ofNullable(dspClock);
    }
}
