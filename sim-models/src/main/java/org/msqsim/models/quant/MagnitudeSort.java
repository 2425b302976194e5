package org.msqsim.models.quant;

import java.util.Arrays;
import org.msqsim.models.tensor.FloatMatrix;

/**
 * A row's magnitudes {@code |row|} sorted ascending, the input of the scale search.
 *
 * <p>When every value is a {@code float} widened to {@code double} (as {@link FloatMatrix#row} hands
 * them out), the magnitudes are sorted by an LSD radix sort on their {@code float} bit patterns, which
 * order non-negative floats exactly as their values; otherwise by {@link Arrays#sort(double[])}. A
 * sorted array of values is unique, so both give the same array.
 */
final class MagnitudeSort {
    /** Below this length {@link Arrays#sort(double[])} (an insertion sort there) is as fast. */
    private static final int RADIX_MIN_LENGTH = 128;

    private MagnitudeSort() {
    }

    static double[] sorted(double[] row) {
        int n = row.length;
        double[] a = new double[n];
        if (n >= RADIX_MIN_LENGTH && allFloats(row)) {
            int[] bits = new int[n];
            for (int i = 0; i < n; i++) {
                bits[i] = Float.floatToRawIntBits((float) row[i]) & 0x7fffffff; // |v|; −0 becomes +0
            }
            radixSort(bits);
            for (int i = 0; i < n; i++) {
                a[i] = Float.intBitsToFloat(bits[i]);
            }
            return a;
        }
        for (int i = 0; i < n; i++) {
            a[i] = Math.abs(row[i]);
        }
        Arrays.sort(a);
        return a;
    }

    /** True when every value is exactly a float (NaN is not, so such rows take the general path). */
    private static boolean allFloats(double[] row) {
        for (double v : row) {
            if ((double) (float) v != v) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sorts non-negative ints ascending: LSD radix on four 8-bit digits (small histograms, so short
     * rows pay little), skipping a digit that every value shares (often the top, exponent, digit).
     */
    private static void radixSort(int[] v) {
        int n = v.length;
        int[] count = new int[4 << 8];
        for (int x : v) {
            count[x & 0xff]++;
            count[256 + ((x >>> 8) & 0xff)]++;
            count[512 + ((x >>> 16) & 0xff)]++;
            count[768 + (x >>> 24)]++;
        }
        int[] tmp = new int[n];
        int[] src = v;
        int[] dst = tmp;
        for (int pass = 0; pass < 4; pass++) {
            int base = pass << 8;
            int shift = pass * 8;
            if (count[base + ((src[0] >>> shift) & 0xff)] == n) {
                continue; // every value has the same digit: this pass would not move anything
            }
            int sum = 0;
            for (int d = base; d < base + 256; d++) {
                int c = count[d];
                count[d] = sum;
                sum += c;
            }
            for (int x : src) {
                dst[count[base + ((x >>> shift) & 0xff)]++] = x;
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        if (src != v) {
            System.arraycopy(src, 0, v, 0, n);
        }
    }
}
