package org.msqsim.core.hw.compute;

import java.util.Arrays;
import org.msqsim.core.fixed.DspMac;
import org.msqsim.core.fixed.FixedFormat;
import org.msqsim.core.fixed.Overflow;
import org.msqsim.core.fixed.PackedDspMac;
import org.msqsim.core.spec.PeArraySpec;

/**
 * The datapath of one PE kind — its multipliers, the register its products accumulate in, and how
 * that register is read into the declared accumulator — built once per array from a spec and a
 * {@link PeDatapath}. Both models of an array go through it: {@link PeArray} hands a whole tile to
 * {@link #tile} (the fast loop lives in the kernel, so the only dispatch is one call per tile and the
 * per-MAC loop stays monomorphic), and {@link LiteralSystolicArray} steps it one PE and one clock at
 * a time ({@link #vectorProducts}, {@link #accumulate}, {@link #accumulateStationary}, {@link #drain}); they can therefore differ only in
 * data movement and accumulation order, which the tests hold equal bit for bit.
 *
 * <p>One kernel per datapath kind, chosen by {@link #of} from the MAC kind and packing:
 * <ul>
 *   <li>{@link DspKernel} (DSP, packing 1): one product per DSP48 into its 48-bit P, preloaded with
 *       the output's running sum and read out through the declared accumulator ({@link DspMac}:
 *       wrap at 48 bits, then wrap or saturate once at readout — a DSP48 cannot clamp per cycle at
 *       full rate).</li>
 *   <li>{@link PackedDspKernel} (DSP, packing 2/4): p lane products per DSP48 into P from zero for
 *       one chain, the lanes resolved with FINN's canaries ({@link PackedDspMac}), then each lane
 *       added into a fabric accumulator of the declared width (wrap or clamp per add).</li>
 *   <li>{@link FabricSp2Kernel} and {@link FabricFixedKernel} (LUT_SP2, LUT_FIXED), the two
 *       {@link FabricKernel}s: LUT multipliers (SP2 shift-add or fixed-point) whose products enter
 *       a fabric accumulator of the declared width, wrap or clamp per add.</li>
 * </ul>
 *
 * <p>The per-PE step is split where the hardware splits: {@link #products} is what the PE's
 * multipliers form in one clock (one product per filter lane), {@link #accumulate} is how one sum of
 * products per lane enters the PE's register (P: exactly; a fabric accumulator: fitted per add).
 * <b>Vector PEs</b> (V input-channel lanes per PE, reduced by an adder tree in fabric or the DSP48
 * cascade PCOUT→PCIN before the register) are a step on that seam, not other kernels: the literal
 * model forms one clock's V products per filter lane with {@link #vectorProducts} and hands their
 * exact sum to {@link #accumulate} or {@link #accumulateStationary} once per clock. The fast loops
 * are the scalar kernels' with a readout chunk V times longer in κ — one fit per V-product sum in a
 * fabric accumulator (the chunk a dot-product array's R-lane tree already uses), a WS column's
 * cascade of {@code rows·V} products, a packed chain of whole clocks — since a cascade only moves
 * where inside P the products are added.
 *
 * <p>Not thread-safe: kernels keep scratch (and the DSP readout counts overflows).
 */
sealed interface PeKernel permits DspKernel, PackedDspKernel, FabricKernel {

    /** The kernel of {@code spec}'s MAC kind and packing, at {@code datapath}'s widths. */
    static PeKernel of(PeArraySpec spec, PeDatapath datapath) {
        FixedFormat accumulator = FixedFormat.signedInt(spec.accumulatorBits(), datapath.accumulatorOverflow());
        if (spec.overlappedDrain() && datapath.accumulatorOverflow() != Overflow.WRAP) {
            // the overlapped drain adds the running sum at the column's foot: a saturating accumulator
            // would clamp there and not where the kernels (which add it first) clamp
            throw new IllegalArgumentException(spec.name() + ".drain: overlapped needs a wrapping accumulator; a "
                    + datapath.accumulatorOverflow() + " one would clamp at the column's running-sum adder");
        }
        return switch (spec.mac()) {
            case DSP -> spec.packing() == 1 ? new DspKernel(spec, datapath, accumulator)
                    : new PackedDspKernel(spec, datapath, accumulator);
            case LUT_SP2 -> new FabricSp2Kernel(spec, datapath, accumulator);
            case LUT_FIXED -> new FabricFixedKernel(spec, datapath, accumulator);
        };
    }

    /** Filters per PE (the spec's packing): the lanes of its weight and lane registers. */
    int lanes();

    /** The declared accumulator: every output the kernel writes is one of its values. */
    FixedFormat accumulator();

    /**
     * The fast model: {@code acc[i][j] += Σ_κ w[i][κ]·x[κ][j]} for {@code i < m, j < x.n(), κ < x.k()}
     * at the declared widths, in the order the hardware adds (see {@link PeArray}), where
     * {@code w[i][κ] = w[wOff + i·wRowStride + κ]} and {@code acc[i][j] = acc[accOff + i·accRowStride + j]}.
     * Arguments are checked by the caller. Returns the tile's overflow events.
     */
    long tile(int[] w, int wOff, int wRowStride, int m, TileActivations x, long[] acc, int accOff, int accRowStride);

    /** What the PE's multipliers form in one clock: {@code out[l]} = lane weight l times {@code a}. */
    void products(int[] wLanes, int a, long[] out);

    /**
     * One clock's products (one sum per lane) added into the PE's lane registers {@code sum}:
     * exactly for a DSP P or packed chain (the register is modelled by its exact value and wrapped at
     * readout, which commutes with the adds; {@code exact} is not used and may be null), fitted per
     * add for a fabric accumulator, whose exact value {@code exact} tracks.
     */
    void accumulate(long[] laneSums, long[] sum, long[] exact);

    /** One clock of a PE whose register holds a running sum: {@link #products} into {@link #accumulate}. */
    void mac(int[] wLanes, int a, long[] sum, long[] exact);

    /**
     * One clock of a vector PE's multipliers and its lane reduction: for each of the {@code count}
     * input-channel lanes v, {@link #products} of {@code wChannels[v]} (its filter lanes' weights) and
     * {@code a[v]}, summed per filter lane into {@code laneSums} (zeroed first). The sum is exact: an
     * adder tree grows a bit per level, the DSP cascade stays inside P. A double-pumped slice forms
     * lanes 2s and 2s + 1 in the two halves of the fabric cycle — the even lanes first, then the odd —
     * which is the same exact sum. {@code scratch} holds one product per filter lane.
     */
    default void vectorProducts(int[][] wChannels, int[] a, int count, long[] laneSums, long[] scratch) {
        Arrays.fill(laneSums, 0);
        for (int half = 0; half < 2; half++) {
            for (int v = half; v < count; v += 2) {
                products(wChannels[v], a[v], scratch);
                for (int l = 0; l < laneSums.length; l++) {
                    laneSums[l] += scratch[l];
                }
            }
        }
    }

    /**
     * One clock's lane sums (see {@link #vectorProducts}) into an output-stationary PE's register, its
     * {@code done}-th reduction step of {@code steps}: {@link #accumulate} into the output it holds
     * ({@code sum}, {@code exact}); a packed PE accumulates in its P {@code chain} and adds the
     * resolved lanes into the output where the chain ends. Returns whether a chain ended with a
     * wrapped lane.
     */
    default boolean accumulateStationary(long[] laneSums, long[] sum, long[] exact, long[] chain, int done,
                                         int steps) {
        accumulate(laneSums, sum, exact);
        return false;
    }

    /**
     * Whether a weight-stationary column carries a P chain that starts from zero at its top (packed
     * DSP: the output accumulators add its resolved lanes at the bottom) rather than the output's
     * running sum.
     */
    default boolean columnCarriesChain() {
        return false;
    }

    /**
     * A result leaving the array's bottom edge into its output's lane registers {@code outSum} and
     * {@code outExact} (loaded with the output's stored bits and exact sum): a DSP P is read out
     * through the declared accumulator, a {@code chain} (see {@link #columnCarriesChain}) is resolved
     * and added (and restarts from zero), fabric lanes are taken as they are. Returns whether the
     * readout overflowed (P or accumulator left, or a lane wrapped).
     */
    boolean drain(long[] sum, long[] exact, boolean chain, long[] outSum, long[] outExact);
}
