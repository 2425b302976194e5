package org.msqsim.core.hw.accel;

import java.util.ArrayDeque;
import org.msqsim.core.engine.Simulator;
import org.msqsim.core.engine.StopReason;
import org.msqsim.core.event.EventHandler;
import org.msqsim.core.hw.memory.DdrController;
import org.msqsim.core.hw.memory.Direction;
import java.util.function.IntToLongFunction;
import org.msqsim.core.mapping.DmaPorts;
import org.msqsim.core.mapping.GemmShape;
import org.msqsim.core.mapping.InputFetch;
import org.msqsim.core.mapping.OutputStage;
import org.msqsim.core.mapping.OutputStageRate;
import org.msqsim.core.mapping.TileBytes;
import org.msqsim.core.mapping.TileGrid;
import org.msqsim.core.mapping.TilePlan;
import org.msqsim.core.mapping.TilePlanner;
import org.msqsim.core.time.Time;

/**
 * The controller's tile loop nest for one GEMM, as a state machine driven by events: {@code for n-tile
 * { for m-tile { for k-tile { load X, load W, compute on both cores } store C } }}.
 *
 * <p>Three DMA streams run independently and in order: input tiles (X), weight tiles (W), and output
 * stores (with a fused add, each store reads the skip tile beside its write; with a fused pool it
 * writes the pooled outputs the tile completed: {@link OutputStage}). Every stream splits its
 * transfers over the AXI ports ({@link StripedDma}). A load needs a free half of its buffer and releases it when the last step that reads it
 * has computed; with double buffering the load of step s+1 overlaps the compute of step s. An input
 * tile with a single k-tile is read once per n-tile and kept for all its m-tiles; weights with a
 * single m- and k-tile are read once and stay resident. Compute runs steps in order when its X and W
 * are loaded and, at the first k-tile of an output tile, an output half is free; both cores start
 * together and the step ends when the slower finishes. The output half is released when its store
 * has been written to DDR and its results requantized: a tile's {@code rows · tn} results go through
 * the output stage's lanes ({@link OutputStageRate}: one result a lane and control clock) while its
 * store streams out, so a store ends when both its DMA and its requantization are done; like the
 * store, this overlaps the next tiles' compute until the output buffer has no free half.
 *
 * <p>Invariants (checked by tests through the counters): every step computes once, in order; a
 * buffer half is never claimed twice; occupancy never exceeds capacity (the buffers check it).
 * One loop runs once: {@link #run} drives the simulator until the last store and returns what it
 * measured.
 */
final class TileLoop {
    /** The phase of compute events: after the DDR controller's ({@code DdrController.PHASE}, 0) at the same ps. */
    private static final int PHASE_COMPUTE = 1;

    private final AcceleratorParts hw;
    private final CorePair cores;
    private final Simulator sim;
    private final TileBytes bytes;
    private final TileGrid grid;
    private final int steps;
    private final boolean xPerN;      // one k-tile: X read once per n-tile
    private final boolean wResident;  // one m- and k-tile: W read once

    private final LoadStream xs;      // input tiles
    private final LoadStream ws;      // weight tiles
    // output stream
    private final int[] outSlot;
    private final ArrayDeque<Integer> storeQueue = new ArrayDeque<>();
    private boolean storeBusy;
    private int storeParts;
    private final OutputStage stage;
    private final StripedDma storeDma;
    private final StripedDma skipDma;
    private final OutputStageRate requant;
    private long dmaDonePs;           // when the current store's DMA parts (if any) were last done
    private int storesDone;
    // compute
    private int nextStep;
    private boolean computeBusy;
    private long idleSince;
    private boolean idleForOutput;

    // stalls, ps
    private long waitData;
    private long waitOutput;
    private long finishPs = -1;
    private long drainPs;
    private long outputStagePs;

    TileLoop(AcceleratorParts hw, CorePair cores, GemmShape g, TilePlan p, OutputStageRate requant) {
        this.requant = requant;
        this.hw = hw;
        this.cores = cores;
        this.sim = hw.sim();
        this.bytes = hw.bytes();
        this.grid = new TileGrid(g, p);
        long s = grid.steps();
        if (s > TilePlanner.MAX_STEPS) {
            throw new IllegalArgumentException("tile plan has " + s + " steps, more than TilePlanner.MAX_STEPS");
        }
        this.steps = (int) s;
        this.xPerN = grid.inputOncePerN();
        this.wResident = grid.weightsResident();
        InputFetch x = new InputFetch(bytes, grid);
        this.xs = new LoadStream(hw, LoadStream.Operand.INPUT, xPerN ? grid.nTiles() : steps, x::claimBytes,
                x::fetchBytes, this::tryCompute);
        IntToLongFunction w = i -> bytes.weights(grid.rows(i), grid.tk(i));
        this.ws = new LoadStream(hw, LoadStream.Operand.WEIGHTS, wResident ? 1 : steps, w, w, this::tryCompute);
        this.outSlot = new int[grid.outputTiles()];
        this.stage = g.stage();
        this.storeDma = new StripedDma(hw.ddr(), hw.ports(), DmaPorts.Stream.OUTPUT, Direction.WRITE);
        this.skipDma = new StripedDma(hw.ddr(), hw.ports(), DmaPorts.Stream.SKIP, Direction.READ);
    }

    /** Runs the loop nest to its last store and returns what it measured. */
    LoopResult run() {
        idleSince = sim.now();
        xs.pump();
        ws.pump();
        StopReason why = sim.run();
        if (finishPs < 0) {
            throw new IllegalStateException("tile loop stopped (" + why + ") at " + Time.format(sim.now())
                    + " before its last store; this is a controller bug");
        }
        StallBreakdown stalls = new StallBreakdown(waitData, waitOutput, xs.waitingPs(), ws.waitingPs(),
                cores.dspWaitsLut(), cores.lutWaitsDsp(), drainPs, outputStagePs);
        return new LoopResult(steps, finishPs, stalls);
    }

    // ---- loads of a step ----------------------------------------------------------------------

    private int xLoadOf(int s) {
        return xPerN ? grid.nIndex(s) : s;
    }

    private int wLoadOf(int s) {
        return wResident ? 0 : s;
    }

    /** The first step that reads X load {@code i}. */
    private int xFirstStep(int i) {
        return xPerN ? i * grid.mTiles() * grid.kTiles() : i;
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
        int o = grid.outputTile(s);
        if (grid.kIndex(s) == 0) {
            if (!hw.output().hasFreeSlot()) {
                idleForOutput = true;
                return;
            }
            outSlot[o] = hw.output().claimSlot(bytes.partialSums(grid.rows(s), grid.tn(s)));
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
        // The step's one allocation besides its compute event (the cores' ends come back as one long).
        TileStep step = new TileStep(s, grid.nOffset(s), grid.tn(s), grid.kOffset(s), grid.tk(s),
                grid.mOffsetDsp(s), grid.tmDsp(s), grid.mOffsetLut(s), grid.tmLut(s));
        long end = cores.start(step, now);
        if (hw.trace().enabled()) {
            hw.trace().counter("buffer:input", now, hw.input().occupancy());
            hw.trace().counter("buffer:weights", now, hw.weights().occupancy());
            hw.trace().counter("buffer:output", now, hw.output().occupancy());
        }
        sim.schedule(end, PHASE_COMPUTE, EventHandler.named("compute", s, t -> computeDone(s)));
    }

    private void computeDone(int s) {
        computeBusy = false;
        idleSince = sim.now();
        if (!xPerN || grid.mIndex(s) == grid.mTiles() - 1) { // the last step that reads this input tile
            xs.release(xLoadOf(s));
        }
        if (!wResident) {
            ws.release(s);
        }
        if (grid.kIndex(s) == grid.kTiles() - 1) {
            storeQueue.add(grid.outputTile(s));
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
        int s = grid.firstStepOf(o);
        int rows = grid.rows(s);
        int tn = grid.tn(s);
        long storeBytes = TileBytes.packed(stage.storeElements(rows, grid.nOffset(s), tn), bytes.activationBits());
        long skipBytes = TileBytes.packed(stage.skipElements(rows, tn), bytes.activationBits());
        storeBusy = true;
        long start = sim.now();
        dmaDonePs = start;
        EventHandler requantized = EventHandler.named("requantized", o, t -> storeEnds(o, start, t));
        EventHandler moved = EventHandler.named("store", o, t -> {
            dmaDonePs = t;
            storeEnds(o, start, t);
        });
        // Every result of the tile goes through the output stage's lanes while the sums stream out; a
        // fused add reads the skip tile beside the write (a burst-deep FIFO between them): the store is
        // done when its results are requantized and both transfers have moved. A fused pool may complete
        // no pooled output in a tile: nothing moves, the requantization alone holds the tile.
        long requantPs = requant.ps((long) rows * tn);
        storeParts = 1 + (storeBytes > 0 ? 1 : 0) + (skipBytes > 0 ? 1 : 0);
        sim.schedule(start + requantPs, Math.max(DdrController.PHASE, sim.phase()), requantized);
        if (skipBytes > 0) {
            skipDma.transfer(skipBytes, moved);
        }
        if (storeBytes > 0) {
            storeDma.transfer(storeBytes, moved);
        }
    }

    /**
     * One part of store {@code o} (its requantization, its write or its skip read) is done at {@code t};
     * the last one releases the output half. When the requantization finished last, the time from the
     * DMA's end to it that compute was idle for want of this half (or, for the last store, after the
     * last step) is the output stage's: {@code outputStagePs}.
     */
    private void storeEnds(int o, long start, long t) {
        if (--storeParts > 0) {
            return;
        }
        if (hw.trace().enabled()) {
            hw.trace().span("dma:output", "C tile " + o, start, t);
        }
        boolean last = storesDone + 1 == grid.outputTiles();
        boolean computeHeld = !computeBusy && (idleForOutput || last && nextStep >= steps);
        if (computeHeld && t > dmaDonePs) {
            outputStagePs += t - Math.max(dmaDonePs, idleSince);
        }
        storeBusy = false;
        hw.output().releaseSlot(outSlot[o]);
        storesDone++;
        if (storesDone == grid.outputTiles()) {
            finishPs = t;
            drainPs = t - idleSince; // the last step ended at idleSince; nothing computes since
        }
        pumpStore();
        tryCompute();
    }
}
