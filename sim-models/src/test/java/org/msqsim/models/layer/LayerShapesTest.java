package org.msqsim.models.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Shapes, GEMM lowering, MACs, parameters and element operations of each layer kind, by hand. */
class LayerShapesTest {

    @Test
    void denseConvolutionLowersToOneGemm() {
        // ResNet-18 layer2.0.conv1: 56×56×64 → 128, 3×3, stride 2, pad 1 → 128×28×28.
        Conv2d c = new Conv2d("c", 56, 56, 64, 128, 3, 3, 2, 1, 1, true, Activation.RELU);
        assertEquals(new Shape(128, 28, 28), c.outputShape());
        assertEquals(new Shape(64, 56, 56), c.inputShape());
        assertEquals(1, c.groups());
        assertEquals(128, c.gemmM());
        assertEquals(64 * 9, c.gemmK());
        assertEquals(28 * 28, c.gemmN());
        assertEquals(128L * 64 * 9 * 28 * 28, c.macs());
        assertEquals(128L * 64 * 9 + 128, c.params());
        assertEquals(128L * 64 * 9, c.weightCount());
        assertEquals(0, c.elementOps());
        assertFalse(c.depthwise());
    }

    @Test
    void depthwiseConvolutionLowersToOneRowPerChannel() {
        // MobileNet-v2 features.14.conv.1.0: 14×14×576 depthwise 3×3, stride 2 → 576×7×7.
        Conv2d d = new Conv2d("dw", 14, 14, 576, 576, 3, 3, 2, 1, 576, false, Activation.RELU6);
        assertTrue(d.depthwise());
        assertEquals(576, d.groups());
        assertEquals(1, d.gemmM());
        assertEquals(9, d.gemmK());
        assertEquals(49, d.gemmN());
        assertEquals(new Shape(576, 7, 7), d.outputShape());
        assertEquals(576L * 9 * 49, d.macs()); // K·(C/groups)·R·S·Ho·Wo
        assertEquals(576L * 9, d.params());
    }

    @Test
    void groupedConvolutionSplitsChannels() {
        // AlexNet-style two groups: 27×27×96 → 256, 5×5, pad 2 (Krizhevsky et al. 2012, conv2).
        Conv2d g = new Conv2d("g", 27, 27, 96, 256, 5, 5, 1, 2, 2, false, Activation.NONE);
        assertFalse(g.depthwise());
        assertEquals(128, g.gemmM());
        assertEquals(48 * 25, g.gemmK());
        assertEquals(27 * 27, g.gemmN());
        assertEquals(256L * 48 * 25 * 27 * 27, g.macs());
        assertEquals(256L * 48 * 25, g.params());
    }

    @Test
    void legacyConstructorsMeanOneGroupNoBiasNoActivation() {
        assertEquals(new Conv2d("c", 8, 8, 3, 4, 3, 3, 1, 1, 1, false, Activation.NONE),
                new Conv2d("c", 8, 8, 3, 4, 3, 3, 1, 1));
        assertEquals(new Gemm("g", 4, 5, 6, false, Activation.NONE), new Gemm("g", 4, 5, 6));
    }

    @Test
    void denseIsAGemmWithOneColumnAndFlattensItsInput() {
        Dense fc = new Dense("fc", 25088, 4096, true, Activation.RELU);
        assertEquals(4096, fc.gemmM());
        assertEquals(25088, fc.gemmK());
        assertEquals(1, fc.gemmN());
        assertEquals(25088L * 4096, fc.macs());
        assertEquals(25088L * 4096 + 4096, fc.params());
        assertEquals(new Shape(4096, 1, 1), fc.outputShape());
        assertTrue(fc.acceptsInput(new Shape(512, 7, 7)));
        assertTrue(fc.acceptsInput(new Shape(25088, 1, 1)));
        assertFalse(fc.acceptsInput(new Shape(512, 7, 8)));
    }

    @Test
    void gemmReadsKFeaturesOverNColumns() {
        Gemm g = new Gemm("g", 64, 10, 32);
        assertEquals(new Shape(32, 1, 10), g.inputShape());
        assertEquals(new Shape(64, 1, 10), g.outputShape());
        assertEquals(64L * 10 * 32, g.macs());
        assertEquals(64L * 32, g.params());
    }

    @Test
    void poolsAndAddsCountElementOpsNotMacs() {
        // ResNet stem pool: 64×112×112, 3×3 stride 2 pad 1 → 64×56×56; 8 comparisons per output.
        MaxPool2d mp = new MaxPool2d("mp", new Shape(64, 112, 112), 3, 3, 2, 1);
        assertEquals(new Shape(64, 56, 56), mp.outputShape());
        assertEquals(64L * 56 * 56 * 8, mp.elementOps());
        AvgPool2d ap = new AvgPool2d("ap", new Shape(16, 8, 8), 2, 2, 2, 0);
        assertEquals(new Shape(16, 4, 4), ap.outputShape());
        assertEquals(16L * 4 * 4 * 4, ap.elementOps());
        GlobalAvgPool gap = new GlobalAvgPool("gap", new Shape(1280, 7, 7));
        assertEquals(new Shape(1280, 1, 1), gap.outputShape());
        assertEquals(1280L * 49, gap.elementOps());
        Add add = new Add("add", new Shape(64, 56, 56), Activation.RELU);
        assertEquals(2, add.arity());
        assertEquals(add.inputShape(), add.outputShape());
        assertEquals(64L * 56 * 56, add.elementOps());
        for (Layer l : new Layer[] {mp, ap, gap, add}) {
            assertEquals(0, l.macs(), l.name());
            assertEquals(0, l.params(), l.name());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "groups that do not divide C | groups 3 must be >= 1 and divide both input channels 8 and output channels 6",
        "kernel beyond padded input  | kernel 9x9 is larger than the padded input 8x8",
        "zero stride                 | stride must be >= 1",
    })
    void badConvolutionsAreRejected(String what, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            switch (what) {
                case "groups that do not divide C" -> new Conv2d("c", 8, 8, 8, 6, 3, 3, 1, 1, 3, false, Activation.NONE);
                case "kernel beyond padded input" -> new Conv2d("c", 8, 8, 8, 6, 9, 9, 1, 0, 1, false, Activation.NONE);
                default -> new Conv2d("c", 8, 8, 8, 6, 3, 3, 0, 1, 1, false, Activation.NONE);
            }
        });
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void poolPaddingBeyondHalfTheKernelIsRejectedAsPyTorchDoes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MaxPool2d("p", new Shape(4, 8, 8), 2, 2, 2, 2));
        assertTrue(e.getMessage().contains("pool padding 2 exceeds half the kernel 2x2"), e.getMessage());
    }

    @Test
    void shapesMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new Shape(0, 1, 1));
        assertEquals("64×56×56", new Shape(64, 56, 56).toString());
        assertEquals(64L * 56 * 56, new Shape(64, 56, 56).elements());
    }
}
