package org.msqsim.models.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.msqsim.boards.BoardCatalog;
import org.msqsim.core.hw.compute.BufferPorts;
import org.msqsim.core.hw.compute.FeedStall;
import org.msqsim.core.resource.OutputStageSizing;
import org.msqsim.core.resource.CostModel;
import org.msqsim.core.resource.DepthwiseEngineSizing;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.spec.DepthwiseEngineSpec;
import org.msqsim.core.spec.MacKind;
import org.msqsim.models.zoo.ModelZoo;

/** Building one design's spec: a spec, or the reason there is none; fit; the column search. */
class DesignBuilderTest {
    private static final BoardSpec BOARD = BoardCatalog.get("pynq-z2", "budget-rule");
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
        SpecBuild s = builder().spec(DesignFamily.MSQ, Design.OUTPUT_STATIONARY, 4096, 1, 0, 1, BOARD.clocks().maxHz(),
                1);
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
    void eachCoreRunsAtMostAtItsKindsDocumentedClock() {
        // ZCU104 documents its DSP arrays at 305 MHz (the DPU) and LUT arrays at 185 MHz (FINN MobileNet-v1)
        BoardSpec zcu104 = BoardCatalog.get("zcu104", "budget-rule");
        DesignBuilder b = new DesignBuilder(zcu104, zcu104.accelerator(), COST);
        long top = ExploreGrid.fastest(zcu104.clocks());
        assertEquals(305_000_000L, top);
        AcceleratorSpec spec = assertInstanceOf(SpecBuild.Buildable.class,
                b.spec(DesignFamily.MSQ, 16, 4, 4, 4, 325_000_000L, 1)).spec();
        assertEquals(305_000_000L, spec.dspCore().orElseThrow().clockHz());
        assertEquals(185_000_000L, spec.lutCore().orElseThrow().clockHz());
        assertTrue(spec.name().endsWith("-305+185mhz-buf1.0"), spec.name());
        Design d = b.design(0, DesignFamily.MSQ, 0.5, 16, 4, 4, 4, 325_000_000L, 1).orElseThrow();
        assertEquals(305_000_000L, d.clockHz());
        assertEquals("305/185", d.clockMhzText());
        // below both documented clocks nothing is held back; with the assumption lifted, both reach max_mhz
        Design slow = b.design(0, DesignFamily.MSQ, 0.5, 16, 4, 4, 4, 150_000_000L, 1).orElseThrow();
        assertEquals("150", slow.clockMhzText());
        BoardSpec assumed = zcu104.withClocks(zcu104.clocks().assumingMax());
        Design fast = new DesignBuilder(assumed, assumed.accelerator(), COST)
                .design(0, DesignFamily.MSQ, 0.5, 16, 4, 4, 4, 325_000_000L, 1).orElseThrow();
        assertEquals("325", fast.clockMhzText());
        // the swept clocks stop at the fastest documented one and include both kinds' documented clocks
        List<Long> clocks = ExploreGrid.clocks(zcu104.clocks());
        assertTrue(clocks.contains(185_000_000L) && clocks.contains(305_000_000L), clocks.toString());
        assertTrue(clocks.stream().allMatch(c -> c <= top), clocks.toString());
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
        assertEquals(List.of(ShapeStage.class, FractionStage.class, PolishStage.class, RefineStage.class),
                stages.stream().map(Object::getClass).toList());
        List<Design> first = stages.get(0).designs(List.of(), 0);
        assertEquals(new ShapeStage(ExploreGrid.small(), BOARD, BOARD.accelerator(), COST).designs(), first);
        // The small grid refines nothing.
        List<DesignResult> done = first.stream().map(d -> new DesignResult(d, 1, 1)).toList();
        assertEquals(List.of(), stages.get(1).designs(done, first.size()));
        assertEquals(List.of(), stages.get(2).designs(done, first.size()));
        assertEquals(List.of(), stages.get(3).designs(done, first.size()));
    }

    /**
     * Buffer ports (issue 13 point 10): a dot-product core reads one weight per product per clock, so
     * its weight buffer gets rows × as many banks as an output-stationary core of the same columns,
     * at the same capacity; vector PEs widen the input buffer by V.
     */
    @Test
    void eachOrganisationGetsThePortsItsDataflowReads() {
        DesignBuilder b = builder();
        long clk = BOARD.clocks().maxHz();
        Organisations os = Design.OUTPUT_STATIONARY;
        Organisations dot = new Organisations(CoreOrganisation.DOT, CoreOrganisation.DOT);
        Organisations v4 = new Organisations(CoreOrganisation.OS.withLanes(4), CoreOrganisation.OS);
        AcceleratorSpec a = assertInstanceOf(SpecBuild.Buildable.class,
                b.spec(DesignFamily.MSQ, os, 8, 4, 4, 4, clk, 1)).spec();
        AcceleratorSpec d = assertInstanceOf(SpecBuild.Buildable.class,
                b.spec(DesignFamily.MSQ, dot, 8, 4, 4, 4, clk, 1)).spec();
        AcceleratorSpec v = assertInstanceOf(SpecBuild.Buildable.class,
                b.spec(DesignFamily.MSQ, v4, 8, 4, 4, 4, clk, 1)).spec();
        int w = BOARD.accelerator().weightBits();
        int width = a.weightBuffer().widthBits();
        // OS: (4 columns × 4 filters + 4 columns) weights a clock
        assertEquals(ceilDiv((4 * 4 + 4) * w, width), a.weightBuffer().banks());
        // dot: every PE's 8 lanes × its filters a clock, the same capacity
        assertEquals(ceilDiv((4 * 8 * 4 + 4 * 8) * w, width), d.weightBuffer().banks());
        assertEquals(a.weightBuffer().capacityBytes(), d.weightBuffer().capacityBytes());
        assertTrue(COST.fitWithinCeilings(d, BOARD.device()).used().bram18()
                > COST.fitWithinCeilings(a, BOARD.device()).used().bram18(), "wider ports cost block RAM");
        // os-v4 DSP core: 4 lanes per PE read 4 weights per filter and 4 activations per row
        assertEquals(ceilDiv((4 * 4 * 4 + 4) * w, width), v.weightBuffer().banks());
        assertEquals(4 * a.inputBuffer().widthBits(), v.inputBuffer().widthBits());
        assertEquals(a.inputBuffer().widthBits(), d.inputBuffer().widthBits(), "dot: one vector, broadcast");
    }

    /**
     * Invariant (issue 13 point 10): every design {@code explore} builds has ports that feed its cores
     * ({@link BufferPorts}: no {@code FeedStall}), on every board, every family, every pair of standard
     * organisations, several shapes, packings and buffer scales — explore sizes the ports, so the stall
     * model never fires on its designs; nor on their depthwise engines' reads of the input buffer
     * ({@link BufferPorts#engineStall}, {@code DepthwiseEngineSizing.withEnginePort}).
     */
    @Test
    void exploreDesignsNeverStallOnTheirPorts() {
        int checked = 0;
        int engines = 0;
        for (BoardSpec board : BoardCatalog.all()) {
            DesignBuilder b = new DesignBuilder(board, board.accelerator(), COST);
            long clk = board.clocks().maxHz();
            for (DesignFamily fam : DesignFamily.values()) {
                for (CoreOrganisation dspOrg : CoreOrganisation.STANDARD) {
                    for (CoreOrganisation lutOrg : CoreOrganisation.STANDARD) {
                        for (int[] shape : new int[][] {{8, 4, 4, 4}, {16, 2, 11, 0}, {32, 4, 0, 9}, {4, 1, 3, 7}}) {
                            for (double scale : new double[] {0.5, 1, 2}) {
                                if (fam == DesignFamily.DSP_ONLY && shape[3] > 0) {
                                    continue;
                                }
                                // a depthwise engine on a third of the designs each at two shares (its input port)
                                double share = new double[] {0, 0.05, 0.15}[(checked + engines) % 3];
                                SpecBuild s = b.spec(fam, new Organisations(dspOrg, lutOrg), shape[0], shape[1],
                                        shape[2], shape[3], clk, scale, share);
                                if (s instanceof SpecBuild.Buildable ok) {
                                    for (BufferPorts.CoreFeed f : BufferPorts.feeds(ok.spec())) {
                                        assertEquals(FeedStall.NONE, f.stall(), () -> ok.spec().name() + " " + f);
                                    }
                                    assertEquals(1, BufferPorts.engineStall(ok.spec()), () -> ok.spec().name() + " "
                                            + BufferPorts.enginePort(ok.spec()));
                                    engines += ok.spec().depthwiseEngine().isPresent() ? 1 : 0;
                                    checked++;
                                }
                            }
                        }
                    }
                }
            }
        }
        assertTrue(checked > 1000, "too few buildable designs: " + checked);
        assertTrue(engines > 300, "too few designs with a depthwise engine: " + engines);
    }

    /**
     * The input banks a board default has for its depthwise engine do not leak into the designs explore
     * builds from it: built from the default (e.g. ZC706's 16 banks) or from the same default with only the
     * banks its cores read (4), every shape gets the same spec, with or without an engine of its own.
     */
    @Test
    void theDefaultsEngineBanksDoNotLeakIntoExploredDesigns() {
        int moved = 0;
        for (String id : BoardCatalog.ids()) { // the budget-rule designs: banks sized by the rule
            BoardSpec board = BoardCatalog.get(id, "budget-rule");
            AcceleratorSpec base = board.accelerator();
            long cores = BufferPorts.feeds(base).stream().mapToLong(f -> f.activations().needBits()).max()
                    .orElseThrow();
            int coreBanks = (int) ((cores + base.inputBuffer().widthBits() - 1) / base.inputBuffer().widthBits());
            AcceleratorSpec coresOnly = base.withBuffers(base.inputBuffer().withBanks(coreBanks), base.weightBuffer(),
                    base.outputBuffer());
            moved += coreBanks != base.inputBuffer().banks() ? 1 : 0;
            DesignBuilder a = new DesignBuilder(board, base, COST);
            DesignBuilder b = new DesignBuilder(board, coresOnly, COST);
            long clk = board.clocks().defaultHz();
            for (int[] shape : new int[][] {{8, 4, 4, 4}, {16, 2, 11, 0}, {32, 4, 0, 9}}) {
                for (double share : new double[] {0, 0.05}) {
                    assertEquals(b.spec(DesignFamily.MSQ, shape[0], shape[1], shape[2], shape[3], clk, 1, share),
                            a.spec(DesignFamily.MSQ, shape[0], shape[1], shape[2], shape[3], clk, 1, share),
                            board.id() + " " + java.util.Arrays.toString(shape) + " share " + share);
                }
            }
        }
        // PYNQ-Z2's engine, re-sized beside its output stage's lanes, fits the 4 banks its cores read
        assertTrue(moved >= 4, "defaults whose engines widened their input banks: " + moved);
    }

    /**
     * Every explored design's output stage has the lanes of the documented rule for its own cores and engine
     * ({@code OutputStageSizing}), whatever lanes the base design has, and they are priced: a design with
     * more lanes uses more DSP slices than the same design with the rows rule's lanes.
     */
    @Test
    void exploredDesignsGetTheRulesOutputLanes() {
        int checked = 0;
        for (BoardSpec board : BoardCatalog.all()) {
            AcceleratorSpec base = board.accelerator();
            DesignBuilder a = new DesignBuilder(board, base, COST);
            DesignBuilder b = new DesignBuilder(board, base.withFusion(base.fusion().withLanes(OptionalInt.of(1))),
                    COST);
            long clk = board.clocks().defaultHz();
            for (int[] shape : new int[][] {{8, 4, 4, 4}, {16, 2, 11, 0}, {32, 4, 0, 9}, {16, 4, 20, 30}}) {
                for (double share : new double[] {0, 0.05}) {
                    SpecBuild sa = a.spec(DesignFamily.MSQ, shape[0], shape[1], shape[2], shape[3], clk, 1, share);
                    assertEquals(b.spec(DesignFamily.MSQ, shape[0], shape[1], shape[2], shape[3], clk, 1, share), sa,
                            board.id() + ": the base's lanes do not leak");
                    if (sa instanceof SpecBuild.Buildable built) {
                        AcceleratorSpec s = built.spec();
                        assertEquals(OptionalInt.of(OutputStageSizing.lanes(s)), s.fusion().lanes(), s.name());
                        AcceleratorSpec rows = s.withFusion(s.fusion().withLanes(OptionalInt.empty()));
                        long dspDiff = COST.accelerator(s, board.device()).total().dsp()
                                - COST.accelerator(rows, board.device()).total().dsp();
                        assertEquals(s.outputLanes() - rows.outputLanes(), dspDiff, s.name() + ": one DSP slice a lane");
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 40, "too few buildable designs: " + checked);
    }

    @Test
    void organisationLabelsRoundTripAndBadOnesAreNamed() {
        for (CoreOrganisation o : CoreOrganisation.STANDARD) {
            assertEquals(o, CoreOrganisation.parse(o.label()));
        }
        assertEquals(CoreOrganisation.WS.withLanes(4), CoreOrganisation.parse("ws-v4"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CoreOrganisation.parse("diagonal"));
        assertTrue(e.getMessage().contains("'diagonal'"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CoreOrganisation.parse("dot-v4"));
    }

    /**
     * Column sets (issue 13 point 5b): an {@code os-s4} core gets 4 sets, an input buffer 4× as wide
     * (4 sets of rows read pixels of their own) and the boundary muxes in its LUTs; a core of fewer
     * columns than sets cannot be built; the labels round-trip.
     */
    @Test
    void columnSetsWidenTheInputPortAndCostTheirMuxes() {
        DesignBuilder b = builder();
        long clk = BOARD.clocks().maxHz();
        CoreOrganisation s4 = CoreOrganisation.OS.withColumnSets(4);
        Organisations sets = new Organisations(s4, s4);
        AcceleratorSpec a = assertInstanceOf(SpecBuild.Buildable.class,
                b.spec(DesignFamily.MSQ, Design.OUTPUT_STATIONARY, 8, 4, 8, 8, clk, 1)).spec();
        AcceleratorSpec s = assertInstanceOf(SpecBuild.Buildable.class,
                b.spec(DesignFamily.MSQ, sets, 8, 4, 8, 8, clk, 1)).spec();
        assertEquals(4, s.dspCore().orElseThrow().columnSets());
        assertEquals(4, s.lutCore().orElseThrow().columnSets());
        assertEquals(4 * a.inputBuffer().widthBits(), s.inputBuffer().widthBits());
        assertEquals(a.weightBuffer(), s.weightBuffer());
        int act = BOARD.accelerator().activationBits();
        // 8 rows × 3 boundaries × A bits, per core
        assertEquals(2L * 8 * 3 * act, COST.peArray(s.dspCore().orElseThrow(), 4, act,
                BOARD.device().family()).lut() - COST.peArray(a.dspCore().orElseThrow(), 4, act,
                BOARD.device().family()).lut() + COST.peArray(s.lutCore().orElseThrow(), 4, act,
                BOARD.device().family()).lut() - COST.peArray(a.lutCore().orElseThrow(), 4, act,
                BOARD.device().family()).lut());
        assertInstanceOf(SpecBuild.Unbuildable.class, b.spec(DesignFamily.MSQ, sets, 8, 4, 2, 8, clk, 1));
        assertEquals(s4, CoreOrganisation.parse("os-s4"));
        assertEquals(CoreOrganisation.OS.withLanes(2).withColumnSets(8), CoreOrganisation.parse("os-v2-s8"));
        assertEquals("os-v2-s8", CoreOrganisation.parse("os-v2-s8").label());
        assertEquals(CoreOrganisation.DOT.withColumnSets(2), CoreOrganisation.parse("dot-s2"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CoreOrganisation.parse("os-s3"));
    }

    /**
     * Column sets on dot-product cores (docs/core-organisations.md "Column sets on dot-product arrays"):
     * a {@code dot-s4} core reads 4 input vectors a clock, so its input buffer is 4× as wide; the weight
     * port is unchanged (the sets' weights are replicated in the banks at load).
     */
    @Test
    void dotProductColumnSetsWidenTheInputPort() {
        DesignBuilder b = builder();
        long clk = BOARD.clocks().maxHz();
        CoreOrganisation dot = CoreOrganisation.DOT;
        CoreOrganisation s4 = dot.withColumnSets(4);
        AcceleratorSpec a = assertInstanceOf(SpecBuild.Buildable.class,
                b.spec(DesignFamily.MSQ, new Organisations(dot, dot), 16, 4, 8, 8, clk, 1)).spec();
        AcceleratorSpec s = assertInstanceOf(SpecBuild.Buildable.class,
                b.spec(DesignFamily.MSQ, new Organisations(s4, s4), 16, 4, 8, 8, clk, 1)).spec();
        assertEquals(4, s.lutCore().orElseThrow().columnSets());
        assertEquals(4 * a.inputBuffer().widthBits(), s.inputBuffer().widthBits());
        assertEquals(a.weightBuffer(), s.weightBuffer());
        assertEquals("dot-s4", s4.label());
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
