package org.msqsim.core.mapping;

import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.PeArraySpec;

/**
 * The byte rules of a tile, in one place: what an input tile, a weight tile and an output tile
 * occupy in their buffers and move over DDR. The planner sizes tiles with them and the tile loop
 * claims buffer halves and issues transfers with them, so the two cannot disagree.
 *
 * <p>Operands are packed densely at their bit widths (a tile's bytes round up once, not per
 * value); the output buffer holds partial sums at the wider core's accumulator width, whole bytes
 * per sum; a stored output tile is requantized to activations, packed like an input.
 *
 * @param activationBits   bits per activation (input tiles and stored outputs)
 * @param weightBits       bits per weight or SP2 code
 * @param accumulatorBytes bytes per partial sum in the output buffer
 */
public record TileBytes(int activationBits, int weightBits, int accumulatorBytes) {
    public TileBytes {
        if (activationBits <= 0 || weightBits <= 0 || accumulatorBytes < 0) {
            throw new IllegalArgumentException("bad tile byte rules: activationBits=" + activationBits
                    + " weightBits=" + weightBits + " accumulatorBytes=" + accumulatorBytes);
        }
    }

    /** The rules of a design: its operand widths and the wider core's accumulator. */
    public static TileBytes of(AcceleratorSpec spec) {
        int bits = Math.max(spec.dspCore().map(PeArraySpec::accumulatorBits).orElse(0),
                spec.lutCore().map(PeArraySpec::accumulatorBits).orElse(0));
        return new TileBytes(spec.activationBits(), spec.weightBits(), (bits + 7) / 8);
    }

    /** Bytes of {@code count} values of {@code bits} bits packed densely. */
    public static long packed(long count, int bits) {
        return (count * bits + 7) / 8;
    }

    /** An input tile of {@code tk × tn} activations in its im2col form ({@link InputFetch}: or as rows). */
    public long input(int tk, int tn) {
        return packed((long) tk * tn, activationBits);
    }

    /** A weight tile of {@code rows × tk} weights (both cores' rows of one step). */
    public long weights(int rows, int tk) {
        return packed((long) rows * tk, weightBits);
    }

    /** The output-buffer space of {@code rows × tn} partial sums. */
    public long partialSums(int rows, int tn) {
        return (long) rows * tn * accumulatorBytes;
    }

    /** An output tile of {@code rows × tn} activations as it is stored to DDR. */
    public long store(int rows, int tn) {
        return packed((long) rows * tn, activationBits);
    }
}
