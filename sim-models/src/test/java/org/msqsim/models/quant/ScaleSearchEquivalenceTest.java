package org.msqsim.models.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The production {@link ScaleSearch} and each of its parts (the radix-sorted magnitudes of
 * {@link MagnitudeSort}, the general {@link PrunedSweep} and the {@link BranchFreeSweep}) against the
 * sweep as first written, kept verbatim in {@link ReferenceScaleSearch}: the same α, MSE and codes to
 * the last bit, on seeded random rows of every shape and on edge cases, at every width both schemes
 * support. Each sweep is held to the reference on every row it accepts, not only on those the
 * production dispatch sends it.
 */
class ScaleSearchEquivalenceTest {

    private static List<RowQuantizer> quantizers() {
        List<RowQuantizer> qs = new ArrayList<>();
        for (int bits = 2; bits <= 8; bits++) {
            qs.add(new FixedPointQuantizer(bits));
        }
        for (int bits = 3; bits <= 9; bits++) {
            qs.add(new Sp2Quantizer(bits));
        }
        return qs;
    }

    private static List<double[]> rows() {
        SplittableRandom rnd = new SplittableRandom(20261127);
        List<double[]> rows = new ArrayList<>();
        int[] sizes = {1, 2, 3, 7, 9, 27, 64, 147, 300, 576, 1152, 4608};
        for (int n : sizes) {
            for (int k = 0; k < 3; k++) {
                double sigma = Math.exp(rnd.nextDouble(-8, 3));
                rows.add(RowSamples.gaussian(rnd, n, sigma));
                rows.add(RowSamples.laplace(rnd, n, sigma));
                rows.add(RowSamples.uniform(rnd, n, sigma));
                double[] f = RowSamples.gaussian(rnd, n, sigma); // widened floats, as FloatMatrix hands out
                for (int i = 0; i < n; i++) {
                    f[i] = (float) (f[i] + sigma * 0.2 * (k - 1));
                }
                rows.add(f);
            }
        }
        // Edge cases: zeros among values, −0.0, duplicates and exact ties, constant rows, one spike,
        // values on a grid (breakpoints that coincide across steps), tiny and huge magnitudes.
        rows.add(new double[] {0.0, -0.0, 0.0});
        rows.add(new double[] {0.0, -0.0, 1e-300, 0.0});
        rows.add(new double[] {5, 5, 5, 5, 5, 5});
        rows.add(new double[] {-3, 3, -3, 3});
        rows.add(new double[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        double[] spike = RowSamples.gaussian(rnd, 500, 0.01);
        spike[123] = 4.0;
        rows.add(spike);
        double[] grid = new double[840];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = ((i % 29) - 14) / 7.0 * (i % 3 == 0 ? 1 : 0.5);
        }
        rows.add(grid);
        double[] ints = new double[1000];
        for (int i = 0; i < ints.length; i++) {
            ints[i] = rnd.nextInt(-16, 17);
        }
        rows.add(ints);
        double[] sparse = RowSamples.laplace(rnd, 2000, 0.05);
        for (int i = 0; i < sparse.length; i += 2) {
            sparse[i] = i % 4 == 0 ? 0.0 : -0.0;
        }
        rows.add(sparse);
        rows.add(Arrays.stream(RowSamples.gaussian(rnd, 300, 1)).map(v -> v * 1e-200).toArray());
        // Squares underflow to subnormals here, so a relative pruning margin would vanish (review find).
        for (double scale : new double[] {1e-150, 1e-155, 1e-160, 1e-162, 1e-163}) {
            rows.add(Arrays.stream(RowSamples.gaussian(rnd, 64, 1)).map(v -> v * scale).toArray());
            rows.add(Arrays.stream(RowSamples.laplace(rnd, 257, 1)).map(v -> v * scale).toArray());
        }
        rows.add(Arrays.stream(RowSamples.uniform(rnd, 300, 1)).map(v -> v * 1e150).toArray());
        // Large but below the 1e100 limit of the branch-free sweep: errors whose ordered keys are far apart.
        rows.add(Arrays.stream(RowSamples.laplace(rnd, 700, 1)).map(v -> v * 1e12).toArray());
        rows.add(Arrays.stream(RowSamples.gaussian(rnd, 700, 1)).map(v -> v * 1e45).toArray());
        rows.add(Arrays.stream(RowSamples.gaussian(rnd, 700, 1)).map(v -> v * 9e99).toArray());
        return rows;
    }

    @Test
    void sortedMagnitudesMatchArraysSort() {
        for (double[] row : rows()) {
            assertArrayEquals(ReferenceScaleSearch.sortedMagnitudes(row), MagnitudeSort.sorted(row));
            assertArrayEquals(ReferenceScaleSearch.sortedMagnitudes(row), ScaleSearch.sortedMagnitudes(row));
        }
    }

    @Test
    void sameAlphaMseAndCodesAsTheReferenceToTheLastBit() {
        int checked = 0;
        for (RowQuantizer q : quantizers()) {
            for (double[] row : rows()) {
                ScaledRow want = ReferenceScaleSearch.best(row, q);
                ScaledRow got = ScaleSearch.best(row, q);
                String what = q.scheme() + " " + q.bits() + "-bit, row of " + row.length;
                assertEquals(Double.doubleToRawLongBits(want.alpha()), Double.doubleToRawLongBits(got.alpha()),
                        what + ": alpha " + want.alpha() + " vs " + got.alpha());
                assertEquals(Double.doubleToRawLongBits(want.mse()), Double.doubleToRawLongBits(got.mse()), what);
                assertArrayEquals(want.codes(), got.codes(), what);
                checked++;
            }
        }
        assertEquals(quantizers().size() * rows().size(), checked);
    }

    @Test
    void eachSweepGivesTheReferenceAlphaToTheLastBit() {
        int general = 0;
        int heap = 0;
        int branchFree = 0;
        for (RowQuantizer q : quantizers()) {
            double[] mags = q.unitMagnitudes();
            int steps = mags.length - 1;
            for (double[] row : rows()) {
                double[] a = MagnitudeSort.sorted(row);
                if (a.length == 0 || a[a.length - 1] == 0) {
                    continue; // no sweep: an all-zero row has α = 0
                }
                long want = Double.doubleToRawLongBits(ReferenceScaleSearch.best(row, q).alpha());
                String what = q.scheme() + " " + q.bits() + "-bit, row of " + row.length;
                assertEquals(want, Double.doubleToRawLongBits(PrunedSweep.bestAlpha(a, mags)), "general: " + what);
                general++;
                heap += steps > PrunedSweep.LINEAR_SCAN_STEPS ? 1 : 0;
                if (BranchFreeSweep.applies(a, mags)) {
                    assertEquals(want, Double.doubleToRawLongBits(BranchFreeSweep.bestAlpha(a, mags)),
                            "branch-free: " + what);
                    branchFree++;
                }
            }
        }
        // Guards: every path of both sweeps was exercised on many rows.
        assertTrue(heap > 100, "heap merges: " + heap);
        assertTrue(general - heap > 100, "linear scans: " + (general - heap));
        assertTrue(branchFree > 100, "branch-free sweeps: " + branchFree);
    }
}
