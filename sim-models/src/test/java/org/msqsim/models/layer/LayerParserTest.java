package org.msqsim.models.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link LayerParser} reads back what {@link Layer#describe()} writes, for every kind and option. */
class LayerParserTest {

    static List<Layer> layers() {
        Shape s = new Shape(64, 56, 56);
        return List.of(
                new Gemm("g", 512, 256, 128),
                new Gemm("g", 3, 4, 5, true, Activation.RELU6),
                new Dense("fc", 25088, 4096, true, Activation.RELU),
                new Dense("fc", 84, 10, false, Activation.NONE),
                new Conv2d("c", 56, 56, 64, 64, 3, 3, 1, 1),
                new Conv2d("c", 224, 224, 3, 64, 7, 7, 2, 3, 1, true, Activation.RELU),
                new Conv2d("dw", 112, 112, 96, 96, 3, 3, 2, 1, 96, true, Activation.RELU6),
                new Conv2d("g2", 27, 27, 96, 256, 5, 3, 1, 2, 2, false, Activation.RELU),
                new MaxPool2d("mp", new Shape(64, 112, 112), 3, 3, 2, 1),
                new AvgPool2d("ap", s, 2, 2, 2, 0),
                new GlobalAvgPool("gap", new Shape(512, 7, 7)),
                new Add("add", s, Activation.RELU),
                new Add("add", s, Activation.NONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void describeRoundTrips(Layer layer) {
        assertEquals(layer, LayerParser.parse(layer.name(), layer.describe()));
    }

    @Test
    void unnamedLayersAreNamedAfterTheirKind() {
        assertEquals("conv", LayerParser.parse("conv:8x8x3->4,3x3").name());
        assertEquals("gap", LayerParser.parse(" gap:7x7x512 ").name());
    }

    @Test
    void optionalPartsTakeTheirDefaults() {
        assertEquals(new Conv2d("conv", 56, 56, 64, 64, 3, 3, 1, 0), LayerParser.parse("conv:56x56x64->64,3x3"));
        assertEquals(new Conv2d("conv", 56, 56, 32, 32, 3, 3, 1, 0, 32, false, Activation.NONE),
                LayerParser.parse("conv:56x56x32->32,3x3,g32"));
        // A pool's stride defaults to its kernel, as PyTorch's does.
        assertEquals(new MaxPool2d("maxpool", new Shape(16, 28, 28), 2, 2, 2, 0),
                LayerParser.parse("maxpool:28x28x16,2x2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"conv:3x3", "gemm:4x4", "pool:8x8x3,2x2", "conv:8x8x3->4,3x3,relu,bias", "dense:10", ""})
    void unknownFormsListEveryForm(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LayerParser.parse(text));
        assertTrue(e.getMessage().startsWith("layer '" + text + "' matches none of the forms gemm:"), e.getMessage());
        assertTrue(e.getMessage().contains("; add:HxWxC[,relu|,relu6] (e.g. conv:56x56x64->64,3x3,s1,p1)"),
                e.getMessage());
    }

    /** Issue 11 item 16: a number with too many digits is "too large" with the limit, not an unknown form. */
    @ParameterizedTest
    @ValueSource(strings = {"gemm:100000000x1x1", "gemm:1x1x99999999999999999999", "conv:8x8x3->4,3x3,s1,p10000000",
        "dense:400->12345678"})
    void hugeNumbersAreTooLargeWithTheLimit(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LayerParser.parse(text));
        assertTrue(e.getMessage().matches("layer '" + java.util.regex.Pattern.quote(text) + "': \\d+ is too large: "
                + "every number in a layer is at most 9,999,999"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gemm:0x4x4", "conv:8x8x6->4,3x3,g4", "maxpool:8x8x3,2x2,s2,p2", "dense:0->3"})
    void impossibleValuesQuoteTheText(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LayerParser.parse(text));
        assertTrue(e.getMessage().startsWith("layer '" + text + "': "), e.getMessage());
    }
}
