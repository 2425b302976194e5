package org.msqsim.core.hw.compute;

import static org.msqsim.core.hw.compute.PeGrid.check;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.Objects;
import org.msqsim.core.spec.Dataflow;
import org.msqsim.core.spec.PeArraySpec;

/**
 * A literal, clock-stepped model of the dot-product array (FINN MVAU style: C PEs, each R SIMD lanes
 * into a pipelined adder tree and one accumulator per filter lane), for small arrays and tiles. It is
 * the reference {@link ArrayTiming}'s dot-product closed form and the fast {@link PeArray} are tested
 * against: the cycle count is taken from when the last result left an accumulator, never from the
 * formula.
 *
 * <p><b>Schedule</b> (the controller): group folds of up to C filter groups one after another; in each,
 * pixel rounds, and in each round the ⌈k/R⌉ synapse folds, one issue per clock. A fold of c groups runs
 * on {@code s = spec.setsFor(c)} column sets ({@link PeArraySpec#setsFor}): the C columns are cut into
 * N slices of ⌊C/N⌋ and set q spans slices {@code q·N/s … (q+1)·N/s − 1}; round t gives set q pixel
 * {@code t·s + q}. Without sets (s = 1) every column takes the one broadcast vector, as before.
 *
 * <p><b>Streams and muxes.</b> The input buffer drives N activation streams a clock, stream σ tagged
 * with its pixel and synapse fold; the controller puts set q's vector on stream {@code q·N/s} (the
 * slice where the set starts). Slice σ's PEs take the stream its select names: σ rounded down to a
 * multiple of N/s — its own stream when a set starts there, else that of the set's first slice (a mux
 * of 1 + popcount(σ) inputs, priced in {@code PeArrayCost}). Columns past N·⌊C/N⌋ belong to the
 * last slice. Weights: column j reads its own bank, which holds group {@code j mod (set width)} of the
 * fold — the loader writes each group's weights into the bank of every set (replication at load).
 *
 * <p><b>Pipeline.</b> A PE's issue at clock c — the R products of its bus's vector and its bank's
 * weights — passes the multiplier register and ⌈log2 R⌉ adder-tree levels and enters the accumulator
 * at clock {@code c + 1 + ⌈log2 R⌉}. The accumulator checks every entry: a fold's first synapse step
 * loads the output's running sum (the accumulator must be free), every later one must carry the same
 * (group, pixel) and the next step; the last step's sum leaves the PE into the output accumulators the
 * same clock. An output written twice, or never, throws. Arithmetic goes through the array's
 * {@link PeKernel}: a fabric or unpacked DSP PE adds one R-product tree sum per clock (the fast
 * kernels' readout chunk R); a packed slice chain takes the clock's products in κ order and resolves
 * where the fast kernel's chain ends (as {@link LiteralSystolicArray}'s packed PEs do).
 *
 * <p>Buffer ports ({@link FeedStall}): every issue clock reads its weights and vectors, taking
 * {@code streaming()} clocks; the array is frozen for the extra ones.
 */
public final class LiteralDotProductArray {

    /** One issue in flight: tags, its tree sum per filter lane, the clock it reaches the accumulator. */
    private record Issue(int group, int pixel, int step, long[] sums, long due) {
    }

    private final PeArraySpec spec;
    private final PeKernel kernel;
    private final FeedStall feed;

    public LiteralDotProductArray(PeArraySpec spec, PeDatapath datapath) {
        this(spec, datapath, FeedStall.NONE);
    }

    public LiteralDotProductArray(PeArraySpec spec, PeDatapath datapath, FeedStall feed) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.feed = Objects.requireNonNull(feed, "feed");
        if (spec.dataflow() != Dataflow.DOT_PRODUCT) {
            throw new IllegalArgumentException(spec.name() + ": a " + spec.dataflow() + " array is not dot-product");
        }
        this.kernel = PeKernel.of(spec, Objects.requireNonNull(datapath, "datapath"));
    }

    /** Same operands and {@code acc} semantics as {@link PeArray#computeTile}; outputs land in {@code acc}. */
    public LiteralSystolicArray.Run run(int[] w, int wOff, int wRowStride, int[] x, int xOff, int xRowStride,
                                        int m, int k, int n, long[] acc, int accOff, int accRowStride) {
        if (m < 0 || k < 0 || n < 0) {
            throw new IllegalArgumentException("tile dimensions must be >= 0, got " + m + "x" + k + "x" + n);
        }
        if (m == 0 || k == 0 || n == 0) {
            return new LiteralSystolicArray.Run(0, 0, 0);
        }
        int lanesR = spec.rows();
        LiteralTile t = new LiteralTile(kernel, lanesR, w, wOff, wRowStride, x, xOff, xRowStride, m, k, n, acc,
                accOff, accRowStride);
        long cycles = new Run(t).go();
        t.finish(acc, accOff, accRowStride);
        return new LiteralSystolicArray.Run(cycles, t.macs, t.overflowEvents);
    }

    /** One tile's stepping state. */
    private final class Run {
        private final LiteralTile t;
        private final int cols = spec.cols();
        private final int sets = spec.columnSets();
        private final int slice = spec.columnSlice();
        private final int depth = ArrayTiming.dotProductFill(spec.rows());
        private final boolean packedChain = kernel.columnCarriesChain();
        private final boolean[][] stored;
        /** Per column: issues in flight, oldest first. */
        private final List<ArrayDeque<Issue>> pipe = new ArrayList<>();
        /** Per column: the accumulator's output (group, pixel) and steps done; group −1 when free. */
        private final int[] accGroup;
        private final int[] accPixel;
        private final int[] accDone;
        private final long[][] sum;
        private final long[][] exact;
        private final long[][] chain;
        /** The N streams this clock: pixel (−1: idle), synapse step, activations. */
        private final int[] streamPixel;
        private final int[] streamStep;
        private final int[][] streamAct;
        private final int[][] weights;
        private final long[] laneSums;
        private final long[] scratch;

        Run(LiteralTile t) {
            this.t = t;
            this.stored = new boolean[t.groups][t.n];
            for (int j = 0; j < cols; j++) {
                pipe.add(new ArrayDeque<>());
            }
            this.accGroup = new int[cols];
            Arrays.fill(accGroup, -1);
            this.accPixel = new int[cols];
            this.accDone = new int[cols];
            this.sum = new long[cols][t.lanes];
            this.exact = new long[cols][t.lanes];
            this.chain = new long[cols][t.lanes];
            this.streamPixel = new int[sets];
            this.streamStep = new int[sets];
            this.streamAct = new int[sets][t.channels];
            this.weights = new int[t.channels][t.lanes];
            this.laneSums = new long[t.lanes];
            this.scratch = new long[t.lanes];
        }

        /** Steps the tile until the last result has left an accumulator; returns its cycles. */
        long go() {
            long cycle = 0; // clocks on which the array advances
            long stalled = 0; // clocks it waits for the feeders' read (FeedStall)
            long lastResult = -1;
            for (int g0 = 0; g0 < t.groups; g0 += cols) {
                int c = Math.min(cols, t.groups - g0);
                int s = spec.setsFor(c);
                int width = s == 1 ? cols : slice * (sets / s); // columns per set
                int stride = sets / s; // slices per set
                for (int p0 = 0; p0 < t.n; p0 += s) {
                    for (int step = 0; step < t.steps; step++) {
                        Arrays.fill(streamPixel, -1);
                        for (int q = 0; q < s && p0 + q < t.n; q++) { // set q's vector on its first slice's stream
                            streamPixel[q * stride] = p0 + q;
                            streamStep[q * stride] = step;
                            t.activations(step, p0 + q, streamAct[q * stride]);
                        }
                        stalled += feed.streaming() - 1;
                        lastResult = Math.max(lastResult, clock(cycle, g0, c, s, width, stride));
                        cycle++;
                    }
                }
            }
            Arrays.fill(streamPixel, -1);
            for (boolean busy = true; busy; cycle++) { // the pipelines empty: no issue
                lastResult = Math.max(lastResult, clock(cycle, 0, 0, 1, cols, sets));
                busy = false;
                for (ArrayDeque<Issue> p : pipe) {
                    busy |= !p.isEmpty();
                }
            }
            for (int g = 0; g < t.groups; g++) {
                for (int p = 0; p < t.n; p++) {
                    check(stored[g][p], "group " + g + ", pixel " + p + " never left the array");
                }
            }
            return lastResult + 1 + stalled;
        }

        /** One clock: each column's due issue enters its accumulator, then each column issues. */
        private long clock(long cycle, int g0, int c, int s, int width, int stride) {
            long result = -1;
            for (int j = 0; j < cols; j++) {
                Issue e = pipe.get(j).peek();
                if (e != null && e.due() == cycle) {
                    pipe.get(j).poll();
                    if (accumulate(cycle, j, e)) {
                        result = cycle;
                    }
                }
                check(pipe.get(j).isEmpty() || pipe.get(j).peek().due() > cycle, "column " + j + " has two issues due at "
                        + cycle);
                int sl = Math.min(j / Math.max(1, slice), sets - 1); // the column's slice
                int stream = s == 1 ? 0 : sl / stride * stride; // its mux's select
                if (streamPixel[stream] < 0 || c == 0) {
                    continue;
                }
                int rel = s == 1 ? j : j - sl / stride * width; // column within its set (set q starts at q·width)
                if (rel >= c || (s > 1 && sl / stride >= s)) {
                    continue; // an idle column of the set (its bank holds no group of this fold)
                }
                int group = g0 + rel; // the group its bank holds for this fold (replicated per set)
                int step = streamStep[stream];
                t.weights(group, step, weights);
                long[] sums = null; // a packed chain takes the products one by one at the accumulator
                if (!packedChain) {
                    sums = new long[t.lanes];
                    kernel.vectorProducts(weights, streamAct[stream], t.channels, sums, scratch);
                }
                pipe.get(j).add(new Issue(group, streamPixel[stream], step, sums, cycle + depth));
            }
            return result;
        }

        /** An issue reaches column j's accumulator; returns whether an output left the PE. */
        private boolean accumulate(long cycle, int j, Issue e) {
            if (e.step() == 0) {
                check(accGroup[j] < 0, "column " + j + " at cycle " + cycle + ": group " + e.group() + ", pixel "
                        + e.pixel() + " starts while the accumulator holds group " + accGroup[j]);
                accGroup[j] = e.group();
                accPixel[j] = e.pixel();
                accDone[j] = 0;
                t.load(e.group(), e.pixel(), sum[j], exact[j]);
                Arrays.fill(chain[j], 0);
            }
            check(accGroup[j] == e.group() && accPixel[j] == e.pixel() && accDone[j] == e.step(), "column " + j
                    + " at cycle " + cycle + ": step " + e.step() + " of group " + e.group() + ", pixel " + e.pixel()
                    + " meets the accumulator of group " + accGroup[j] + ", pixel " + accPixel[j] + " after "
                    + accDone[j] + " steps");
            int real = t.realChannels(e.step());
            t.macs += (long) t.realLanes(e.group()) * real;
            if (packedChain) { // each product of the clock into the P chain, in κ order
                t.weights(e.group(), e.step(), weights);
                int[] a = new int[t.channels];
                t.activations(e.step(), e.pixel(), a);
                for (int v = 0; v < real; v++) {
                    kernel.products(weights[v], a[v], laneSums);
                    int done = e.step() * t.channels + v + 1;
                    if (kernel.accumulateStationary(laneSums, sum[j], exact[j], chain[j], done, t.k)) {
                        t.overflowEvents++;
                    }
                }
            } else if (kernel.accumulateStationary(e.sums(), sum[j], exact[j], chain[j], e.step() + 1, t.steps)) {
                t.overflowEvents++;
            }
            if (++accDone[j] < t.steps) {
                return false;
            }
            check(!stored[e.group()][e.pixel()], "group " + e.group() + ", pixel " + e.pixel() + " written twice");
            stored[e.group()][e.pixel()] = true;
            t.store(e.group(), e.pixel(), sum[j], exact[j], false);
            accGroup[j] = -1;
            return true;
        }
    }
}
