package org.msqsim.core.hw.compute;

import java.util.Objects;
import org.msqsim.core.fixed.FixedFormat;
import org.msqsim.core.spec.PeArraySpec;

/**
 * One GEMM core at tile granularity: exact tile cycles from {@link ArrayTiming} and the tile's
 * values, bit-exact with the {@code org.msqsim.core.fixed} datapaths, without stepping cycles
 * (STYLE 3). {@link LiteralSystolicArray} steps the same arithmetic PE by PE; the tests hold the two
 * to the same bits and cycles.
 *
 * <p>The PE design, per MAC kind; each is a {@link PeKernel}, which has the details and the loop:
 * <ul>
 *   <li>DSP, packing 1 ({@link DspKernel}): each output's running sum is preloaded into a DSP48's P
 *       and the products accumulate there ({@code DspMac}); P is read out through the declared
 *       accumulator once per output (OS, dot-product) or once per reduction fold (WS: the column is
 *       a PCOUT→PCIN cascade whose top slice takes the running sum), so SATURATE clamps once per
 *       readout.</li>
 *   <li>DSP, packing 2/4 ({@link PackedDspKernel}): p filters sharing one activation occupy one
 *       slice (FINN's MVU packing). P accumulates from zero for one chain — {@code chainLength}
 *       products in OS and dot-product arrays, one fold's rows in WS — then the fabric resolves the
 *       lanes ({@code PackedDspMac}) and adds each into a per-row fabric accumulator of the declared
 *       width, in κ order.</li>
 *   <li>LUT_SP2 / LUT_FIXED ({@link FabricSp2Kernel}, {@link FabricFixedKernel}): products enter a
 *       fabric accumulator of the declared width one by one in κ order (OS: within the PE; WS: down
 *       the column, which takes the running sum at its top; a dot-product PE adds one adder-tree sum
 *       of R products per cycle). WRAP is associative, so the fast path wraps once per output;
 *       SATURATE clamps per add in that order.</li>
 * </ul>
 *
 * <p>Counters: MACs ({@code m·k·n} per tile: padding lanes are not work), busy cycles (tile
 * cycles), overflow events — readouts whose bits differ from the exact integer they stand for: a
 * DSP P readout that left P or the accumulator, a packed chain with a wrapped lane, or an output
 * whose fabric accumulator ends the tile off its exact sum.
 *
 * <p>The array moves the data every kernel needs (the tile's activations, pixel-major) and keeps the
 * counters; the kernel computes. The hot path allocates nothing once the scratch has grown to the
 * largest tile; not thread-safe.
 */
public final class PeArray {

    private final PeArraySpec spec;
    private final PeDatapath datapath;
    private final PeKernel kernel;
    private final FeedStall feed;
    private final TileActivations activations = new TileActivations();
    private long macs;
    private long overflowEvents;
    private long busyCycles;

    /** An array whose buffers keep up with it ({@link FeedStall#NONE}). */
    public PeArray(PeArraySpec spec, PeDatapath datapath) {
        this(spec, datapath, FeedStall.NONE);
    }

    /** An array whose feeders take {@code feed}'s clocks per read ({@link BufferPorts}). */
    public PeArray(PeArraySpec spec, PeDatapath datapath, FeedStall feed) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.datapath = Objects.requireNonNull(datapath, "datapath");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.kernel = PeKernel.of(spec, datapath);
    }

    /** The tile's cycles, the feed's stall clocks included. */
    public long tileCycles(int m, int k, int n) {
        return feed.tileCycles(spec, m, k, n);
    }

    /** The stall clocks of the tile's cycles: clocks the array waited for its buffers' ports. */
    public long stallCycles(int m, int k, int n) {
        return feed.extraCycles(spec, m, k, n);
    }

    public FeedStall feed() {
        return feed;
    }

    /**
     * {@code acc[i][j] += Σ_κ w[i][κ]·x[κ][j]} for {@code i < m, j < n, κ < k} at the declared
     * widths, where {@code w[i][κ] = w[wOff + i·wRowStride + κ]} (SP2 codes for a LUT_SP2 core),
     * {@code x[κ][j] = x[xOff + κ·xRowStride + j]}, {@code acc[i][j] = acc[accOff + i·accRowStride + j]}
     * holding values of the accumulator format. Counts MACs, overflow events and busy cycles.
     */
    public void computeTile(int[] w, int wOff, int wRowStride, int[] x, int xOff, int xRowStride,
                            int m, int k, int n, long[] acc, int accOff, int accRowStride) {
        if (m <= 0 || k <= 0 || n <= 0) {
            if (m < 0 || k < 0 || n < 0) {
                throw new IllegalArgumentException("tile dimensions must be >= 0, got " + m + "x" + k + "x" + n);
            }
            return;
        }
        if (wRowStride < k || xRowStride < n || accRowStride < n) {
            throw new IllegalArgumentException("row strides must cover a row, got w " + wRowStride + " for k=" + k
                    + ", x " + xRowStride + " and acc " + accRowStride + " for n=" + n);
        }
        Objects.checkFromIndexSize(wOff, (m - 1L) * wRowStride + k, w.length);
        Objects.checkFromIndexSize(xOff, (k - 1L) * xRowStride + n, x.length);
        Objects.checkFromIndexSize(accOff, (m - 1L) * accRowStride + n, acc.length);
        activations.load(x, xOff, xRowStride, k, n);
        overflowEvents += kernel.tile(w, wOff, wRowStride, m, activations, acc, accOff, accRowStride);
        macs += (long) m * k * n;
        busyCycles += tileCycles(m, k, n);
    }

    public PeArraySpec spec() {
        return spec;
    }

    public PeDatapath datapath() {
        return datapath;
    }

    /** The declared accumulator: every value in {@code acc} is one of its values. */
    public FixedFormat accumulatorFormat() {
        return kernel.accumulator();
    }

    public long macs() {
        return macs;
    }

    public long overflowEvents() {
        return overflowEvents;
    }

    public long busyCycles() {
        return busyCycles;
    }

    public void resetCounters() {
        macs = 0;
        overflowEvents = 0;
        busyCycles = 0;
    }
}
