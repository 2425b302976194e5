package org.msqsim.models.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hand-computed cases and shape validation. */
class GoldenReferenceTest {
    /** The 3×3 image 1..9 and the Sobel-x kernel [[1,0,−1],[2,0,−2],[1,0,−1]]. */
    private static final int[] IMAGE = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    private static final int[] SOBEL_X = {1, 0, -1, 2, 0, -2, 1, 0, -1};

    @Test
    void gemmByHand() {
        int[] w = {1, 2, 3, 4, 5, 6}; // 2×3
        int[] x = {7, 8, 9, 10, 11, 12}; // 3×2
        // [1 2 3]·[7 9 11]ᵀ = 7 + 18 + 33 = 58, [1 2 3]·[8 10 12]ᵀ = 64; row 2: 139, 154.
        assertArrayEquals(new long[] {58, 64, 139, 154}, GoldenReference.gemm(w, 2, 3, x, 2));
    }

    @Test
    void gemmAccumulatesBeyondIntRange() {
        int big = Integer.MAX_VALUE;
        long[] y = GoldenReference.gemm(new int[] {big, big}, 1, 2, new int[] {big, big}, 1);
        assertEquals(2L * big * big, y[0]); // 2^63 − 2^33 + 2: fits a long, far beyond an int
    }

    @Test
    void gemmOverflowOfLongThrowsInsteadOfWrapping() {
        int big = Integer.MIN_VALUE;
        int[] w = {big, big, big};
        assertThrows(ArithmeticException.class, () -> GoldenReference.gemm(w, 1, 3, w, 1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "0; 2; 2; 0; 4; GEMM dimensions must be >= 1, got M=0, K=2, N=2",
        "2; 2; 2; 3; 4; W has 3 values, M×K = 2×2 needs 4",
        "2; 2; 2; 4; 5; X has 5 values, K×N = 2×2 needs 4",
    })
    void gemmShapeErrors(int m, int k, int n, int wLength, int xLength, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GoldenReference.gemm(new int[wLength], m, k, new int[xLength], n));
        assertEquals(message, e.getMessage());
    }

    @Test
    void sobelSamePaddingByHand() {
        // out(y,x) = Σ_dy (1,2,1)[dy]·(in(y+dy, x−1) − in(y+dy, x+1)), zero outside the image.
        // (0,0): −(2·2 + 1·5) = −9;  (0,1): (2·1 + 4) − (2·3 + 6) = −6;  (0,2): 2·2 + 5 = 9
        // (1,0): −(2 + 2·5 + 8) = −20; (1,1): (1 + 8 + 7) − (3 + 12 + 9) = −8; (1,2): 20
        // (2,0): −(5 + 2·8) = −21;    (2,1): (4 + 14) − (6 + 18) = −6;    (2,2): 21
        long[] expected = {-9, -6, 9, -20, -8, 20, -21, -6, 21};
        assertArrayEquals(expected, GoldenReference.conv2d(IMAGE, 1, 3, 3, SOBEL_X, 1, 3, 3, 1, 1, 1));
        assertArrayEquals(expected, GoldenReference.conv2dAsGemm(IMAGE, 1, 3, 3, SOBEL_X, 1, 3, 3, 1, 1, 1));
    }

    @Test
    void sobelValidIsTheCentreOnly() {
        assertArrayEquals(new long[] {-8}, GoldenReference.conv2d(IMAGE, 1, 3, 3, SOBEL_X, 1, 3, 3, 1, 0, 1));
    }

    @Test
    void sobelStrideTwoKeepsTheCorners() {
        // Ho = (3 + 2 − 3)/2 + 1 = 2: output pixels sit at input (0,0), (0,2), (2,0), (2,2).
        assertArrayEquals(new long[] {-9, 9, -21, 21},
                GoldenReference.conv2d(IMAGE, 1, 3, 3, SOBEL_X, 1, 3, 3, 2, 1, 1));
    }

    @Test
    void twoChannelsAreSummedAndTwoKernelsStacked() {
        int[] input = {1, 2, 3, 4, 5, 6, 7, 8, 9, /* channel 1 */ 10, 10, 10, 10, 10, 10, 10, 10, 10};
        // Kernel 0: 2×2 ones on both channels. Kernel 1: top-left 1 on channel 0, −1 on channel 1.
        int[] weights = {1, 1, 1, 1, 1, 1, 1, 1, /* kernel 1 */ 1, 0, 0, 0, -1, 0, 0, 0};
        // Kernel 0: window sums 12, 16, 24, 28 plus 40 each. Kernel 1: top-left value − 10.
        long[] expected = {52, 56, 64, 68, -9, -8, -6, -5};
        assertArrayEquals(expected, GoldenReference.conv2d(input, 2, 3, 3, weights, 2, 2, 2, 1, 0, 1));
    }

    @Test
    void depthwiseKeepsChannelsApart() {
        int[] input = {1, 2, 3, 4, /* channel 1 */ 5, 6, 7, 8};
        int[] weights = {3, /* channel 1 */ -2}; // 1×1 kernels, groups = C = K = 2
        assertArrayEquals(new long[] {3, 6, 9, 12, -10, -12, -14, -16},
                GoldenReference.conv2d(input, 2, 2, 2, weights, 2, 1, 1, 1, 0, 2));
    }

    @Test
    void im2colByHand() {
        // 2×2 kernel over the 3×3 image, stride 1, no padding: 4 rows (r, s) × 4 output pixels.
        int[] expected = {1, 2, 4, 5, /* (0,1) */ 2, 3, 5, 6, /* (1,0) */ 4, 5, 7, 8, /* (1,1) */ 5, 6, 8, 9};
        assertArrayEquals(expected, GoldenReference.im2col(IMAGE, 1, 3, 3, 2, 2, 1, 0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "3; 4; 4; 4; 3; 3; 1; 1; 2; input channels C=3 are not divisible by groups=2",
        "4; 4; 4; 3; 3; 3; 1; 1; 2; kernel count K=3 is not divisible by groups=2",
        "1; 2; 2; 1; 5; 5; 1; 1; 1; kernel 5x5 is larger than the padded input 4x4 (H=2, W=2, pad=1)",
        "1; 4; 4; 1; 3; 3; 0; 1; 1; stride must be >= 1, got 0",
        "1; 4; 4; 1; 3; 3; 1; -1; 1; padding must be >= 0, got -1",
        "0; 4; 4; 1; 3; 3; 1; 1; 1; input channels C must be >= 1, got 0",
        "1; 4; 4; 1; 3; 3; 1; 1; 0; groups must be >= 1, got 0",
    })
    void convShapeErrors(int c, int h, int w, int k, int r, int s, int stride, int pad, int groups, String message) {
        int[] input = new int[Math.max(0, c * h * w)];
        int[] weights = new int[Math.max(0, k * r * s * (groups > 0 ? c / groups : 0))];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GoldenReference.conv2d(input, c, h, w, weights, k, r, s, stride, pad, groups));
        assertEquals(message, e.getMessage());
        IllegalArgumentException viaGemm = assertThrows(IllegalArgumentException.class,
                () -> GoldenReference.conv2dAsGemm(input, c, h, w, weights, k, r, s, stride, pad, groups));
        assertEquals(message, viaGemm.getMessage());
    }

    @Test
    void convArrayLengthErrors() {
        IllegalArgumentException in = assertThrows(IllegalArgumentException.class,
                () -> GoldenReference.conv2d(new int[8], 1, 3, 3, SOBEL_X, 1, 3, 3, 1, 1, 1));
        assertEquals("input has 8 values, C×H×W = 1×3×3 needs 9", in.getMessage());
        IllegalArgumentException wt = assertThrows(IllegalArgumentException.class,
                () -> GoldenReference.conv2d(new int[18], 2, 3, 3, SOBEL_X, 2, 3, 3, 1, 1, 2));
        assertEquals("weights have 9 values, K×(C/groups)×R×S = 2×1×3×3 needs 18", wt.getMessage());
    }

    /** The obvious i-j-p nest, as {@code gemm} was first written; {@code gemm} now runs i-p-j. */
    private static long[] gemmByDotProducts(int[] w, int m, int k, int[] x, int n) {
        long[] y = new long[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                long acc = 0;
                for (int p = 0; p < k; p++) {
                    acc = Math.addExact(acc, (long) w[i * k + p] * x[p * n + j]);
                }
                y[i * n + j] = acc;
            }
        }
        return y;
    }

    @Test
    void rowOrderGemmEqualsTheDotProductNest() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int t = 0; t < 300; t++) {
            int m = 1 + rnd.nextInt(20);
            int k = 1 + rnd.nextInt(60);
            int n = 1 + rnd.nextInt(40);
            int bound = t % 3 == 0 ? Integer.MAX_VALUE : 1 << (1 + rnd.nextInt(16));
            int[] w = new int[m * k];
            int[] x = new int[k * n];
            for (int i = 0; i < w.length; i++) {
                w[i] = t % 7 == 0 ? (rnd.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE)
                        : rnd.nextInt(-bound, bound);
            }
            for (int i = 0; i < x.length; i++) {
                x[i] = t % 7 == 0 ? Integer.MIN_VALUE : rnd.nextInt(-bound, bound);
            }
            long[] expected;
            try {
                expected = gemmByDotProducts(w, m, k, x, n);
            } catch (ArithmeticException e) {
                assertThrows(ArithmeticException.class, () -> GoldenReference.gemm(w, m, k, x, n), "case " + t);
                continue;
            }
            assertArrayEquals(expected, GoldenReference.gemm(w, m, k, x, n), "case " + t);
        }
    }
}
