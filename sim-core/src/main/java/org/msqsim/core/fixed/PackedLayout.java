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
 * WP486's INT8 layout instead puts the upper weight 18 bits up ({@code (a·2^18 + b)·c}) and relies
 * on guard bits; it needs the 27-bit DSP48E2 A path. We follow FINN because its cross-lane carry
 * correction (see {@link PackedDspMac}) makes the lower lanes exact at any depth and works on both
 * slice generations.
 *
 * <p>Result width: the top lane owns P from its offset to bit 47, so every lane result has
 * {@code resultBits = 48 − topOffset} bits: FINN's top lane is read as {@code p[D3 +: ACCU_WIDTH]}
 * from the 48-bit P, so its largest usable {@code ACCU_WIDTH} is this, and we give all lanes that
 * width. {@code maxExactDepth} is the longest accumulation whose worst-case lane sum
 * ({@code depth × productMin()} or {@code depth × productMax()}) still fits it.
 */
final class PackedLayout {

    final DspKind kind;
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

    PackedLayout(DspKind kind, int weightBits, int actBits, boolean actSigned, int lanes, boolean narrowWeights) {
        if (kind == null) {
            throw new IllegalArgumentException("DSP kind is required");
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
        this.weightBits = weightBits;
        this.actBits = actBits;
        this.actSigned = actSigned;
        this.narrowWeights = narrowWeights;
        this.offsets = lanes == 2 ? new int[] {0, weightBits + actBits}
                : kind == DspKind.DSP48E1 ? new int[] {0, 7, 14, 21}
                : narrowWeights ? new int[] {0, 8, 16, 23} : new int[] {0, 8, 15, 22};
        this.resultBits = kind.pBits() - offsets[lanes - 1];
        this.weightMax = (1 << (weightBits - 1)) - 1;
        this.weightMin = narrowWeights ? -weightMax : -weightMax - 1;
        this.actMax = actSigned ? (1 << (actBits - 1)) - 1 : (1 << actBits) - 1;
        this.actMin = actSigned ? -actMax - 1 : 0;
        this.productMax = Math.max((long) weightMax * actMax, (long) weightMin * actMin);
        this.productMin = Math.min((long) weightMin * actMax, (long) weightMax * actMin);
        checkFits();
        long half = 1L << (resultBits - 1);
        // Capped at Integer.MAX_VALUE: narrow 2-lane layouts (e.g. w2 × u1) are exact far beyond any layer.
        this.maxExactDepth = (int) Math.min(Integer.MAX_VALUE, Math.min((half - 1) / productMax, half / -productMin));
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
