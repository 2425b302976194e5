package org.msqsim.models.lower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.msqsim.models.golden.GoldenReference;
import org.msqsim.models.layer.Activation;
import org.msqsim.models.layer.Add;
import org.msqsim.models.layer.Conv2d;
import org.msqsim.models.layer.Dense;
import org.msqsim.models.layer.GemmLayer;
import org.msqsim.models.layer.LayerParser;
import org.msqsim.models.layer.MaxPool2d;
import org.msqsim.models.layer.Shape;
import org.msqsim.models.quant.MsqAssigner;

/** A layer's accelerator work: GEMMs per group with their LUT rows, streams with their bytes. */
class LoweringTest {
    private final Lowering lowering = new Lowering(4);

    /** Every group is one GEMM of the layer's shape; the LUT rows fill the first groups and sum to round(F·rows). */
    @ParameterizedTest
    @CsvSource({"'conv:14x14x32->32,3x3,s1,p1,g32', 0.4",
        "'conv:28x28x64->128,3x3,s1,p1,g4', 0.3",
        "'conv:28x28x64->128,3x3,s1,p1,g4', 1.0",
        "'conv:56x56x64->64,3x3,s1,p1', 0.5",
        "'dense:512->10', 0.0"})
    void oneGemmPerGroupWithTheLutRowsFirst(String text, double f) {
        GemmLayer g = (GemmLayer) LayerParser.parse(text);
        List<GemmWork> works = lowering.gemms(g, f);
        assertEquals(g.groups(), works.size());
        int lut = 0;
        boolean full = true;
        for (GemmWork w : works) {
            assertSame(g, w.layer());
            assertEquals(w.group() * g.gemmM(), w.row0());
            assertEquals(List.of(g.gemmM(), g.gemmK(), g.gemmN()), List.of(w.m(), w.k(), w.n()));
            if (!full) {
                assertEquals(0, w.lutRows(), "no LUT rows after a group that was not full");
            }
            full = w.lutRows() == w.m();
            lut += w.lutRows();
        }
        assertEquals(MsqAssigner.sp2RowCount(g.gemmM() * g.groups(), f), lut);
        assertEquals(works, lowering.lower(g, f));
    }

    @Test
    void aGroupReadsTheIm2colOfItsOwnChannels() {
        Conv2d c = new Conv2d("c", 6, 5, 4, 8, 3, 3, 1, 1, 2, false, Activation.NONE);
        int[] in = IntStream.range(0, 4 * 6 * 5).toArray();
        GemmWork second = lowering.gemms(c, 0).get(1);
        int[] own = Arrays.copyOfRange(in, 2 * 30, 4 * 30);
        assertArrayEquals(GoldenReference.im2col(own, 2, 6, 5, 3, 3, 1, 1), second.input(in));
        Dense d = new Dense("d", 120, 10, false, Activation.NONE);
        assertSame(in, lowering.gemms(d, 0).get(0).input(in), "a dense layer reads its input as it is");
    }

    @Test
    void streamsReadEveryInputAndWriteTheOutput() {
        // 4-bit codes: 64×56×56 = 200,704 codes = 100,352 bytes per tensor.
        StreamWork add = lowering.stream(new Add("a", new Shape(64, 56, 56), Activation.RELU));
        assertEquals(2 * 100_352, add.traffic().readBytes());
        assertEquals(100_352, add.traffic().writeBytes());
        // 3 codes = 12 bits round up to 2 bytes; the 3×1×1 output of a 3×3 pool of 3×3×3 likewise.
        StreamWork pool = lowering.stream(new MaxPool2d("p", new Shape(3, 3, 3), 3, 3, 3, 0));
        assertEquals((27 * 4 + 7) / 8, pool.traffic().readBytes());
        assertEquals(2, pool.traffic().writeBytes());
        assertEquals(List.of(pool), lowering.lower(pool.layer(), 0.5));
    }
}
