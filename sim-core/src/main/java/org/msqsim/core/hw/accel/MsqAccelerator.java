package org.msqsim.core.hw.accel;

import java.util.Optional;
import org.msqsim.core.engine.Simulator;
import org.msqsim.core.engine.StopReason;
import org.msqsim.core.fixed.DspKind;
import org.msqsim.core.hw.compute.PeArray;
import org.msqsim.core.hw.compute.PeDatapath;
import org.msqsim.core.hw.memory.DdrController;
import org.msqsim.core.hw.memory.OnChipBuffer;
import org.msqsim.core.mapping.DmaPorts;
import org.msqsim.core.mapping.GemmShape;
import org.msqsim.core.mapping.TileBytes;
import org.msqsim.core.mapping.TilePlan;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.time.ClockDomain;
import org.msqsim.core.time.Time;
import org.msqsim.core.trace.TraceSink;

/**
 * The MSQ accelerator (Chang et al., HPCA 2021, §V) built from its spec: the DSP and LUT cores, the
 * three buffers, the DDR controller with the DMA streams on its ports ({@link DmaPorts}), and the
 * controller clock.
 * One instance runs one GEMM; build a new one per run (models are stateful, specs are not).
 */
public final class MsqAccelerator {
    private final AcceleratorSpec spec;
    private final Simulator sim = new Simulator();
    private final DdrController ddr;
    private final OnChipBuffer input;
    private final OnChipBuffer weights;
    private final OnChipBuffer output;
    private final CoreModel dspCore;
    private final CoreModel lutCore;
    private final ClockDomain controlClock;
    private final TraceSink trace;
    private final DmaPorts ports;
    private final TileBytes bytes;
    private GemmJob job;
    private long[] dspAcc;
    private long[] lutAcc;

    public MsqAccelerator(AcceleratorSpec spec, DspKind dspKind, TraceSink trace) {
        this(spec, dspKind, false, trace);
    }

    /**
     * An accelerator whose activations are signed ({@code activationsSigned}: layers without a
     * ReLU before them, e.g. MobileNet-v2's linear bottlenecks) or unsigned (after a ReLU).
     */
    public MsqAccelerator(AcceleratorSpec spec, DspKind dspKind, boolean activationsSigned, TraceSink trace) {
        this.spec = spec;
        this.trace = trace;
        this.ddr = new DdrController(spec.ddr(), sim);
        this.input = new OnChipBuffer(spec.inputBuffer());
        this.weights = new OnChipBuffer(spec.weightBuffer());
        this.output = new OnChipBuffer(spec.outputBuffer());
        // Fixed-point weights are narrow-range (FixedPointQuantizer), which DSP48E1 4-lane packing needs.
        PeDatapath dp = PeDatapath.of(spec.weightBits(), spec.activationBits(), activationsSigned).withDsp(dspKind, true);
        this.dspCore = spec.dspCore().map(c -> new CoreModel(new PeArray(c, dp), trace)).orElse(null);
        this.lutCore = spec.lutCore().map(c -> new CoreModel(new PeArray(c, dp), trace)).orElse(null);
        this.controlClock = new ClockDomain("control", spec.controlClockHz());
        this.ports = DmaPorts.of(spec);
        this.bytes = TileBytes.of(spec);
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
        StallBreakdown stalls = new StallBreakdown(loop.waitData, loop.waitOutput, loop.inputWaitingPs(), loop.weightWaitingPs(),
                loop.dspWaitsLut, loop.lutWaitsDsp, loop.drainPs);
        return new AcceleratorRun(plan, loop.steps(), latency, ceilCycles(controlClock, latency),
                Optional.ofNullable(dspCore).map(CoreModel::stats), Optional.ofNullable(lutCore).map(CoreModel::stats),
                stalls,
                ddr.stats().bytesRead(), ddr.stats().bytesWritten(), ddr.bandwidthUtilisation(latency), input.peakOccupancy(),
                weights.peakOccupancy(), output.peakOccupancy(), overflows(), dspAcc, lutAcc);
    }

    private long overflows() {
        return (dspCore == null ? 0 : dspCore.overflowEvents()) + (lutCore == null ? 0 : lutCore.overflowEvents());
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
        boolean values = job.computesValues();
        long dspEnd = tmDsp == 0 ? now : dspCore.run(s, now, tmDsp, tk, tn, job.dspWeights(), mOffDsp * g.k() + kOff,
                job.activations(), kOff * g.n() + nOff, values ? dspAcc : null, mOffDsp * g.n() + nOff, g.k(), g.n());
        long lutEnd = tmLut == 0 ? now : lutCore.run(s, now, tmLut, tk, tn, job.lutCodes(), mOffLut * g.k() + kOff,
                job.activations(), kOff * g.n() + nOff, values ? lutAcc : null, mOffLut * g.n() + nOff, g.k(), g.n());
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

    DmaPorts ports() {
        return ports;
    }

    TileBytes bytes() {
        return bytes;
    }
}
