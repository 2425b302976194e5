package org.msqsim.core.hw.accel;

import org.msqsim.core.mapping.GemmShape;

/**
 * A GEMM to run: its shape and, for a bit-exact run, its operands. {@code dspWeights} holds the
 * fixed-point rows' signed integer codes ({@code mDsp × K}, row-major), {@code lutCodes} the SP2
 * rows' codes ({@code mLut × K}), {@code activations} the input ({@code K × N}, row-major). A
 * timing-only job has no operands.
 */
public record GemmJob(GemmShape shape, int[] dspWeights, int[] lutCodes, int[] activations) {
    public GemmJob {
        boolean any = dspWeights != null || lutCodes != null || activations != null;
        if (any) {
            check(dspWeights, (long) shape.mDsp() * shape.k(), "DSP weights");
            check(lutCodes, (long) shape.mLut() * shape.k(), "SP2 codes");
            check(activations, (long) shape.k() * shape.n(), "activations");
        }
    }

    public static GemmJob timingOnly(GemmShape shape) {
        return new GemmJob(shape, null, null, null);
    }

    public boolean computesValues() {
        return activations != null;
    }

    private static void check(int[] a, long expected, String what) {
        if (a == null || a.length != expected) {
            throw new IllegalArgumentException(what + " need " + expected + " values, got "
                    + (a == null ? "none" : a.length));
        }
    }
}
