package org.msqsim.models.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.msqsim.boards.BoardCatalog;
import org.msqsim.core.resource.CostModel;
import org.msqsim.core.resource.DepthwiseEngineSizing;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.spec.DepthwiseEngineSpec;
import org.msqsim.core.spec.MacKind;
import org.msqsim.models.zoo.ModelZoo;

/** Building one design's spec: a spec, or the reason there is none; fit; the column search. */
class DesignBuilderTest {
    private static final BoardSpec BOARD = BoardCatalog.get("pynq-z2");
    private static final CostModel COST = CostModel.defaults();

    private static DesignBuilder builder() {
        return new DesignBuilder(BOARD, BOARD.accelerator(), COST);
    }

    @Test
    void moreDspSlicesThanTheDeviceHasIsUnbuildableWithTheCount() {
        long clk = BOARD.clocks().maxHz();
        int cols = (int) (BOARD.device().dsp() / 8 + 1);
        SpecBuild s = builder().spec(DesignFamily.DSP_ONLY, 8, 1, cols, 0, clk, 1);
        String reason = assertInstanceOf(SpecBuild.Unbuildable.class, s).reason();
        assertTrue(reason.contains(8L * cols + " DSP slices, the device has " + BOARD.device().dsp()), reason);
    }

    @Test
    void tooWideABufferIsUnbuildable() {
        SpecBuild s = builder().spec(DesignFamily.MSQ, 4096, 1, 0, 1, BOARD.clocks().maxHz(), 1);
        String reason = assertInstanceOf(SpecBuild.Unbuildable.class, s).reason();
        assertTrue(reason.contains("bits wide, more than 4096"), reason);
    }

    @Test
    void aBuildableSpecIsNamedAfterItsShape() {
        DesignBuilder b = builder();
        SpecBuild s = b.spec(DesignFamily.MSQ, 16, 2, 4, 6, 100_000_000L, 0.5);
        AcceleratorSpec spec = assertInstanceOf(SpecBuild.Buildable.class, s).spec();
        assertEquals(BOARD.accelerator().name() + "-16x4x2-dsp+16x6-msq-100mhz-buf0.5", spec.name());
        assertEquals(MacKind.LUT_SP2, spec.lutCore().orElseThrow().mac());
        assertEquals(2, spec.dspCore().orElseThrow().packing());
    }

    /**
     * A design's depthwise engine is the documented rule's at its share, beside its own cores: priced in
     * its fit, named in its spec, none at share 0 (whatever engine the base has).
     */
    @Test
    void theEngineIsSizedByTheRuleBesideTheDesignsCores() {
        DesignBuilder b = builder();
        long clk = BOARD.clocks().defaultHz();
        Design none = b.design(0, DesignFamily.MSQ, 0.2, 16, 2, 8, 8, clk, 1).orElseThrow();
        assertTrue(none.spec().depthwiseEngine().isEmpty());
        assertEquals("-", none.engine());
        Design with = b.design(0, DesignFamily.MSQ, 0.2, 16, 2, 8, 8, clk, 1, 0.05).orElseThrow();
        DepthwiseEngineSpec e = with.spec().depthwiseEngine().orElseThrow();
        assertEquals(DepthwiseEngineSizing.size(COST, none.spec(), BOARD.device(), 0.05), Optional.of(e));
        assertEquals(16, e.pixels());
        assertTrue(with.used().lut() > none.used().lut(), "the engine is priced");
        assertTrue(with.spec().name().endsWith("-dw16x" + e.channels() + "+" + e.sp2Channels()), with.spec().name());
        assertEquals(0.05, with.engineShare());
        Design bigger = b.design(0, DesignFamily.MSQ, 0.2, 16, 2, 8, 8, clk, 1, 0.10).orElseThrow();
        assertTrue(bigger.spec().depthwiseEngine().orElseThrow().lanes() + bigger.spec().depthwiseEngine()
                .orElseThrow().sp2Lanes() > e.lanes() + e.sp2Lanes());
        assertTrue(b.maxCols(DesignFamily.MSQ, 16, 2, 8, 0.10) <= b.maxCols(DesignFamily.MSQ, 16, 2, 8, 0));
    }

    /** Engines only for networks with depthwise layers: elsewhere they would only take LUTs. */
    @Test
    void theGridSearchesEnginesOnlyForDepthwiseNetworks() {
        ExploreGrid g = ExploreGrid.standard();
        assertEquals(ExploreGrid.ENGINE_SHARES, g.forNetwork(ModelZoo.get("mobilenet_v2")).engineShares());
        assertEquals(List.of(), g.forNetwork(ModelZoo.get("resnet18")).engineShares());
        assertEquals(0.0, g.forNetwork(ModelZoo.get("resnet18")).baseEngineShare());
        assertEquals(0.05, g.baseEngineShare());
    }

    @Test
    void maxColsIsTheLargestCountThatFits() {
        DesignBuilder b = builder();
        int max = b.maxCols(DesignFamily.DSP_ONLY, 16, 2, 0);
        assertTrue(max > 0);
        long clk = BOARD.clocks().defaultHz();
        assertTrue(b.design(0, DesignFamily.DSP_ONLY, 0, 16, 2, max, 0, clk, 1).isPresent());
        assertTrue(b.design(0, DesignFamily.DSP_ONLY, 0, 16, 2, max + 1, 0, clk, 1).isEmpty());
        assertEquals(max, b.maxCols(DesignFamily.DSP_ONLY, 16, 2, 0), "cached answer");
    }

    @Test
    void theStagesComeInOrder() {
        List<SearchStage> stages = SearchStage.of(ExploreGrid.small(), BOARD, BOARD.accelerator(), COST);
        assertEquals(List.of(ShapeStage.class, PolishStage.class, RefineStage.class),
                stages.stream().map(Object::getClass).toList());
        List<Design> first = stages.get(0).designs(List.of(), 0);
        assertEquals(new ShapeStage(ExploreGrid.small(), BOARD, BOARD.accelerator(), COST).designs(), first);
        // The small grid refines nothing.
        List<DesignResult> done = first.stream().map(d -> new DesignResult(d, 1, 1)).toList();
        assertEquals(List.of(), stages.get(1).designs(done, first.size()));
        assertEquals(List.of(), stages.get(2).designs(done, first.size()));
    }
}
