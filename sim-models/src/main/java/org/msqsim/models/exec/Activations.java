package org.msqsim.models.exec;

import java.util.SplittableRandom;

/**
 * Seeded synthetic input activations, unsigned codes of {@code bits} bits as a ReLU layer produces
 * them: half are exactly zero (ReLU clips about half of a zero-mean pre-activation) and the rest are
 * spread uniformly over {@code 1 … 2^bits − 1}, so the top code — and the widest products — occur.
 */
public final class Activations {
    private Activations() {
    }

    public static int[] relu(int count, int bits, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int max = (1 << bits) - 1;
        int[] a = new int[count];
        for (int i = 0; i < count; i++) {
            a[i] = rnd.nextBoolean() ? 0 : rnd.nextInt(1, max + 1);
        }
        return a;
    }

    /** Codes spread uniformly over {@code 0 … 2^bits − 1}: a quantized input image. */
    public static int[] uniform(int count, int bits, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] a = new int[count];
        for (int i = 0; i < count; i++) {
            a[i] = rnd.nextInt(1 << bits);
        }
        return a;
    }
}
