package org.msqsim.models.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The direct convolution and its im2col + GEMM lowering agree on random shapes over strides 1 and
 * 2, pads 0, 1 and 2, kernels 1×1, 3×3 and 5×3, and groups 1, 2 and depthwise. Seeded per case.
 */
class ConvAsGemmTest {
    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String grouping : List.of("dense", "two-groups", "depthwise")) {
            for (int stride : new int[] {1, 2}) {
                for (int pad : new int[] {0, 1, 2}) {
                    for (int[] kernel : new int[][] {{1, 1}, {3, 3}, {5, 3}}) {
                        out.add(Arguments.of(grouping, stride, pad, kernel[0], kernel[1]));
                    }
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} stride={1} pad={2} kernel={3}x{4}")
    @MethodSource("cases")
    void directEqualsLowered(String grouping, int stride, int pad, int r, int s) {
        SplittableRandom rnd = new SplittableRandom(Arrays.hashCode(new int[] {grouping.hashCode(), stride, pad, r, s}));
        int groups = switch (grouping) {
            case "dense" -> 1;
            case "two-groups" -> 2;
            default -> 2 + rnd.nextInt(4);
        };
        int c = grouping.equals("depthwise") ? groups : groups * (1 + rnd.nextInt(3));
        int k = grouping.equals("depthwise") ? groups : groups * (1 + rnd.nextInt(3));
        int h = Math.max(r, 5) + rnd.nextInt(5);
        int w = Math.max(s, 5) + rnd.nextInt(5);
        int[] input = rnd.ints((long) c * h * w, -128, 128).toArray();
        int[] weights = rnd.ints((long) k * (c / groups) * r * s, -8, 8).toArray();

        long[] direct = GoldenReference.conv2d(input, c, h, w, weights, k, r, s, stride, pad, groups);
        long[] lowered = GoldenReference.conv2dAsGemm(input, c, h, w, weights, k, r, s, stride, pad, groups);
        assertArrayEquals(direct, lowered);
        assertArrayEquals(direct, perGroup(input, c, h, w, weights, k, r, s, stride, pad, groups));
    }

    /** A grouped convolution is its groups run as separate dense convolutions, stacked. */
    private static long[] perGroup(int[] input, int c, int h, int w, int[] weights, int k, int r, int s,
            int stride, int pad, int groups) {
        int cg = c / groups;
        int kg = k / groups;
        List<long[]> parts = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            int[] x = Arrays.copyOfRange(input, g * cg * h * w, (g + 1) * cg * h * w);
            int[] wt = Arrays.copyOfRange(weights, g * kg * cg * r * s, (g + 1) * kg * cg * r * s);
            parts.add(GoldenReference.conv2d(x, cg, h, w, wt, kg, r, s, stride, pad, 1));
        }
        long[] out = new long[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (long[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void pointwiseConvolutionIsPlainGemm(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int c = 1 + rnd.nextInt(8);
        int k = 1 + rnd.nextInt(8);
        int h = 1 + rnd.nextInt(6);
        int w = 1 + rnd.nextInt(6);
        int[] input = rnd.ints((long) c * h * w, -128, 128).toArray();
        int[] weights = rnd.ints((long) k * c, -8, 8).toArray();
        assertArrayEquals(GoldenReference.gemm(weights, k, c, input, h * w),
                GoldenReference.conv2d(input, c, h, w, weights, k, 1, 1, 1, 0, 1));
    }

    static List<Long> seeds() {
        return List.of(1L, 2L, 3L, 42L, 2021L);
    }
}
