package org.msqsim.core.hw.accel;

import java.util.Optional;
import org.msqsim.core.engine.Simulator;
import org.msqsim.core.fixed.DspKind;
import org.msqsim.core.hw.compute.BufferPorts;
import org.msqsim.core.hw.compute.PeArray;
import org.msqsim.core.hw.compute.PeDatapath;
import org.msqsim.core.hw.memory.DdrController;
import org.msqsim.core.hw.memory.OnChipBuffer;
import org.msqsim.core.mapping.OutputStageRate;
import org.msqsim.core.mapping.DmaPorts;
import org.msqsim.core.mapping.GemmShape;
import org.msqsim.core.mapping.TileBytes;
import org.msqsim.core.mapping.TilePlan;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.time.ClockDomain;
import org.msqsim.core.trace.TraceSink;

/**
 * The MSQ accelerator (Chang et al., HPCA 2021, §V) built from its spec: the DSP and LUT cores, the
 * three buffers, the DDR controller with the DMA streams on its ports ({@link DmaPorts}), and the
 * controller clock. One instance runs one GEMM; build a new one per run (models are stateful, specs
 * are not).
 */
public final class MsqAccelerator {
    private final AcceleratorParts parts;
    private final CoreModel dspCore;
    private final CoreModel lutCore;
    private final ClockDomain controlClock;
    /** The requantizer lanes every stored result goes through (issue 13 point 10). */
    private final OutputStageRate outputStage;

    public MsqAccelerator(AcceleratorSpec spec, DspKind dspKind, TraceSink trace) {
        this(spec, dspKind, false, trace);
    }

    /**
     * An accelerator whose activations are signed ({@code activationsSigned}: layers without a
     * ReLU before them, e.g. MobileNet-v2's linear bottlenecks) or unsigned (after a ReLU).
     */
    public MsqAccelerator(AcceleratorSpec spec, DspKind dspKind, boolean activationsSigned, TraceSink trace) {
        Simulator sim = new Simulator();
        this.parts = new AcceleratorParts(sim, new DdrController(spec.ddr(), sim), DmaPorts.of(spec),
                new OnChipBuffer(spec.inputBuffer()), new OnChipBuffer(spec.weightBuffer()),
                new OnChipBuffer(spec.outputBuffer()), TileBytes.of(spec), trace);
        // Fixed-point weights are narrow-range (FixedPointQuantizer), which DSP48E1 4-lane packing needs.
        PeDatapath dp = PeDatapath.of(spec.weightBits(), spec.activationBits(), activationsSigned).withDsp(dspKind, true);
        // each core stalls when its buffers' ports cannot feed it (BufferPorts, issue 13 point 10)
        this.dspCore = spec.dspCore().map(c -> new CoreModel(new PeArray(c, dp, BufferPorts.stall(spec, c)), trace))
                .orElse(null);
        this.lutCore = spec.lutCore().map(c -> new CoreModel(new PeArray(c, dp, BufferPorts.stall(spec, c)), trace))
                .orElse(null);
        this.controlClock = new ClockDomain("control", spec.controlClockHz());
        this.outputStage = OutputStageRate.of(spec);
    }

    /** Runs one GEMM with a tile plan to completion and reports what happened. */
    public AcceleratorRun run(GemmJob job, TilePlan plan) {
        GemmShape g = job.shape();
        long[] dspAcc = null;
        long[] lutAcc = null;
        if (job.computesValues()) {
            dspAcc = new long[g.mDsp() * g.n()];
            lutAcc = new long[g.mLut() * g.n()];
        }
        LoopResult loop = new TileLoop(parts, new CorePair(dspCore, lutCore, job, dspAcc, lutAcc), g, plan, outputStage).run();
        long latency = loop.latencyPs();
        DdrController ddr = parts.ddr();
        return new AcceleratorRun(plan, loop.steps(), latency, controlClock.firstCycleAtOrAfter(latency),
                Optional.ofNullable(dspCore).map(CoreModel::stats), Optional.ofNullable(lutCore).map(CoreModel::stats),
                loop.stalls(), ddr.stats().bytesRead(), ddr.stats().bytesWritten(), ddr.bandwidthUtilisation(latency),
                parts.input().peakOccupancy(), parts.weights().peakOccupancy(), parts.output().peakOccupancy(),
                overflows(), dspAcc, lutAcc);
    }

    private long overflows() {
        return (dspCore == null ? 0 : dspCore.overflowEvents()) + (lutCore == null ? 0 : lutCore.overflowEvents());
    }
}
