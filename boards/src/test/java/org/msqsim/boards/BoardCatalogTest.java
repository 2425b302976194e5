package org.msqsim.boards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.msqsim.core.resource.CostModel;
import org.msqsim.core.resource.DepthwiseEngineSizing;
import org.msqsim.core.resource.FitReport;
import org.msqsim.core.resource.ResourceVector;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.spec.BufferSpec;
import org.msqsim.core.spec.Dataflow;
import org.msqsim.core.spec.DepthwiseEngineSpec;
import org.msqsim.core.spec.FpgaFamily;
import org.msqsim.core.spec.InvalidSpecException;
import org.msqsim.core.spec.MacKind;
import org.msqsim.core.spec.PeArraySpec;

/** Every built-in board loads, matches facts/boards.md, and its default design is within budget. */
class BoardCatalogTest {
    private static final CostModel COST = CostModel.defaults();

    static List<String> ids() {
        return BoardCatalog.ids();
    }

    @Test
    void allBuiltInBoardsLoadInIdOrder() {
        List<BoardSpec> all = BoardCatalog.all();
        assertEquals(8, all.size());
        assertEquals(BoardCatalog.ids(), all.stream().map(BoardSpec::id).toList());
    }

    @ParameterizedTest
    @MethodSource("ids")
    void fileNameIsTheId(String id) {
        assertEquals(id, BoardLoader.loadResource("boards/" + id + ".yaml").id());
        assertEquals(id, BoardCatalog.get(id).id());
    }

    @Test
    void zc706MatchesFacts() {
        BoardSpec b = BoardCatalog.get("zc706");
        assertEquals(FpgaFamily.SERIES7, b.device().family());
        assertEquals(218_600, b.device().lut());
        assertEquals(437_200, b.device().ff());
        assertEquals(900, b.device().dsp());
        assertEquals(545, b.device().bram36());
        assertEquals(64, b.accelerator().ddr().busWidthBits());
        assertEquals(1600, b.accelerator().ddr().dataRateMtps());
        assertEquals(12.8e9, b.accelerator().ddr().peakBytesPerSecond(), 1);
    }

    @Test
    void pynqZ2MatchesFacts() {
        BoardSpec b = BoardCatalog.get("pynq-z2");
        assertEquals("xc7z020clg400-1", b.device().part());
        assertEquals(53_200, b.device().lut());
        assertEquals(220, b.device().dsp());
        assertEquals(140, b.device().bram36());
        assertEquals(16, b.accelerator().ddr().busWidthBits());
        assertEquals(2.1e9, b.accelerator().ddr().peakBytesPerSecond(), 1);
        assertEquals(0.75, b.accelerator().ddr().efficiency());
        assertEquals(100_000_000L, b.clocks().defaultHz());
    }

    @Test
    void ddrPeaksAndEfficienciesMatchFacts() {
        assertEquals(4.2e9, peak("zedboard"), 1);
        assertEquals(4.264e9, peak("ultra96-v2"), 1);
        assertEquals(0.925, BoardCatalog.get("ultra96-v2").accelerator().ddr().efficiency());
        assertEquals(17.064e9, peak("zcu104"), 1);
        assertEquals(17.064e9, peak("zcu102"), 1);
        assertEquals(0.75, BoardCatalog.get("zcu102").accelerator().ddr().efficiency());
        assertEquals(19.2e9, peak("kv260"), 1);
        assertEquals(76.8e9, peak("u250"), 1);
    }

    @Test
    void usPlusDevicesMatchFacts() {
        assertEquals(360, BoardCatalog.get("ultra96-v2").device().dsp());
        assertEquals(1728, BoardCatalog.get("zcu104").device().dsp());
        assertEquals(2520, BoardCatalog.get("zcu102").device().dsp());
        assertEquals(912, BoardCatalog.get("zcu102").device().bram36());
        assertEquals(117_120, BoardCatalog.get("kv260").device().lut());
        assertEquals(64, BoardCatalog.get("kv260").device().uram());
        assertEquals(FpgaFamily.ULTRASCALE_PLUS, BoardCatalog.get("u250").device().family());
    }

    /** The shape rules stated in each board file's comment. */
    @ParameterizedTest
    @MethodSource("ids")
    void budgetRuleDesignHasTheDocumentedShape(String id) {
        BoardSpec b = budgetRule(id);
        AcceleratorSpec acc = b.accelerator();
        PeArraySpec dsp = acc.dspCore().orElseThrow();
        PeArraySpec lut = acc.lutCore().orElseThrow();
        assertEquals(dsp.rows(), lut.rows(), "both cores take the same input rows");
        assertEquals(4, dsp.packing());
        assertEquals(Dataflow.OUTPUT_STATIONARY, dsp.dataflow());
        assertEquals(Dataflow.OUTPUT_STATIONARY, lut.dataflow());
        assertEquals(MacKind.LUT_SP2, lut.mac());
        assertEquals(4, acc.weightBits());
        assertEquals(4, acc.activationBits());
        // The weight buffer feeds both cores one weight per filter column per cycle.
        long weightBits = (long) (dsp.cols() * dsp.packing() + lut.cols()) * acc.weightBits();
        BufferSpec w = acc.weightBuffer();
        assertEquals(weightBits, (long) w.widthBits() * w.banks());
        assertEquals(b.clocks().defaultHz(), acc.controlClockHz());
    }

    /**
     * Each default design's depthwise engine is the documented rule's (docs/cost-model.md "Default
     * designs", step 0: {@link DepthwiseEngineSizing} at {@link DepthwiseEngineSizing#DEFAULT_LUT_SHARE}
     * of the core LUT budget, beside the file's own dense cores), with LUT fixed-point lanes, SP2
     * lanes, and one pixel per dense-core row.
     */
    @ParameterizedTest
    @MethodSource("ids")
    void budgetRuleDesignHasTheRuleDepthwiseEngine(String id) {
        BoardSpec b = budgetRule(id);
        AcceleratorSpec a = b.accelerator();
        DepthwiseEngineSpec e = a.depthwiseEngine().orElseThrow(() -> new AssertionError(id + ": no depthwise engine"));
        assertEquals(DepthwiseEngineSizing.size(COST, a, b.device(), DepthwiseEngineSizing.DEFAULT_LUT_SHARE),
                Optional.of(e), id);
        assertEquals(MacKind.LUT_FIXED, e.fixedMac(), id);
        assertTrue(e.hasSp2Lanes(), id);
        assertEquals(a.dspCore().orElseThrow().rows(), e.pixels(), id);
    }

    /**
     * Every default design, and every budget-rule design it is derived from, fits FINN's ceilings (LUT 70 %,
     * FF 50 %, BRAM/URAM/DSP 80 %) under the cost model.
     */
    @ParameterizedTest
    @MethodSource("ids")
    void defaultDesignFitsWithinTheCeilings(String id) {
        BoardSpec b = BoardCatalog.get(id);
        for (BoardSpec d : List.of(b, budgetRule(id))) {
            FitReport fit = COST.fitWithinCeilings(d.accelerator(), d.device());
            assertTrue(fit.fits(), id + " " + d.accelerator().name() + ": " + fit.overSubscribed());
        }
    }

    /**
     * The board with its {@code budget-rule} design as its accelerator: the design the budget rule sizes
     * (docs/cost-model.md "Default designs", steps 0-5) and {@code explore --derive-default} starts from.
     */
    static BoardSpec budgetRule(String id) {
        BoardSpec b = BoardCatalog.get(id);
        return b.withAccelerator(b.design("budget-rule").orElseThrow(() -> new AssertionError(id + ": no budget-rule design")));
    }

    /**
     * The DSP core takes at least 60 % of the DSP slices, unless the design's shape forbids it: a
     * DSP core of 60 % of the slices beside the smallest LUT core the shape allows ({@code rows × 4}:
     * the LUT core's column count moves in fours so that the weight buffer is whole 16-bit banks)
     * would already break the LUT ceiling, because each packed DSP PE carries its canary and
     * carry-counter fabric and each column its lane resolve. The exemption is checked, not granted
     * by name.
     */
    @ParameterizedTest
    @MethodSource("ids")
    void dspCoreIsAtLeastSixtyPercentOfTheSlicesUnlessLutsForbidIt(String id) {
        BoardSpec b = budgetRule(id);
        PeArraySpec dsp = b.accelerator().dspCore().orElseThrow();
        PeArraySpec lut = b.accelerator().lutCore().orElseThrow();
        if (dsp.multipliers() >= 0.60 * b.device().dsp()) {
            return;
        }
        int cols = (int) Math.ceil(0.60 * b.device().dsp() / dsp.rows());
        PeArraySpec sixty = dsp.withShape(dsp.rows(), cols);
        PeArraySpec smallest = lut.withShape(lut.rows(), 4);
        AcceleratorSpec atSixty = b.accelerator().withCores(Optional.of(sixty), Optional.of(smallest));
        FitReport fit = COST.fitWithinCeilings(atSixty, b.device());
        assertTrue(fit.overSubscribed().stream().anyMatch(s -> s.startsWith("LUT ")),
                id + ": DSP core " + dsp.multipliers() + " of " + b.device().dsp() + " slices is under 60 %, yet a "
                        + dsp.rows() + "×" + cols + " DSP core beside a " + lut.rows() + "×4 LUT core fits the LUT"
                        + " ceiling: " + fit.utilisation());
    }

    /**
     * The documented split: the core LUT budget is 70 % of the LUTs less the overheads' LUTs, and the
     * DSP core has the most columns within 80 % of the DSP slices (less any the memory controller
     * takes) whose LUTs leave the LUT core and the depthwise engine at least 15 % of that budget; or, where that would put the
     * DSP core below 60 % of the slices and {@link #dspCoreIsAtLeastSixtyPercentOfTheSlicesUnlessLutsForbidIt}
     * finds 60 % possible, exactly 60 %.
     */
    @ParameterizedTest
    @MethodSource("ids")
    void dspCoreHasTheMostColumnsTheSplitAllows(String id) {
        BoardSpec b = budgetRule(id);
        AcceleratorSpec a = b.accelerator();
        PeArraySpec dsp = a.dspCore().orElseThrow();
        long overheadLut = COST.overheads(a, b.device()).values().stream().mapToLong(ResourceVector::lut).sum();
        long overheadDsp = COST.overheads(a, b.device()).values().stream().mapToLong(ResourceVector::dsp).sum();
        long budget = (long) Math.floor(0.70 * b.device().lut()) - overheadLut;
        long dspCap = (long) Math.floor(0.80 * b.device().dsp()) - overheadDsp;
        IntPredicate allowed = c -> (long) dsp.rows() * c <= dspCap
                && COST.peArray(dsp.withShape(dsp.rows(), c), a.weightBits(), a.activationBits(),
                        b.device().family()).lut() <= budget - Math.ceil(0.15 * budget);
        int sixty = (int) Math.ceil(0.60 * b.device().dsp() / dsp.rows());
        if (!allowed.test(sixty) && dsp.cols() == sixty) {
            return; // the 60 % floor, where the split would leave the DSP core below it (U250's four MIGs)
        }
        assertTrue(allowed.test(dsp.cols()), id + ": " + dsp.cols() + " DSP-core columns break the split");
        assertFalse(allowed.test(dsp.cols() + 1), id + ": the split allows " + (dsp.cols() + 1) + " DSP-core columns");
    }

    /**
     * The LUT core uses the LUTs the DSP core and the depthwise engine leave: what remains below the 70 % LUT
     * ceiling is less than four more LUT-core columns, or than one more weight-buffer bank's worth of them (the
     * whole banks round the column count: a 64-bit bank of 4-bit weights feeds 16 columns).
     */
    @ParameterizedTest
    @MethodSource("ids")
    void lutCoreTakesTheRemainingLutBudget(String id) {
        BoardSpec b = budgetRule(id);
        FitReport fit = COST.fitWithinCeilings(b.accelerator(), b.device());
        PeArraySpec lut = b.accelerator().lutCore().orElseThrow();
        long perColumn = COST.peArray(lut, 4, 4, b.device().family()).lut() / lut.cols();
        long headroom = fit.allowed().lut() - fit.used().lut();
        long columnsPerBank = b.accelerator().weightBuffer().widthBits() / b.accelerator().weightBits();
        assertTrue(headroom < Math.max(4, columnsPerBank) * perColumn, id + ": " + headroom
                + " LUT left below the ceiling, "
                + perColumn + " per LUT-core column");
    }

    @Test
    void unknownNameListsKnownBoardsAndSuggests() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> BoardCatalog.get("zc70"));
        assertEquals(1, e.problems().size());
        String line = e.problems().get(0);
        assertTrue(line.startsWith("zc70: unknown board; did you mean 'zc706'?"), line);
        BoardCatalog.ids().forEach(id -> assertTrue(line.contains(id), line));
    }

    /** Issue 11 item 18: a path that does not exist is "no such file", not an unknown board id. */
    @Test
    void aMissingPathIsNoSuchFile(@TempDir Path dir) {
        assertEquals(List.of("nonexist.yaml: no such file (give a built-in board id: " + String.join(", ",
                BoardCatalog.ids()) + "; or the path of a board YAML file)"),
                assertThrows(InvalidSpecException.class, () -> BoardCatalog.get("nonexist.yaml")).problems());
        String missing = dir.resolve("b").toString();
        assertTrue(assertThrows(InvalidSpecException.class, () -> BoardCatalog.get(missing)).problems().get(0)
                .startsWith(missing + ": no such file"));
        assertEquals(List.of(dir + ": is a directory, not a board file"),
                assertThrows(InvalidSpecException.class, () -> BoardCatalog.get(dir.toString())).problems());
    }

    @Test
    void aPathLoadsAUserBoardFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("mine.yaml");
        Files.writeString(f, resource("zc706").replace("id: zc706", "id: mine"));
        assertEquals("mine", BoardCatalog.get(f.toString()).id());
    }

    private static double peak(String id) {
        return BoardCatalog.get(id).accelerator().ddr().peakBytesPerSecond();
    }

    /** A frozen board file under test resources {@code fixtures/} (not a shipped board). */
    static String fixture(String name) throws IOException {
        try (var in = Optional.ofNullable(BoardCatalogTest.class.getClassLoader()
                .getResourceAsStream("fixtures/" + name + ".yaml")).orElseThrow()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String resource(String id) throws IOException {
        try (var in = Optional.ofNullable(BoardCatalogTest.class.getClassLoader()
                .getResourceAsStream("boards/" + id + ".yaml")).orElseThrow()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
