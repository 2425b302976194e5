package org.msqsim.core.mapping;

import java.util.Optional;
import org.msqsim.core.hw.compute.BufferPorts;
import org.msqsim.core.hw.compute.FeedStall;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.PeArraySpec;

/**
 * The planner's analytic latency model, in ps, used only to rank candidate plans; the event
 * simulation gives the real latency.
 *
 * <p>Each step costs the slower of its compute and its memory traffic: the loads the step needs
 * (the input tile each step, or once per n-tile when k is not split, amortised over its m-tiles;
 * the weight tile each step unless resident) and its share of the output stores, plus one DDR
 * access latency, because each stream issues its next transfer only when the previous one has
 * arrived. Every stream splits its transfers over all the AXI ports ({@link DmaPorts}), so the
 * traffic takes the longest of: all bytes at the sustained DDR rate, the reads at the sum of the
 * ports' read ceilings, the writes at the sum of their write ceilings (a ZedBoard HP port moves
 * 800 MB/s of the DDR's 3.15 GB/s; four of them move it all). A fused add's skip tile is one more
 * read per store, a fused pool's store is the pooled share of the tile ({@link OutputStage}). Plus
 * the first loads and the last store, which nothing overlaps. Each output tile's {@code rows · tn}
 * results go through the output stage's lanes ({@link OutputStageRate}) beside its store, as the run
 * does: a step takes at least its share of that requantization, the last store at least all of it.
 */
final class PlanEstimate {
    private final AcceleratorSpec spec;
    private final TileBytes bytes;
    private final long latencyPs;
    /** Sustained DDR bytes per ps. */
    private final double ddrRate;
    /** Bytes per ps all ports read (or write) together, at most the sustained DDR rate. */
    private final double portsRate;
    /** Each core's feed stall (BufferPorts), the same the run charges; NONE for an absent core. */
    private final FeedStall dspFeed;
    private final FeedStall lutFeed;
    /** The output stage's lanes, the same rule the run's stores obey. */
    private final OutputStageRate requant;

    PlanEstimate(AcceleratorSpec spec, TileBytes bytes) {
        this.spec = spec;
        this.bytes = bytes;
        this.latencyPs = spec.ddr().latencyPs();
        this.ddrRate = spec.ddr().sustainedBytesPerSecond() / 1e12;
        this.portsRate = DmaPorts.bytesPerSecond(spec.ddr()) / 1e12; // every stream on every port
        this.dspFeed = spec.dspCore().map(c -> BufferPorts.stall(spec, c)).orElse(FeedStall.NONE);
        this.lutFeed = spec.lutCore().map(c -> BufferPorts.stall(spec, c)).orElse(FeedStall.NONE);
        this.requant = OutputStageRate.of(spec);
    }

    /**
     * The estimated latency of a plan's loop nest, in ps. Every step is charged as a full tile (the
     * short last tiles of {@link TileGrid#tn(int)} and the like are not modelled here).
     */
    long latencyPs(TileGrid grid) {
        return latencyPs(grid, new InputFetch(bytes, grid), grid.shape().stage().storeRatio(grid.shape().n()));
    }

    /**
     * {@link #latencyPs(TileGrid)} with the input fetch of a plan of the same {@code tn} and {@code tk}
     * (its loads do not depend on the m-tiling, {@link InputFetch#sameLoads}) and the output stage's
     * {@link OutputStage#storeRatio}, both computed once per GEMM or per (tn, tk) by the planner
     * rather than once per candidate; the same arithmetic, so the same result.
     */
    long latencyPs(TileGrid grid, InputFetch x, double storeRatio) {
        if (!x.sameLoads(grid)) {
            throw new IllegalArgumentException("input fetch of " + x + " used for " + grid);
        }
        TilePlan p = grid.plan();
        int mt = grid.mTiles();
        int kt = grid.kTiles();
        long compute = stepComputePs(p.tmDsp(), p.tmLut(), p.tk(), p.tn());
        boolean xOncePerN = grid.inputOncePerN();
        boolean wResident = grid.weightsResident();
        int rows = p.tmDsp() + p.tmLut();
        double inputBytes = x.meanFetchBytes(); // per (n-tile, k-tile): rows with halo or im2col
        long weightBytes = bytes.weights(rows, p.tk());
        OutputStage stage = grid.shape().stage();
        double storeBytes = bytes.store(rows, p.tn()) * storeRatio;
        double skipBytes = TileBytes.packed(stage.skipElements(rows, p.tn()), spec.activationBits());
        double requantPs = requant.ps((long) rows * p.tn());
        double perStep = Math.max(Math.max(compute, requantPs / kt), latencyPs + trafficPs(
                (xOncePerN ? inputBytes / mt : inputBytes) + (wResident ? 0 : weightBytes) + skipBytes / kt,
                storeBytes / kt));
        double first = latencyPs + trafficPs(x.firstFetchBytes() + weightBytes, 0);
        double last = Math.max(requantPs, latencyPs + trafficPs(skipBytes, storeBytes));
        long steps = grid.steps();
        return (long) Math.ceil(steps * perStep + first + last);
    }

    /** Picoseconds to move these bytes of reads and writes, all at once, over every port. */
    private double trafficPs(double reads, double writes) {
        return Math.max((reads + writes) / ddrRate, Math.max(reads, writes) / portsRate);
    }

    /** Picoseconds for both cores to finish one step's tiles (the slower sets the pace). */
    long stepComputePs(int tmDsp, int tmLut, int tk, int tn) {
        return Math.max(corePs(spec.dspCore(), dspFeed, tmDsp, tk, tn), corePs(spec.lutCore(), lutFeed, tmLut, tk, tn));
    }

    private static long corePs(Optional<PeArraySpec> core, FeedStall feed, int m, int k, int n) {
        if (core.isEmpty() || m == 0) {
            return 0;
        }
        PeArraySpec c = core.get();
        // the stalls of a buffer port narrower than the core reads (BufferPorts), as the run charges them
        long cycles = feed.tileCycles(c, m, k, n);
        return (long) Math.ceil(cycles * 1e12 / c.clockHz());
    }
}
