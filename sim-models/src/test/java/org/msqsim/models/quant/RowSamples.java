package org.msqsim.models.quant;

import java.util.SplittableRandom;

/** Seeded sample rows of the three shapes the MSQ premise is about, for tests. */
final class RowSamples {
    private RowSamples() {
    }

    static double[] gaussian(SplittableRandom rnd, int n, double sigma) {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            // Box–Muller from the seeded generator, so the bits never depend on the JDK's Random.
            double u1 = 1.0 - rnd.nextDouble();
            double u2 = rnd.nextDouble();
            r[i] = sigma * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        }
        return r;
    }

    static double[] laplace(SplittableRandom rnd, int n, double sigma) {
        double b = sigma / Math.sqrt(2);
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            double u = rnd.nextDouble() - 0.5;
            r[i] = -b * Math.signum(u) * Math.log(1 - 2 * Math.abs(u));
        }
        return r;
    }

    static double[] uniform(SplittableRandom rnd, int n, double sigma) {
        double half = sigma * Math.sqrt(3);
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = (rnd.nextDouble() * 2 - 1) * half;
        }
        return r;
    }
}
