package org.msqsim.core.hw.compute;

import java.util.Arrays;
import java.util.Objects;
import org.msqsim.core.spec.Dataflow;
import org.msqsim.core.spec.PeArraySpec;

/**
 * A literal, cycle-stepped model of the output- and weight-stationary systolic arrays, for small
 * arrays and tiles: one loop iteration per clock, every operand moved PE to PE through registers
 * exactly as {@link ArrayTiming}'s class comment describes, and the cycle count taken from when the
 * last output leaves the array — never from the formula. It is the reference the fast
 * {@link PeArray} and {@link ArrayTiming} are tested against (STYLE 3), so it favours plainness over
 * speed and allocates freely.
 *
 * <p>Within a clock, PEs are visited right to left and bottom to top, so each reads its left and
 * upper neighbour's register before that neighbour latches the new value: the order of a clock edge.
 * Operands carry tags (κ, pixel; see {@link PeGrid}) and a PE that would combine mismatched operands
 * throws: a broken skew fails loudly instead of giving plausible numbers.
 *
 * <p>Folds run one after another, OS folds over (pixels, filter groups) and WS folds over
 * (reduction rows, filter groups), in {@code ArrayTiming}'s order; only the fold's used rows and
 * columns exist. Arithmetic goes through {@link PeArithmetic}, the same datapath objects as the
 * fast model's; a packed PE forms its p lane products per cycle as a one-step {@code PackedDspMac}
 * dot and resolves the chain where the fast model's chain ends.
 */
public final class LiteralSystolicArray {

    /** Cycles until the last output left the array, MACs done, overflow events (as {@link PeArray}). */
    public record Run(long cycles, long macs, long overflowEvents) {
    }

    private final PeArraySpec spec;
    private final PeArithmetic arith;
    private final int lanes;
    private final long[] resolved;

    public LiteralSystolicArray(PeArraySpec spec, PeDatapath datapath) {
        Objects.requireNonNull(spec, "spec");
        if (!ArrayTiming.isSystolic(spec.dataflow())) {
            throw new IllegalArgumentException(spec.name() + ": a " + spec.dataflow() + " array is not systolic");
        }
        this.spec = spec;
        this.arith = new PeArithmetic(spec, Objects.requireNonNull(datapath, "datapath"));
        this.lanes = spec.packing();
        this.resolved = new long[lanes];
    }

    /** Same operands and {@code acc} semantics as {@link PeArray#computeTile}; outputs land in {@code acc}. */
    public Run run(int[] w, int wOff, int wRowStride, int[] x, int xOff, int xRowStride,
                   int m, int k, int n, long[] acc, int accOff, int accRowStride) {
        if (m < 0 || k < 0 || n < 0) {
            throw new IllegalArgumentException("tile dimensions must be >= 0, got " + m + "x" + k + "x" + n);
        }
        if (m == 0 || k == 0 || n == 0) {
            return new Run(0, 0, 0);
        }
        LiteralTile t = new LiteralTile(arith, w, wOff, wRowStride, x, xOff, xRowStride, m, k, n,
                acc, accOff, accRowStride);
        int rows = spec.rows();
        int cols = spec.cols();
        long cycles = 0;
        if (spec.dataflow() == Dataflow.OUTPUT_STATIONARY) {
            for (int p0 = 0; p0 < n; p0 += rows) {
                for (int g0 = 0; g0 < t.groups; g0 += cols) {
                    cycles += outputStationaryFold(t, p0, Math.min(rows, n - p0), g0, Math.min(cols, t.groups - g0));
                }
            }
        } else {
            for (int k0 = 0; k0 < k; k0 += rows) {
                for (int g0 = 0; g0 < t.groups; g0 += cols) {
                    cycles += weightStationaryFold(t, k0, Math.min(rows, k - k0), g0, Math.min(cols, t.groups - g0));
                }
            }
        }
        t.finish(acc, accOff, accRowStride);
        return new Run(cycles, t.macs, t.overflowEvents);
    }

    /**
     * Rows = pixels p0.., columns = filter groups g0... x[κ][pixel p0+i] enters row i at cycle κ + i,
     * w[group g0+j][κ] enters column j at cycle κ + j; a column drains once its bottom PE has done
     * its k-th MAC: each cycle the bottom register leaves and the column's registers shift down.
     */
    private long outputStationaryFold(LiteralTile t, int p0, int r, int g0, int c) {
        PeGrid g = new PeGrid(r, c, lanes);
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                t.load(g0 + j, p0 + i, g.sum[i][j], g.exact[i][j]);
                g.sumPixel[i][j] = p0 + i;
            }
        }
        long[] drainFrom = new long[c];
        Arrays.fill(drainFrom, Long.MAX_VALUE);
        int[] emitted = new int[c];
        int drained = 0;
        long cycle = 0;
        for (; drained < c; cycle++) {
            for (int j = c - 1; j >= 0; j--) {
                for (int i = r - 1; i >= 0; i--) {
                    if (j == 0) {
                        long kk = cycle - i;
                        latchEdgeAct(g, i, kk < t.k ? kk : -1, kk >= 0 && kk < t.k ? t.activation((int) kk, p0 + i) : 0, p0 + i);
                    } else {
                        g.actFromLeft(i, j);
                    }
                    if (i == 0) {
                        long kk = cycle - j;
                        g.wK[0][j] = kk >= 0 && kk < t.k ? (int) kk : -1;
                        if (g.wK[0][j] >= 0) {
                            t.weights(g0 + j, (int) kk, g.w[0][j]);
                        }
                    } else {
                        g.weightFromAbove(i, j);
                    }
                    if (g.actK[i][j] >= 0 || g.wK[i][j] >= 0) {
                        outputStationaryMac(t, g, i, j, g0, cycle, cycle >= drainFrom[j]);
                        if (i == r - 1 && g.done[i][j] == t.k) {
                            drainFrom[j] = cycle + 1;
                            for (int ii = 0; ii < r; ii++) {
                                check(g.done[ii][j] == t.k, "column " + j + " drains before PE row " + ii + " finished");
                            }
                        }
                    }
                }
                if (cycle >= drainFrom[j] && emitted[j] < r) {
                    check(g.sumPixel[r - 1][j] >= 0, "column " + j + " drains an empty register at cycle " + cycle);
                    store(t, g0 + j, g.sumPixel[r - 1][j], g.sum[r - 1][j], g.exact[r - 1][j]);
                    for (int i = r - 1; i > 0; i--) {
                        g.sumFromAbove(i, j);
                    }
                    g.sumPixel[0][j] = -1;
                    if (++emitted[j] == r) {
                        drained++;
                    }
                }
            }
        }
        return cycle;
    }

    private void outputStationaryMac(LiteralTile t, PeGrid g, int i, int j, int g0, long cycle, boolean draining) {
        int kk = g.actK[i][j];
        check(!draining && kk == g.wK[i][j] && kk == g.done[i][j], "PE (" + i + "," + j + ") at cycle " + cycle
                + ": activation κ=" + kk + " meets weight κ=" + g.wK[i][j] + " after " + g.done[i][j] + " MACs");
        int done = ++g.done[i][j];
        t.macs += t.realLanes(g0 + j);
        if (arith.accumulation != PeArithmetic.Accumulation.PACKED_LANES) {
            arith.mac(g.w[i][j], g.act[i][j], g.sum[i][j], g.exact[i][j]);
            return;
        }
        arith.mac(g.w[i][j], g.act[i][j], g.chain[i][j], null);
        if (done % arith.chainLength == 0 || done == t.k) { // the fabric extracts the lanes: chain ends
            if (arith.endChain(g.chain[i][j], resolved, g.sum[i][j], g.exact[i][j])) {
                t.overflowEvents++;
            }
        }
    }

    /**
     * Rows = reduction indices k0.., columns = filter groups g0... For r cycles the weights shift in
     * from the top (the first pushed ends in the bottom row); then x[k0+i][pixel τ] enters row i at
     * cycle r + τ + i, the partial sum of (group g0+j, pixel τ) enters column j's top at cycle
     * r + τ + j and moves down one row per cycle; it leaves from the bottom PE's adder.
     */
    private long weightStationaryFold(LiteralTile t, int k0, int r, int g0, int c) {
        PeGrid g = new PeGrid(r, c, lanes);
        for (int cycle = 0; cycle < r; cycle++) {
            for (int j = 0; j < c; j++) {
                for (int i = r - 1; i > 0; i--) {
                    g.weightFromAbove(i, j);
                }
                g.wK[0][j] = k0 + r - 1 - cycle;
                t.weights(g0 + j, g.wK[0][j], g.w[0][j]);
            }
        }
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                check(g.wK[i][j] == k0 + i, "PE (" + i + "," + j + ") holds weight κ=" + g.wK[i][j]);
            }
        }
        int emitted = 0;
        long cycle = r;
        for (; emitted < c * t.n; cycle++) {
            for (int j = c - 1; j >= 0; j--) {
                for (int i = r - 1; i >= 0; i--) {
                    if (j == 0) {
                        long px = cycle - r - i;
                        boolean valid = px >= 0 && px < t.n;
                        latchEdgeAct(g, i, valid ? k0 + i : -1, valid ? t.activation(k0 + i, (int) px) : 0, (int) px);
                    } else {
                        g.actFromLeft(i, j);
                    }
                    if (i == 0) {
                        long px = cycle - r - j;
                        g.sumPixel[0][j] = px >= 0 && px < t.n ? (int) px : -1;
                        if (g.sumPixel[0][j] >= 0) {
                            startPartialSum(t, g0 + j, (int) px, g.sum[0][j], g.exact[0][j]);
                        }
                    } else {
                        g.sumFromAbove(i, j);
                    }
                    if (g.actK[i][j] >= 0 || g.sumPixel[i][j] >= 0) {
                        check(g.actK[i][j] == g.wK[i][j] && g.actPixel[i][j] == g.sumPixel[i][j], "PE (" + i + "," + j
                                + ") at cycle " + cycle + ": activation (κ=" + g.actK[i][j] + ", pixel "
                                + g.actPixel[i][j] + ") meets weight κ=" + g.wK[i][j] + ", partial sum of pixel "
                                + g.sumPixel[i][j]);
                        arith.mac(g.w[i][j], g.act[i][j], g.sum[i][j], g.exact[i][j]);
                        t.macs += t.realLanes(g0 + j);
                        if (i == r - 1) {
                            store(t, g0 + j, g.sumPixel[i][j], g.sum[i][j], g.exact[i][j]);
                            emitted++;
                        }
                    }
                }
            }
        }
        return cycle;
    }

    /** What enters a WS column's top: the output's running sum (P preload, fabric adder) or a zero chain. */
    private void startPartialSum(LiteralTile t, int group, int pixel, long[] sum, long[] exact) {
        if (arith.accumulation == PeArithmetic.Accumulation.PACKED_LANES) {
            Arrays.fill(sum, 0);
        } else {
            t.load(group, pixel, sum, exact);
        }
    }

    /** A result leaving the array's bottom edge into the output accumulators. */
    private void store(LiteralTile t, int group, int pixel, long[] sum, long[] exact) {
        switch (arith.accumulation) {
            case DSP_P -> t.storeP(group, pixel, sum[0]);
            case FABRIC -> t.storeFabric(group, pixel, sum, exact);
            case PACKED_LANES -> {
                if (spec.dataflow() == Dataflow.WEIGHT_STATIONARY) {
                    t.addChain(group, pixel, sum);
                } else {
                    t.storeFabric(group, pixel, sum, exact);
                }
            }
        }
    }

    private static void latchEdgeAct(PeGrid g, int i, long kk, int value, int pixel) {
        g.actK[i][0] = kk >= 0 ? (int) kk : -1;
        g.act[i][0] = value;
        g.actPixel[i][0] = kk >= 0 ? pixel : -1;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("systolic data movement broken: " + what);
        }
    }
}
