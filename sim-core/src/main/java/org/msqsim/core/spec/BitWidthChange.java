package org.msqsim.core.spec;

import java.util.Optional;

/**
 * A design moved to another operand width, and what the width forced to change with it.
 *
 * <p>The rule: a DSP core packing 4 products needs operands of at most 4 bits and packing 2 at most
 * 8 (FINN {@code mvu_4sx4u} / {@code mvu_8sx8u_dsp48}), so a wider width lowers the packing to what
 * the DSP can do. Products grow by 2 bits per operand bit, so both cores' accumulators keep the
 * design's headroom by growing as much (never shrinking, at most 48 bits): a wider width must not
 * turn into silent wrap-around. A depthwise engine's accumulators grow alike, to at most 24 bits
 * (its DSP SIMD TWO24 limit, {@link DepthwiseEngineSpec}).
 *
 * @param before            the design as given
 * @param after             the design at the new width
 * @param accumulatorGrowth bits the accumulators were asked to grow by (before the 48-bit cap); 0 at
 *                          a width the design is sized for or narrower
 */
public record BitWidthChange(AcceleratorSpec before, AcceleratorSpec after, int accumulatorGrowth) {
    /** The widest accumulator a core may have (a DSP48's P register). */
    private static final int MAX_ACCUMULATOR_BITS = 48;

    /**
     * Applies the rule.
     *
     * @throws IllegalArgumentException when {@code bits} is outside what a design may use (3..8)
     */
    public static BitWidthChange of(AcceleratorSpec a, int bits) {
        int grow = Math.max(0, 2 * (bits - a.weightBits()));
        Optional<PeArraySpec> dsp = a.dspCore().map(c -> c.withPacking(packingAt(c.packing(), bits))
                .withAccumulatorBits(Math.min(MAX_ACCUMULATOR_BITS, c.accumulatorBits() + grow)));
        Optional<PeArraySpec> lut = a.lutCore().map(c -> c.withAccumulatorBits(
                Math.min(MAX_ACCUMULATOR_BITS, c.accumulatorBits() + grow)));
        Optional<DepthwiseEngineSpec> engine = a.depthwiseEngine().map(e -> e.withAccumulatorBits(
                Math.max(e.accumulatorBits(), Math.min(DepthwiseEngineSpec.MAX_ACCUMULATOR_BITS,
                        e.accumulatorBits() + grow))));
        return new BitWidthChange(a, a.withCores(dsp, lut).withDepthwiseEngine(engine).withOperandBits(bits, bits),
                grow);
    }

    /** The DSP packing a core of {@code packing} products can keep at {@code bits}-bit operands. */
    public static int packingAt(int packing, int bits) {
        return Math.min(packing, maxPacking(bits));
    }

    /**
     * The most products one DSP slice packs at {@code bits}-bit operands: 4 up to 4 bits, 2 up to 8,
     * else 1. The one place the rule lives (explore's grid and default DSP core use it too).
     */
    public static int maxPacking(int bits) {
        return bits <= 4 ? 4 : bits <= 8 ? 2 : 1;
    }

    /** The new operand width. */
    public int bits() {
        return after.weightBits();
    }

    /** A DSP packing the width lowered: products per DSP before and after. */
    public record LoweredPacking(int from, int to) {
    }

    /** The DSP core's packing change, when the width lowered it. */
    public Optional<LoweredPacking> loweredPacking() {
        return before.dspCore().flatMap(b -> after.dspCore().filter(a -> a.packing() != b.packing())
                .map(a -> new LoweredPacking(b.packing(), a.packing())));
    }
}
