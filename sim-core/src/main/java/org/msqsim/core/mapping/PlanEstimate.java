package org.msqsim.core.mapping;

import java.util.Arrays;
import java.util.Optional;
import org.msqsim.core.hw.compute.ArrayTiming;
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
 * arrived. The traffic takes the longer of all bytes at the sustained DDR rate and each AXI
 * port-direction's bytes at that port's rate (a ZedBoard HP port moves 800 MB/s of the DDR's
 * 3.2 GB/s, so a weight stream alone cannot use the whole DDR). Plus the first loads and the last
 * store, which nothing overlaps.
 *
 * <p>Not thread-safe: one scratch array serves every call; a planner serves one thread.
 */
final class PlanEstimate {
    private final AcceleratorSpec spec;
    private final TileBytes bytes;
    private final DmaPorts ports;
    private final long latencyPs;
    /** Sustained DDR bytes per ps. */
    private final double ddrRate;
    /** Bytes per ps of each port-direction group, {@code port · 2 + (0 read, 1 write)}. */
    private final double[] portRate;
    /** Bytes per port-direction group of one {@link #trafficPs} call. */
    private final double[] scratch;

    PlanEstimate(AcceleratorSpec spec, TileBytes bytes) {
        this.spec = spec;
        this.bytes = bytes;
        this.ports = DmaPorts.of(spec);
        this.latencyPs = spec.ddr().latencyPs();
        this.ddrRate = spec.ddr().sustainedBytesPerSecond() / 1e12;
        this.portRate = new double[2 * spec.ddr().ports().size()];
        this.scratch = new double[portRate.length];
        for (int i = 0; i < portRate.length; i++) {
            portRate[i] = Math.min(spec.ddr().ports().get(i / 2).peakBytesPerSecond(),
                    spec.ddr().sustainedBytesPerSecond()) / 1e12;
        }
    }

    /**
     * The estimated latency of a plan's loop nest, in ps. Every step is charged as a full tile (the
     * short last tiles of {@link TileGrid#tn(int)} and the like are not modelled here).
     */
    long latencyPs(TileGrid grid) {
        TilePlan p = grid.plan();
        int mt = grid.mTiles();
        int kt = grid.kTiles();
        long compute = stepComputePs(p.tmDsp(), p.tmLut(), p.tk(), p.tn());
        boolean xOncePerN = grid.inputOncePerN();
        boolean wResident = grid.weightsResident();
        int rows = p.tmDsp() + p.tmLut();
        InputFetch x = new InputFetch(bytes, grid);
        double inputBytes = x.meanFetchBytes(); // per (n-tile, k-tile): rows with halo or im2col
        long weightBytes = bytes.weights(rows, p.tk());
        long storeBytes = bytes.store(rows, p.tn());
        double perStep = Math.max(compute, latencyPs + trafficPs(
                xOncePerN ? inputBytes / mt : inputBytes, wResident ? 0 : weightBytes,
                storeBytes / (double) kt));
        double first = latencyPs + trafficPs(x.fetchBytes(0), weightBytes, 0);
        double last = latencyPs + trafficPs(0, 0, storeBytes);
        long steps = grid.steps();
        return (long) Math.ceil(steps * perStep + first + last);
    }

    /** Picoseconds to move these bytes of input and weight reads and output writes, all at once. */
    private double trafficPs(double input, double weight, double output) {
        double[] group = scratch;
        Arrays.fill(group, 0);
        group[2 * ports.input()] += input;
        group[2 * ports.weight()] += weight;
        group[2 * ports.output() + 1] += output;
        double ps = (input + weight + output) / ddrRate;
        for (int i = 0; i < group.length; i++) {
            ps = Math.max(ps, group[i] / portRate[i]);
        }
        return ps;
    }

    /** Picoseconds for both cores to finish one step's tiles (the slower sets the pace). */
    long stepComputePs(int tmDsp, int tmLut, int tk, int tn) {
        return Math.max(corePs(spec.dspCore(), tmDsp, tk, tn), corePs(spec.lutCore(), tmLut, tk, tn));
    }

    private static long corePs(Optional<PeArraySpec> core, int m, int k, int n) {
        if (core.isEmpty() || m == 0) {
            return 0;
        }
        PeArraySpec c = core.get();
        long cycles = ArrayTiming.tileCycles(c, m, k, n);
        return (long) Math.ceil(cycles * 1e12 / c.clockHz());
    }
}
