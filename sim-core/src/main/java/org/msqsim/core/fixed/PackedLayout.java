package org.msqsim.core.fixed;

import java.util.Arrays;

/**
 * Where the lanes of a packed DSP sit and what that implies: lane offsets in the A word and in P,
 * operand and product ranges, the result width and the deepest exact accumulation. Immutable.
 *
 * <p>Layouts follow FINN's RTL (Xilinx/finn {@code finn-rtllib/mvu}):
 * <ul>
 *   <li>2 lanes, operands up to 8 bits ({@code mvu_8sx8u_dsp48.sv}): offsets {@code {0, W+A}}
 *       ({@code D = {0, SINGLE_PROD_WIDTH, ACCU_WIDTH+SINGLE_PROD_WIDTH}} with
 *       {@code SINGLE_PROD_WIDTH = ACTIVATION_WIDTH+WEIGHT_WIDTH}); 16 for INT8.</li>
 *   <li>4 lanes, operands up to 4 bits ({@code mvu_4sx4u.sv}, {@code sliceLanes()}): DSP48E1 with
 *       narrow weights {@code {0,7,14,21}}; DSP48E2 with narrow weights {@code {0,8,16,23}}, with
 *       full-range weights {@code {0,8,15,22}}. DSP48E1 without narrow weights is rejected, as FINN
 *       does ("Need NARROW_WEIGHTS for DSP48E1"): a −8 in the top lane at offset 21 overflows the
 *       25-bit pre-adder.</li>
 * </ul>
 * These are {@link LaneSeparation#CANARY} layouts: FINN's cross-lane carry correction (see
 * {@link PackedDspMac}) makes the lower lanes exact at any depth, on both slice generations.
 * {@link LaneSeparation#GUARD_BITS} layouts instead spread the lanes as far as the A path allows
 * (WP486's idea: the upper INT8 weight 18 bits up) and need no fabric while a chain stays within
 * {@link #guardCapacity} products (derivation: docs/core-organisations.md §2).
 *
 * <p>Result width: the top lane owns P from its offset to bit 47, so every lane result has
 * {@code resultBits = 48 − topOffset} bits: FINN's top lane is read as {@code p[D3 +: ACCU_WIDTH]}
 * from the 48-bit P, so its largest usable {@code ACCU_WIDTH} is this, and we give all lanes that
 * width. {@code maxExactDepth} is the longest accumulation whose worst-case lane sum
 * ({@code depth × productMin()} or {@code depth × productMax()}) still fits it.
 */
final class PackedLayout {

    final DspKind kind;
    final LaneSeparation separation;
    final int weightBits;
    final int actBits;
    final boolean actSigned;
    final boolean narrowWeights;
    final int[] offsets;
    final int resultBits;
    final int weightMin;
    final int weightMax;
    final int actMin;
    final int actMax;
    final long productMin;
    final long productMax;
    final int maxExactDepth;
    /**
     * GUARD_BITS: the longest chain whose lower lanes all stay inside their fields for every in-range
     * operand ({@link #guardCapacity}); CANARY: {@link Integer#MAX_VALUE} (the canaries make the lower
     * lanes exact at any depth).
     */
    final int guardCapacity;

    PackedLayout(DspKind kind, int weightBits, int actBits, boolean actSigned, int lanes, boolean narrowWeights) {
        this(kind, weightBits, actBits, actSigned, lanes, narrowWeights, LaneSeparation.CANARY);
    }

    PackedLayout(DspKind kind, int weightBits, int actBits, boolean actSigned, int lanes, boolean narrowWeights,
            LaneSeparation separation) {
        if (kind == null || separation == null) {
            throw new IllegalArgumentException("DSP kind and lane separation are required");
        }
        if (lanes != 2 && lanes != 4) {
            throw new IllegalArgumentException("a packed DSP has 2 or 4 lanes, got " + lanes);
        }
        int maxBits = lanes == 2 ? 8 : 4;
        if (weightBits < 2 || weightBits > maxBits || actBits < (actSigned ? 2 : 1) || actBits > maxBits) {
            throw new IllegalArgumentException(lanes + "-lane packing takes weights of 2.." + maxBits + " bits and "
                    + (actSigned ? "signed" : "unsigned") + " activations of " + (actSigned ? 2 : 1) + ".." + maxBits
                    + " bits, got w" + weightBits + " a" + actBits);
        }
        if (lanes == 4 && kind == DspKind.DSP48E1 && !narrowWeights) {
            throw new IllegalArgumentException("DSP48E1 4-lane packing needs narrow-range weights [-7, 7] (FINN "
                    + "mvu_4sx4u.sv: a -8 at lane offset 21 overflows the 25-bit pre-adder); pass narrowWeights=true");
        }
        this.kind = kind;
        this.separation = separation;
        this.weightBits = weightBits;
        this.actBits = actBits;
        this.actSigned = actSigned;
        this.narrowWeights = narrowWeights;
        this.weightMax = (1 << (weightBits - 1)) - 1;
        this.weightMin = narrowWeights ? -weightMax : -weightMax - 1;
        this.actMax = actSigned ? (1 << (actBits - 1)) - 1 : (1 << actBits) - 1;
        this.actMin = actSigned ? -actMax - 1 : 0;
        this.productMax = Math.max((long) weightMax * actMax, (long) weightMin * actMin);
        this.productMin = Math.min((long) weightMin * actMax, (long) weightMax * actMin);
        this.offsets = separation == LaneSeparation.GUARD_BITS ? guardOffsets(lanes)
                : lanes == 2 ? new int[] {0, weightBits + actBits}
                : kind == DspKind.DSP48E1 ? new int[] {0, 7, 14, 21}
                : narrowWeights ? new int[] {0, 8, 16, 23} : new int[] {0, 8, 15, 22};
        this.resultBits = kind.pBits() - offsets[lanes - 1];
        if (separation == LaneSeparation.CANARY) {
            checkFits();
        }
        long half = 1L << (resultBits - 1);
        // Capped at Integer.MAX_VALUE: narrow 2-lane layouts (e.g. w2 × u1) are exact far beyond any layer.
        long topDepth = Math.min(Integer.MAX_VALUE, Math.min((half - 1) / productMax, half / -productMin));
        this.guardCapacity = separation == LaneSeparation.GUARD_BITS ? guardCapacity(offsets) : Integer.MAX_VALUE;
        if (guardCapacity < 1) {
            throw new IllegalArgumentException("guard-bit layout " + Arrays.toString(offsets) + " on " + kind
                    + " leaves no room for one product of w" + weightBits + " × " + (actSigned ? "s" : "u") + actBits
                    + " below each upper lane");
        }
        this.maxExactDepth = (int) Math.min(topDepth, guardCapacity);
    }

    /**
     * Guard-bit offsets: lanes evenly {@code S} apart with the largest {@code S} whose packed weight
     * word Σ w_i·2^{i·S} still fits the signed A path ({@code aBits}: 25 on DSP48E1, 27 on DSP48E2;
     * UG479/UG579), for the weight range in use. Even spacing maximises the narrowest lower field,
     * which bounds the capacity. 2 lanes of 4-bit narrow weights: {@code {0, 21}} on DSP48E1,
     * {@code {0, 23}} on DSP48E2.
     */
    private int[] guardOffsets(int lanes) {
        for (int s = kind.aBits() - 1; s >= 1; s--) {
            int[] off = new int[lanes];
            long adMin = 0;
            long adMax = 0;
            for (int i = 0; i < lanes; i++) {
                off[i] = i * s;
                adMin += (long) weightMin << off[i];
                adMax += (long) weightMax << off[i];
            }
            if (off[lanes - 1] < kind.pBits() - 1 && adMin >= -(1L << (kind.aBits() - 1))
                    && adMax < (1L << (kind.aBits() - 1))) {
                return off;
            }
        }
        throw new IllegalArgumentException(lanes + " lanes of w" + weightBits + " do not fit " + kind + " port A");
    }

    /**
     * The longest chain for which every lower part of P stays a two's-complement number of its
     * offset's width: for each upper lane i, the lanes below it sum to
     * {@code R_i = Σ_{j<i} S_j·2^{D_j}}, and with {@code |S_j| ≤ n·|product|} this must lie in
     * {@code [−2^{D_i−1}, 2^{D_i−1})}. Then {@code R_i} is {@code P[D_i−1:0]} sign-extended, lane i is
     * {@code (P >> D_i) + P[D_i−1]} in its field, and no counter is needed (derivation:
     * docs/core-organisations.md §2).
     */
    private int guardCapacity(int[] off) {
        long cap = Integer.MAX_VALUE;
        for (int i = 1; i < off.length; i++) {
            long half = 1L << (off[i] - 1);
            long w = sumPow(i);
            cap = Math.min(cap, Math.min((half - 1) / (productMax * w), half / (-Math.min(-1, productMin) * w)));
        }
        return (int) cap;
    }

    /**
     * The two conditions under which the packed word means what it should; FINN's layouts meet
     * both for the widths accepted above, and this check keeps that a checked fact, not a hope.
     */
    private void checkFits() {
        long adMin = 0;
        long adMax = 0;
        for (int i = 0; i < offsets.length; i++) {
            if (i > 0) {
                // FINN's 2-bit canary sees one carry per cycle only if one product step of all lower
                // lanes stays within [-2^D, 2^D) of lane i's offset D.
                long lowMin = productMin * sumPow(i);
                long lowMax = productMax * sumPow(i);
                if (lowMin < -(1L << offsets[i]) || lowMax >= (1L << offsets[i]) || offsets[i] - offsets[i - 1] < 2) {
                    throw new IllegalArgumentException("lane " + i + " at offset " + offsets[i]
                            + " leaves no room for the products of the lanes below it");
                }
            }
            adMin += (long) weightMin << offsets[i];
            adMax += (long) weightMax << offsets[i];
        }
        if (adMin < -(1L << (kind.aBits() - 1)) || adMax >= (1L << (kind.aBits() - 1))) {
            throw new IllegalArgumentException("packed weights span [" + adMin + ", " + adMax + "] and do not fit "
                    + kind + " port A (" + kind.aBits() + " bits signed)");
        }
    }

    /** Σ_{j<i} 2^offsets[j]. */
    private long sumPow(int i) {
        long s = 0;
        for (int j = 0; j < i; j++) {
            s += 1L << offsets[j];
        }
        return s;
    }

    int lanes() {
        return offsets.length;
    }

    int[] offsets() {
        return Arrays.copyOf(offsets, offsets.length);
    }
}
