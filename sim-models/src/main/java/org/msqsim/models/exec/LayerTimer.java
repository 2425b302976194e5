package org.msqsim.models.exec;

import java.util.List;
import org.msqsim.core.hw.compute.BufferPorts;
import org.msqsim.core.hw.compute.DepthwiseEngine;
import org.msqsim.core.mapping.OutputStageRate;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.DdrSpec;
import org.msqsim.core.spec.DepthwiseEngineSpec;
import org.msqsim.core.time.ClockDomain;
import org.msqsim.core.trace.OffsetTrace;
import org.msqsim.core.trace.TraceSink;
import org.msqsim.models.lower.DepthwiseWork;
import org.msqsim.models.lower.GemmWork;
import org.msqsim.models.lower.StreamWork;
import org.msqsim.models.lower.Work;

/**
 * Times a layer's work without computing values: GEMMs on a timing-only accelerator (from the
 * {@link GemmTimingCache} unless tracing, one after another on the trace), streams by the DDR
 * model's stream rule. One timer serves one network run.
 */
final class LayerTimer {
    private final GemmExecutor exec;
    private final AcceleratorSpec spec;
    private final DdrSpec ddr;
    private final GemmTimingCache cache;
    private final ClockDomain control;
    /** Clocks per tap of the depthwise engine's input read (1 without an engine or with a wide enough port). */
    private final int engineFeed;
    /** The output stage's lanes, which requantize every result the engine produces. */
    private final OutputStageRate outputStage;

    LayerTimer(GemmExecutor exec, AcceleratorSpec spec) {
        this.exec = exec;
        this.spec = spec;
        this.ddr = spec.ddr();
        this.cache = new GemmTimingCache(exec);
        this.control = new ClockDomain("control", spec.controlClockHz());
        this.engineFeed = BufferPorts.engineStall(spec);
        this.outputStage = OutputStageRate.of(spec);
    }

    RunTally time(List<Work> works, TraceSink trace) {
        RunTally t = new RunTally();
        for (Work w : works) {
            // Work is sealed (GemmWork or StreamWork); Java 17 has no pattern switch to say so.
            if (w instanceof GemmWork g) {
                t.add(trace.enabled() ? exec.timing(g.layer().describe(), g.m(), g.lutRows(), g.k(), g.n(), g.window(),
                        g.stage(), false, OffsetTrace.of(trace, t.ps())).run() : cache.run(g));
            } else if (w instanceof DepthwiseWork d) {
                depthwise(d, t);
            } else {
                stream((StreamWork) w, t);
            }
        }
        return t;
    }

    /**
     * Adds a depthwise layer on the engine: its cycles at the control clock, each tap clock stretched to
     * the input buffer's port ({@link BufferPorts#engineStall}), against its DDR stream and the output
     * stage's requantization of its {@code C·Ho·Wo} results ({@link OutputStageRate}).
     */
    void depthwise(DepthwiseWork d, RunTally t) {
        DepthwiseEngineSpec e = spec.depthwiseEngine().orElseThrow();
        long cycles = DepthwiseEngine.cycles(e, d.shape(), d.sp2Channels(), engineFeed);
        long unstalled = DepthwiseEngine.cycles(e, d.shape(), d.sp2Channels(), 1);
        long computePs = control.edgeTime(cycles);
        long results = (long) d.shape().c() * d.shape().outH() * d.shape().outW();
        t.add(d.traffic(), d.traffic().latencyPs(ddr), computePs, d.shape().macs(),
                computePs - control.edgeTime(unstalled), outputStage.ps(results));
    }

    /** Adds a stream's traffic and time to {@code t}. */
    void stream(StreamWork s, RunTally t) {
        t.add(s.traffic(), s.traffic().latencyPs(ddr));
    }
}
