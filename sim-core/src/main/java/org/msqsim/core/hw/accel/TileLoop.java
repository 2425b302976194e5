package org.msqsim.core.hw.accel;

import org.msqsim.core.engine.Simulator;
import org.msqsim.core.event.EventHandler;
import org.msqsim.core.hw.memory.DdrController;
import org.msqsim.core.hw.memory.Direction;
import org.msqsim.core.mapping.GemmShape;
import org.msqsim.core.mapping.TileBytes;
import org.msqsim.core.mapping.TilePlan;

/**
 * The controller's tile loop nest for one GEMM, as a state machine driven by events: {@code for n-tile
 * { for m-tile { for k-tile { load X, load W, compute on both cores } store C } }}.
 *
 * <p>Three DMA streams run independently and in order: input tiles (X), weight tiles (W), and output
 * stores. A load needs a free half of its buffer and releases it when the last step that reads it
 * has computed; with double buffering the load of step s+1 overlaps the compute of step s. An input
 * tile with a single k-tile is read once per n-tile and kept for all its m-tiles; weights with a
 * single m- and k-tile are read once and stay resident. Compute runs steps in order when its X and W
 * are loaded and, at the first k-tile of an output tile, an output half is free; both cores start
 * together and the step ends when the slower finishes. The output half is released when its store
 * has been written to DDR.
 *
 * <p>Invariants (checked by tests through the counters): every step computes once, in order; a
 * buffer half is never claimed twice; occupancy never exceeds capacity (the buffers check it).
 */
final class TileLoop {
    private static final int PHASE_MEMORY = 0;
    private static final int PHASE_COMPUTE = 1;

    private final MsqAccelerator acc;
    private final Simulator sim;
    private final DdrController ddr;
    private final GemmShape g;
    private final TilePlan p;
    private final int nt;
    private final int mt;
    private final int kt;
    private final int steps;
    private final boolean xPerN;      // one k-tile: X read once per n-tile
    private final boolean wResident;  // one m- and k-tile: W read once

    private final LoadStream xs;      // input tiles
    private final LoadStream ws;      // weight tiles
    // output stream
    private final int[] outSlot;
    private final java.util.ArrayDeque<Integer> storeQueue = new java.util.ArrayDeque<>();
    private boolean storeBusy;
    private int storesDone;
    // compute
    private int nextStep;
    private boolean computeBusy;
    private long idleSince;
    private boolean idleForOutput;

    // stalls, ps
    long waitData;
    long waitOutput;
    long dspWaitsLut;
    long lutWaitsDsp;
    long finishPs = -1;
    private final TileBytes bytes;
    long drainPs;

    TileLoop(MsqAccelerator acc, Simulator sim, DdrController ddr, GemmShape g, TilePlan p) {
        this.acc = acc;
        this.sim = sim;
        this.ddr = ddr;
        this.g = g;
        this.p = p;
        this.bytes = acc.bytes();
        this.nt = p.nTiles(g);
        this.mt = p.mTiles(g);
        this.kt = p.kTiles(g);
        long s = (long) nt * mt * kt;
        if (s > 50_000_000L) {
            throw new IllegalArgumentException("tile plan has " + s + " steps; use larger tiles");
        }
        this.steps = (int) s;
        this.xPerN = kt == 1;
        this.wResident = mt == 1 && kt == 1;
        this.xs = new LoadStream("dma:input", xPerN ? nt : steps, sim, ddr, acc.input(), acc.ports().input(),
                acc.trace(), i -> bytes.input(tkAt(xFirstStep(i)), tnAt(xFirstStep(i))), this::tryCompute);
        this.ws = new LoadStream("dma:weights", wResident ? 1 : steps, sim, ddr, acc.weights(), acc.ports().weight(),
                acc.trace(), i -> bytes.weights(tmDspAt(i) + tmLutAt(i), tkAt(i)), this::tryCompute);
        this.outSlot = new int[nt * mt];
    }

    int steps() {
        return steps;
    }

    void start() {
        idleSince = sim.now();
        xs.pump();
        ws.pump();
    }

    long inputWaitingPs() {
        return xs.waitingPs();
    }

    long weightWaitingPs() {
        return ws.waitingPs();
    }

    // ---- step geometry ------------------------------------------------------------------------

    private int nIdx(int s) {
        return s / (kt * mt);
    }

    private int mIdx(int s) {
        return (s / kt) % mt;
    }

    private int kIdx(int s) {
        return s % kt;
    }

    private int xLoadOf(int s) {
        return xPerN ? nIdx(s) : s;
    }

    private int wLoadOf(int s) {
        return wResident ? 0 : s;
    }

    private int tnAt(int s) {
        return Math.min(p.tn(), g.n() - nIdx(s) * p.tn());
    }

    private int tkAt(int s) {
        return Math.min(p.tk(), g.k() - kIdx(s) * p.tk());
    }

    int tmDspAt(int s) {
        return Math.max(0, Math.min(p.tmDsp(), g.mDsp() - mIdx(s) * p.tmDsp()));
    }

    int tmLutAt(int s) {
        return Math.max(0, Math.min(p.tmLut(), g.mLut() - mIdx(s) * p.tmLut()));
    }

    /** The first step that reads X load {@code i}. */
    private int xFirstStep(int i) {
        return xPerN ? i * mt * kt : i;
    }

    // ---- compute ------------------------------------------------------------------------------

    private void tryCompute() {
        if (computeBusy || nextStep >= steps) {
            return;
        }
        int s = nextStep;
        if (!xs.ready(xLoadOf(s)) || !ws.ready(wLoadOf(s))) {
            idleForOutput = false;
            return;
        }
        int o = nIdx(s) * mt + mIdx(s);
        if (kIdx(s) == 0) {
            if (!acc.output().hasFreeSlot()) {
                idleForOutput = true;
                return;
            }
            outSlot[o] = acc.output().claimSlot(bytes.partialSums(tmDspAt(s) + tmLutAt(s), tnAt(s)));
        }
        long now = sim.now();
        if (idleForOutput) {
            waitOutput += now - idleSince;
        } else {
            waitData += now - idleSince;
        }
        idleForOutput = false;
        nextStep++;
        computeBusy = true;
        long[] ends = acc.computeStep(s, nIdx(s) * p.tn(), tnAt(s), kIdx(s) * p.tk(), tkAt(s),
                mIdx(s) * p.tmDsp(), tmDspAt(s), mIdx(s) * p.tmLut(), tmLutAt(s), now);
        long endDsp = ends[0];
        long endLut = ends[1];
        long end = Math.max(Math.max(endDsp, endLut), now);
        if (acc.hasDsp()) {
            dspWaitsLut += end - Math.max(endDsp, now);
        }
        if (acc.hasLut()) {
            lutWaitsDsp += end - Math.max(endLut, now);
        }
        sim.schedule(end, PHASE_COMPUTE, EventHandler.named("compute", s, t -> computeDone(s)));
    }

    private void computeDone(int s) {
        computeBusy = false;
        idleSince = sim.now();
        if (!xPerN || mIdx(s) == mt - 1) { // the last step that reads this input tile
            xs.release(xLoadOf(s));
        }
        if (!wResident) {
            ws.release(s);
        }
        if (kIdx(s) == kt - 1) {
            storeQueue.add(nIdx(s) * mt + mIdx(s));
            pumpStore();
        }
        tryCompute();
        if (nextStep >= steps && !computeBusy && wResident && s == steps - 1) {
            ws.release(0);
        }
    }

    // ---- stores -------------------------------------------------------------------------------

    private void pumpStore() {
        if (storeBusy || storeQueue.isEmpty()) {
            return;
        }
        int o = storeQueue.poll();
        int s = (o / mt) * mt * kt + (o % mt) * kt; // first step of this output tile
        long storeBytes = bytes.store(tmDspAt(s) + tmLutAt(s), tnAt(s));
        storeBusy = true;
        long start = sim.now();
        ddr.transfer(acc.ports().output(), Direction.WRITE, storeBytes, EventHandler.named("store", o, t -> {
            acc.trace().span("dma:output", "C tile " + o, start, t);
            storeBusy = false;
            acc.output().releaseSlot(outSlot[o]);
            storesDone++;
            if (storesDone == nt * mt) {
                finishPs = t;
                drainPs = t - idleSince; // the last step ended at idleSince; nothing computes since
            }
            pumpStore();
            tryCompute();
        }));
    }

    boolean finished() {
        return finishPs >= 0;
    }
}
