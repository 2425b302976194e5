package org.msqsim.core.spec;

import java.util.OptionalInt;

/**
 * Which element-wise layers the design fuses into the producing convolution's output stage, instead
 * of running them as DDR round trips (issue 13 point 3; docs/cost-model.md "Output stage").
 *
 * <ul>
 *   <li>{@code add}: a residual add (and its ReLU) right after a convolution: while the convolution's
 *       output tiles are stored, the skip tensor is read as one more DDR stream and added element by
 *       element; the convolution's own output is never written, only the sum. One adder and one ReLU
 *       clamp per output lane.</li>
 *   <li>{@code pool}: a max pool that reads only a convolution's output: as output tiles are stored,
 *       pool comparators fold each convolution pixel into the partial maxima of the pooled rows it
 *       belongs to, kept in a row buffer of {@code poolBufferKib}; a pooled row is written when its
 *       last convolution row is through. The convolution's output is never written, only the pool's.
 *       A layer whose partial rows need more than the row buffer runs unfused.</li>
 * </ul>
 * Fusion changes timing, traffic and cost, never values: the fused units compute the same integer
 * operations ({@code Add.apply}, {@code MaxPool2d.apply}) on the same requantized codes.
 *
 * <p>The output stage's lanes ({@code lanes}, issue 13 point 10): each lane requantizes one result per
 * control clock (and carries the fused add and pool units); every result of the cores and the
 * depthwise engine goes through them ({@link AcceleratorSpec#outputLanes()}). Empty: the rule the
 * board files were written with, the rows of the wider core (one column of accumulators a clock).
 *
 * @param add           fuse residual adds into the producing convolution
 * @param pool          fuse max pools into the producing convolution
 * @param poolBufferKib the pool unit's row buffer of partial maxima, KiB (unused when {@code pool} is false)
 * @param lanes         the output stage's requantizer lanes, 1..4096; empty: the wider core's rows
 */
public record FusionSpec(boolean add, boolean pool, int poolBufferKib, OptionalInt lanes) {
    /** The largest output stage a design may have (a lane is a DSP slice: more than any part has to spare). */
    public static final int MAX_LANES = 4096;

    /**
     * The default on every board: both fused, with an 8 KiB row buffer. Sizing (a design default, not
     * a fitted constant): the largest need among the built-in networks' pools at 8-bit activations,
     * ResNet's stem pool (3×3, stride 2) over 112×112×64: ceil(3/2) = 2 pooled rows × 56 × 64 × 1 B =
     * 7 KiB, rounded up to a power of two; VGG-16's 2×2 pools need 1 row × 112 × 64 (and the like) = 7 KiB.
     */
    public static final FusionSpec DEFAULT = new FusionSpec(true, true, 8);

    /** Fusion with the output stage's lanes by the default rule (the wider core's rows). */
    public FusionSpec(boolean add, boolean pool, int poolBufferKib) {
        this(add, pool, poolBufferKib, OptionalInt.empty());
    }

    /** Nothing fused: every add and pool is a DDR round trip (the model before issue 13 point 3). */
    public static final FusionSpec NONE = new FusionSpec(false, false, 8);

    public FusionSpec {
        Specs.require(poolBufferKib >= 1 && poolBufferKib <= 4096, "fusion.pool_buffer_kib", poolBufferKib,
                "must be 1..4096 KiB");
        Specs.require(lanes != null, "fusion.lanes", null, "must be an OptionalInt, empty when absent");
        Specs.require(lanes.isEmpty() || lanes.getAsInt() >= 1 && lanes.getAsInt() <= MAX_LANES, "fusion.lanes",
                lanes.isPresent() ? lanes.getAsInt() : 0, "must be 1.." + MAX_LANES);
    }

    /** This fusion with the output stage's lanes set ({@code n}) or, empty, by the default rule. */
    public FusionSpec withLanes(OptionalInt n) {
        return new FusionSpec(add, pool, poolBufferKib, n);
    }

    /** Whether anything is fused. */
    public boolean any() {
        return add || pool;
    }
}
