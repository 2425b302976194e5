package org.msqsim.models.scalesim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.msqsim.core.spec.InvalidSpecException;

class ScaleSimTopologyTest {
    private static final String CONV_HEADER =
            "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,";

    private static List<ScaleSimLayer> conv(String... lines) {
        return ScaleSimTopology.parse("t.csv", List.of(lines), ScaleSimTopology.Form.CONV);
    }

    private static List<String> convProblems(String... lines) {
        return assertThrows(InvalidSpecException.class, () -> conv(lines)).problems();
    }

    @Test
    void readsSharedResnet18() {
        List<ScaleSimLayer> layers = ScaleSimTopology.readConv(Resources.path("resnet18.csv"));
        assertEquals(21, layers.size());
        assertEquals(new ScaleSimLayer("Conv1", 224, 224, 7, 7, 3, 64, 2, 2), layers.get(0));
        assertEquals(new ScaleSimLayer("FC", 1, 1, 1, 1, 512, 1000, 1, 1), layers.get(20));
        assertEquals("Conv3_s", layers.get(7).name());
        assertEquals(29, layers.get(7).ofmapHeight()); // 56, 1x1, stride 2: ceil(55/2)+1
    }

    @Test
    void readsGemmForm() {
        List<ScaleSimLayer> g = ScaleSimTopology.readGemm(Resources.path("test_mnk_input.csv"));
        assertEquals(List.of(ScaleSimLayer.gemm("Test 1", 256, 128, 256)), g);
        assertEquals(256, g.get(0).ofmapPixels());
        assertEquals(256, g.get(0).windowSize());
        assertEquals(128, g.get(0).numFilters());
        List<String> p = assertThrows(InvalidSpecException.class, () -> ScaleSimTopology.parse("g.csv",
                List.of("Layer, M, N, K,", "a, 1, 2,", "b, 0, 2, 3,"), ScaleSimTopology.Form.GEMM)).problems();
        assertEquals(2, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("g.csv:2: a, 1, 2, — expected 4 fields"), p.get(0));
        assertTrue(p.get(1).startsWith("g.csv:3:4: '0' — M must be a positive integer"), p.get(1));
    }

    @Test
    void blankLinesSparsityAndWhitespaceAreAccepted() {
        List<ScaleSimLayer> l = conv(CONV_HEADER, "", "  A , 8, 8, 3, 3, 2, 4, 1, 1:1,  ", "   ");
        assertEquals(List.of(new ScaleSimLayer("A", 8, 8, 3, 3, 2, 4, 1, 1)), l);
    }

    /** SCALE-Sim splits a layer whose name contains "DP" into one single-channel layer per channel. */
    @Test
    void depthwiseRowsExpandPerChannel() {
        List<ScaleSimLayer> l = conv(CONV_HEADER, "Conv_DP1, 10, 10, 3, 3, 3, 1, 1,", "dp, 10, 10, 3, 3, 3, 1, 1,");
        assertEquals(4, l.size());
        assertEquals(new ScaleSimLayer("Conv_DP1Channel_2", 10, 10, 3, 3, 1, 1, 1, 1), l.get(2));
        assertEquals(3, l.get(3).channels()); // "dp" is not "DP": the match is case-sensitive
    }

    @Test
    void reportsAllRowProblemsTogetherWithLineAndColumn() {
        List<String> p = convProblems(CONV_HEADER,
                "ok, 8, 8, 3, 3, 2, 4, 1,",
                "noComma, 8, 8, 3, 3, 2, 4, 1",
                "bad, 8, x, 3, -3, 2, 4, 0,",
                "big, 4, 4, 5, 3, 2, 4, 1,",
                ", 8, 8, 3, 3, 2, 4, 1,",
                "sparse, 8, 8, 3, 3, 2, 4, 1, 2:4,",
                "short, 8, 8,");
        List<String> expected = List.of(
                "t.csv:3:28: 1 — row does not end with a comma",
                "t.csv:4:9: 'x' — IFMAP Width must be a positive integer",
                "t.csv:4:15: '-3' — Filter Width must be a positive integer",
                "t.csv:4:25: '0' — Strides must be a positive integer",
                "t.csv:5: 5x3 — filter is larger than the ifmap 4x4",
                "t.csv:6:1: '' — empty layer name",
                "t.csv:7:30: '2:4' — only the dense sparsity ratio 1:1",
                "t.csv:8: short, 8, 8, — expected 8 fields");
        assertEquals(expected.size(), p.size(), String.join("\n", p));
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(p.get(i).startsWith(expected.get(i)), "expected " + expected.get(i) + "\n got " + p.get(i));
        }
    }

    @Test
    void missingOrDataLikeHeaderIsAnError() {
        assertEquals(List.of("t.csv:1: empty file: the first line must be the header"), convProblems());
        List<String> p = convProblems("Conv1, 224, 224, 7, 7, 3, 64, 2,", "Conv2, 56, 56, 3, 3, 64, 64, 1,");
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith("t.csv:1:1: Conv1, 224"), p.get(0));
    }

    /** Issue 11 items 6 and 16: huge fields and layers are "too large" with the limit, on their line. */
    @Test
    void hugeValuesAreTooLargeWithTheLimit() {
        List<String> p = convProblems(CONV_HEADER,
                "C1,99999999,99999999,3,3,9999,99999,1,",
                "C2,2147483648,8,3,3,1,1,1,",
                "C3,65536,65536,1,1,1,65536,1,",
                "C4,1,1,1,1,2147483647,1000,1,",
                "C5_DP,3,3,1,1,100000,1,1,");
        assertEquals(List.of(
                "t.csv:2: 9,999,999,400,000,009 — too large: the layer's ofmap pixels must be at most 2,147,483,647",
                "t.csv:3:4: '2147483648' — IFMAP Height is too large: at most 2,147,483,647",
                "t.csv:4: 4,294,967,296 — too large: the layer's ofmap pixels must be at most 2,147,483,647",
                "t.csv:5: 2,147,483,647,000 MACs — too large: a layer, and a whole topology, may have at most "
                        + "1,099,511,627,776 (2^40) MACs",
                "t.csv:6: Channels 100000 — too large: a depthwise row (name with DP) expands to one layer per "
                        + "channel, and a topology may have at most 65,536 layers"), p);
        List<String> g = assertThrows(InvalidSpecException.class, () -> ScaleSimTopology.parse("g.csv",
                List.of("Layer, M, N, K,", "a, 2147483647, 1, 1,", "b, 1, 1, 99999999999999999999,"),
                ScaleSimTopology.Form.GEMM)).problems();
        assertEquals(List.of("g.csv:3:10: '99999999999999999999' — K is too large: at most 2,147,483,647"), g);
        assertEquals(2147483647L, ScaleSimTopology.parse("g.csv", List.of("Layer, M, N, K,", "a, 2147483647, 1, 1,"),
                ScaleSimTopology.Form.GEMM).get(0).ofmapPixels());
    }

    /** Issue 11 item 8: a topology of only its header line has no layers to run and is refused. */
    @Test
    void headerOnlyTopologyIsRefused() {
        assertEquals(List.of("t.csv: no layer rows after the header line; a topology needs at least one layer"),
                convProblems(CONV_HEADER));
        assertEquals(List.of("t.csv: no layer rows after the header line; a topology needs at least one layer"),
                convProblems(CONV_HEADER, "", "  "));
    }

    @Test
    void layerRecordRejectsImpossibleShapes() {
        assertThrows(IllegalArgumentException.class, () -> new ScaleSimLayer("a", 2, 2, 3, 1, 1, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ScaleSimLayer("a", 2, 2, 1, 1, 0, 1, 1, 1));
    }
}
