package org.msqsim.models.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The element-wise layers' integer operations, worked by hand, and every layer's kind. */
class StreamLayerTest {

    static QTensor tensor(Shape s, int... codes) {
        return new QTensor(s, codes, 0.5, true);
    }

    @Test
    void maxPoolTakesTheLargestRealCodeAndPaddingNeverWins() {
        Shape s = new Shape(1, 4, 4);
        int[] up = new int[16];
        int[] down = new int[16];
        for (int i = 0; i < 16; i++) {
            up[i] = i;
            down[i] = -(i + 1);
        }
        QTensor out = new MaxPool2d("p", s, 2, 2, 2, 0).apply(List.of(tensor(s, up)), 4);
        assertArrayEquals(new int[] {5, 7, 13, 15}, out.codes());
        assertEquals(new Shape(1, 2, 2), out.shape());
        assertEquals(0.5, out.scale());
        // 3×3, stride 2, pad 1 over negative codes: the corner window sees codes 1, 2, 5, 6 of the input only.
        QTensor neg = new MaxPool2d("p", s, 3, 3, 2, 1).apply(List.of(tensor(s, down)), 4);
        assertArrayEquals(new int[] {-1, -2, -5, -6}, neg.codes());
    }

    @Test
    void averagePoolRoundsHalfAwayAndCountsPadding() {
        Shape s = new Shape(2, 2, 2);
        // Sums 10 and −10 over 4: ±2.5 rounds away from zero to ±3 (reciprocal 2^16/4 exact).
        QTensor out = new AvgPool2d("a", s, 2, 2, 2, 0).apply(List.of(tensor(s, 1, 2, 3, 4, -1, -2, -3, -4)), 4);
        assertArrayEquals(new int[] {3, -3}, out.codes());
        // 3×3 window, pad 1, over four 4s: 16 × round(2^16/9) / 2^16 = 1.78 → 2 (the divisor is 9, not 4).
        Shape one = new Shape(1, 2, 2);
        QTensor padded = new AvgPool2d("a", one, 3, 3, 1, 1).apply(List.of(tensor(one, 4, 4, 4, 4)), 4);
        assertArrayEquals(new int[] {2, 2, 2, 2}, padded.codes());
    }

    @Test
    void globalAveragePoolIsAnAveragePoolOverTheWholePlane() {
        Shape s = new Shape(16, 7, 7);
        SplittableRandom rnd = new SplittableRandom(7);
        int[] codes = rnd.ints((int) s.elements(), -8, 8).toArray();
        QTensor in = tensor(s, codes);
        QTensor gap = new GlobalAvgPool("g", s).apply(List.of(in), 4);
        QTensor avg = new AvgPool2d("a", s, 7, 7, 1, 0).apply(List.of(in), 4);
        assertArrayEquals(avg.codes(), gap.codes());
        assertEquals(new Shape(16, 1, 1), gap.shape());
    }

    @Test
    void addRescalesBothInputsToOneCalibratedScale() {
        Shape s = new Shape(1, 1, 2);
        QTensor a = new QTensor(s, new int[] {10, 0}, 0.5, false);
        QTensor b = new QTensor(s, new int[] {4, 2}, 0.25, false);
        // Real sums 6 and 0.5; the largest maps to code 15 (4 bits, after a ReLU): step 0.4, 0.5 → 1.25 → 1.
        QTensor out = new Add("r", s, Activation.RELU).apply(List.of(a, b), 4);
        assertArrayEquals(new int[] {15, 1}, out.codes());
        assertEquals(0.4, out.scale(), 1e-12);
        assertFalse(out.signed());
        assertTrue(new Add("r", s, Activation.NONE).apply(List.of(a, b), 4).signed());
    }

    @ParameterizedTest
    @CsvSource({"'conv:8x8x4->8,3x3', CONV",
        "'conv:8x8x4->4,3x3,g4', DWCONV",
        "'conv:8x8x4->8,3x3,g2', DWCONV",
        "'dense:10->5', DENSE",
        "'gemm:4x4x4', GEMM",
        "'maxpool:8x8x4,2x2', MAXPOOL",
        "'avgpool:8x8x4,2x2', AVGPOOL",
        "'gap:8x8x4', GAP",
        "'add:8x8x4,relu', ADD"})
    void everyLayerHasItsKind(String text, LayerKind kind) {
        assertEquals(kind, LayerParser.parse(text).kind());
    }

    @Test
    void kindLabelsAreTheReportsNames() {
        assertEquals(List.of("conv", "dwconv", "dense", "gemm", "maxpool", "avgpool", "gap", "add", "mul", "affine",
                "hswish", "hsigmoid", "sigmoid", "relu", "resize", "concat", "softmax", "shuffle"),
                Arrays.stream(LayerKind.values()).map(LayerKind::label).toList());
    }
}
