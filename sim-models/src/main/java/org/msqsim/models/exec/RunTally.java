package org.msqsim.models.exec;

import org.msqsim.core.hw.accel.AcceleratorRun;
import org.msqsim.core.hw.accel.CoreStats;
import org.msqsim.core.hw.memory.DdrStream;
import org.msqsim.models.layer.Layer;

/**
 * Sums the work of one layer, which runs piece after piece: its GEMMs' accelerator runs, or its
 * stream through DDR (all of whose time is memory time).
 */
final class RunTally {
    private long ps;
    private long macs;
    private long bytes;
    private long read;
    private long dsp;
    private long lut;
    private long wait;
    private long imbalance;
    private long portStall;
    private long outputStall;
    private long overflows;
    private AcceleratorRun first;
    private int runs;

    /** Time of the work added so far: where the next piece starts. */
    long ps() {
        return ps;
    }

    void add(AcceleratorRun r) {
        overflows += r.overflows();
        ps += r.latencyPs();
        macs += r.macs();
        bytes += r.ddrBytesRead() + r.ddrBytesWritten();
        read += r.ddrBytesRead();
        dsp += r.dsp().map(CoreStats::macs).orElse(0L);
        lut += r.lut().map(CoreStats::macs).orElse(0L);
        wait += r.stalls().memory();
        outputStall += r.stalls().outputStage();
        imbalance += r.stalls().imbalance();
        // the cores run side by side: the step waits for the longer-stalled one
        portStall += Math.max(r.dsp().map(CoreStats::stallPs).orElse(0L), r.lut().map(CoreStats::stallPs).orElse(0L));
        first = runs++ == 0 ? r : first;
    }

    void add(DdrStream s, long streamPs) {
        ps += streamPs;
        bytes += s.bytes();
        read += s.readBytes();
        wait += streamPs;
    }

    /**
     * A depthwise layer on the engine: its MACs, and its time, the longer of the engine's compute and
     * its DDR stream (the line buffer streams rows in while the lanes compute); what the stream
     * takes beyond the compute is memory time; {@code stallPs} of the compute the engine waited on the
     * input buffer's port. Every result goes through the output stage's lanes as the engine produces
     * it ({@code requantPs} for all of them): what they take beyond both is the output stage's time.
     */
    void add(DdrStream s, long streamPs, long computePs, long engineMacs, long stallPs, long requantPs) {
        long unheld = Math.max(streamPs, computePs);
        long layerPs = Math.max(unheld, requantPs);
        portStall += stallPs;
        ps += layerPs;
        macs += engineMacs;
        bytes += s.bytes();
        read += s.readBytes();
        wait += unheld - computePs;
        outputStall += layerPs - unheld;
    }

    /** Overflow events counted outside an accelerator run (the depthwise engine's). */
    void addOverflows(long n) {
        overflows += n;
    }

    /** The one accelerator run added (a one-group GEMM layer). */
    AcceleratorRun onlyRun() {
        if (runs != 1) {
            throw new IllegalStateException("a one-GEMM layer has one accelerator run, this tally has " + runs);
        }
        return first;
    }

    LayerResult result(Layer l, long mismatches) {
        return new LayerResult(l.name(), l.kind(), ps, macs, bytes, dsp, lut, wait, imbalance, mismatches, overflows,
                read, Math.min(portStall, ps), Math.min(outputStall, ps));
    }
}
