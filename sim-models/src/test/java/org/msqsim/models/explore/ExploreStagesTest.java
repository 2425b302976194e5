package org.msqsim.models.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.msqsim.boards.BoardCatalog;
import org.msqsim.boards.BoardWriter;
import org.msqsim.core.resource.CostModel;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.trace.TraceSink;
import org.msqsim.models.exec.NetworkRun;
import org.msqsim.models.exec.NetworkRunner;
import org.msqsim.models.zoo.ModelZoo;

/**
 * The standard grid's three stages, in process, on a small network: determinism, fit, what each adds
 * (moved here from the cli module, which was the only one that could see the board catalogue).
 */
class ExploreStagesTest {
    /**
     * PYNQ-Z2 with its whole clock range assumed: its documented clocks (100 MHz for both core kinds)
     * would leave stage 3 one clock to try; {@code DesignBuilderTest} covers the documented ceilings.
     */
    private static final BoardSpec BOARD = BoardCatalog.get("pynq-z2", "budget-rule")
            .withClocks(BoardCatalog.get("pynq-z2", "budget-rule").clocks().assumingMax());
    private static final CostModel COST = CostModel.defaults();

    private static Explorer.Outcome twoJobs;

    /** The two-thread outcome, computed once for the tests that only read it. */
    private static synchronized Explorer.Outcome explored() {
        if (twoJobs == null) {
            twoJobs = explore(2);
        }
        return twoJobs;
    }

    private static Explorer.Outcome explore(int jobs) {
        return new Explorer(ModelZoo.get("cifar_net"), BOARD.device().family().dsp(), jobs)
                .explore(ExploreGrid.standard(), BOARD, BOARD.accelerator(), COST, null, null);
    }

    /**
     * ZC706 offers the PS DDR through the HP ports beside the PL DDR's MIG. explore searches the base
     * design's memory (the sweep's Search cannot yet carry the memory); the other one is searched from
     * a base on it, and there, without the MIG's LUTs, a design fits LUT cores a MIG design cannot.
     */
    @Test
    void eitherMemoryOfABoardCanBeSearched() {
        BoardSpec zc706 = BoardCatalog.get("zc706", "budget-rule");
        Explorer x = new Explorer(ModelZoo.get("cifar_net"), zc706.device().family().dsp(), 2);
        Explorer.Outcome mig = x.explore(ExploreGrid.small(), zc706, zc706.accelerator(), COST, null, null);
        AcceleratorSpec onPs = zc706.accelerator().withDdr(zc706.altDdr().orElseThrow());
        Explorer.Outcome ps = x.explore(ExploreGrid.small(), zc706, onPs, COST, null, null);
        for (DesignResult r : mig.results()) {
            assertEquals("MIG", r.design().memory());
            assertEquals(zc706.accelerator().ddr(), r.design().spec().ddr());
        }
        for (DesignResult r : ps.results()) {
            assertEquals("PS DDR", r.design().memory());
            assertEquals(zc706.altDdr().orElseThrow(), r.design().spec().ddr());
        }
        int migCols = mig.results().stream().mapToInt(r -> r.design().lutCols()).max().orElseThrow();
        int psCols = ps.results().stream().mapToInt(r -> r.design().lutCols()).max().orElseThrow();
        assertTrue(psCols > migCols, "PS DDR " + psCols + " LUT columns, MIG " + migCols);
    }

    @Test
    void allStagesAreDeterministicFitAndIndexedOnce() {
        Explorer.Outcome one = explore(1);
        Explorer.Outcome two = explored();
        assertEquals(one, two);
        List<Design> stageOne = new ShapeStage(ExploreGrid.standard(), BOARD, BOARD.accelerator(), COST).designs();
        assertTrue(one.evaluated() > stageOne.size(), "stages 2 and 3 add designs");
        Set<Integer> indices = new HashSet<>();
        Set<DesignKey> specs = new HashSet<>();
        for (DesignResult r : one.results()) {
            Design d = r.design();
            assertTrue(indices.add(d.index()), "index " + d.index() + " twice");
            assertTrue(specs.add(DesignKey.of(d)), "evaluated twice: " + d.spec().name());
            assertTrue(COST.fitWithinCeilings(d.spec(), BOARD.device()).fits(), d.spec().name());
            assertEquals(d.family() == DesignFamily.DSP_ONLY, d.fraction() == 0, d.spec().name());
            d.spec().lutCore().ifPresent(l -> assertEquals(d.spec().dspCore().map(c -> c.rows()).orElse(l.rows()),
                    l.rows(), "both cores share rows"));
        }
        assertEquals(one.evaluated() - 1, indices.stream().mapToInt(i -> i).max().orElseThrow(), "indices 0..n-1");
    }

    /**
     * Issue 13 point 5: stage 2 tries row counts off the stage-1 grid (multiples of 4 within ±25–50 %,
     * and 7·2^j and 49 that divide common feature maps), and such designs are evaluated.
     */
    @Test
    void rowPolishTriesRowCountsOffTheGrid() {
        assertEquals(Set.of(12, 14, 20, 24, 28), PolishStage.rowNeighbours(16));
        assertEquals(Set.of(7, 12, 14), PolishStage.rowNeighbours(8));
        assertEquals(Set.of(48, 49, 56, 72, 80, 96, 112), PolishStage.rowNeighbours(64));
        Set<Integer> grid = Set.copyOf(ExploreGrid.standard().rowOptions());
        assertTrue(explored().results().stream().anyMatch(r -> !grid.contains(r.design().rows())),
                "no design off the stage-1 rows was evaluated");
    }

    @Test
    void stageOneUsesTheFastestClockAndLaterStagesTheOthers() {
        Explorer.Outcome all = explored();
        int firstCount = new ShapeStage(ExploreGrid.standard(), BOARD, BOARD.accelerator(), COST).designs().size();
        Set<Long> laterClocks = new HashSet<>();
        for (DesignResult r : all.results()) {
            if (r.design().index() < firstCount) {
                assertEquals(BOARD.clocks().maxHz(), r.design().clockHz());
            } else {
                laterClocks.add(r.design().clockHz());
            }
        }
        assertEquals(Set.copyOf(ExploreGrid.clocks(BOARD.clocks())), laterClocks);
    }

    /**
     * Issue 13 point 6: the standard grid evaluates every core organisation (all six for the LUT core;
     * on PYNQ-Z2 the DSP core's 4- and 8-lane vector PEs do not fit beside the rows the groups' best
     * shapes have), each design's organisations are those of its spec, and the sweep's rebuild from
     * parameters gives the same design.
     */
    @Test
    void everyOrganisationIsSearchedAndRebuildsFromItsParameters() {
        Search search = new Search(ExploreGrid.standard(), BOARD, BOARD.accelerator(), COST);
        Set<String> dsp = new HashSet<>();
        Set<String> lut = new HashSet<>();
        for (DesignResult r : explored().results()) {
            Design d = r.design();
            assertEquals(CoreOrganisation.label(d.spec().dspCore()), d.dspOrganisation());
            assertEquals(CoreOrganisation.label(d.spec().lutCore()), d.lutOrganisation());
            dsp.add(d.dspOrganisation());
            lut.add(d.lutOrganisation());
            assertEquals(d, search.rebuild(d.index(), d.family(), d.organisations(), d.fraction(), d.rows(),
                    search.packing(d), d.dspCols(), d.lutCols(), d.clockHz(), d.bufferScale(), d.engineShare()).orElseThrow());
        }
        for (CoreOrganisation o : CoreOrganisation.STANDARD) {
            assertTrue(lut.contains(o.label()), "LUT core " + o.label() + " never evaluated: " + lut);
        }
        assertTrue(dsp.containsAll(Set.of("os", "ws", "dot", "os-v2")), "DSP core organisations: " + dsp);
        // the verdict takes the best of every organisation: no design of a family beats its summary
        Exploration ex = new Exploration(explored().results(), 0);
        for (Exploration.PackingSummary p : ex.byPacking()) {
            for (DesignResult r : explored().results()) {
                if (r.design().dspPacking() == p.packing() && r.design().family() == DesignFamily.DSP_ONLY) {
                    assertTrue(r.latencyPs() >= p.dspOnly().orElseThrow().latencyPs());
                }
            }
        }
    }

    /**
     * Stage 1 searches every family in every organisation pair the grid searches, not only the base
     * design's (the DSP-only baseline in every DSP organisation, LUT-only designs in every LUT
     * organisation): at each row count and packing, every pair with a column that fits has a design of
     * each family. Two-core shapes are evaluated at the grid fractions either side of their cores'
     * peak-rate balance; stage 1b tries the fastest of each family, pair, rows and packing at the
     * fractions up to {@link FractionStage#SPAN} steps away.
     */
    @Test
    void stageOneSearchesEveryOrganisationPairAndStageOneBTheFractionsNearby() {
        ExploreGrid grid = ExploreGrid.standard();
        DesignBuilder b = new DesignBuilder(BOARD, BOARD.accelerator(), COST);
        List<Design> one = new ShapeStage(grid, b).designs();
        Set<List<Object>> tried = new HashSet<>();
        for (Design d : one) {
            tried.add(List.of(d.family(), d.dspOrganisation(), d.lutOrganisation(), d.rows(), d.dspPacking()));
            if (d.dspCols() > 0 && d.lutCols() > 0) {
                assertTrue(ShapeStage.bracket(grid.fractions(), ShapeStage.balance(d.spec())).contains(d.fraction()),
                        d.spec().name() + " at F = " + d.fraction());
            }
        }
        int checked = 0;
        double e = grid.baseEngineShare();
        // stage 1 builds at the board's fastest clock, so "a shape of the pair exists" is asked at that clock:
        // the output stage's lanes grow with the cores' clock over the control clock, each a DSP slice and
        // LUTs (PYNQ-Z2 at 200 MHz: no os-s4 LUT core fits beside 64x1x4 os-v2, 4 columns do at 100 MHz)
        long clk = ExploreGrid.fastest(BOARD.clocks());
        for (DesignFamily fam : DesignFamily.values()) {
            double f = fam == DesignFamily.DSP_ONLY ? 0 : 0.5;
            for (Organisations orgs : Organisations.pairs(grid.organisations(), b.baseOrganisations(), fam, f)) {
                for (int rows : grid.rowOptions()) {
                    for (int packing : ExploreGrid.packings(BOARD.accelerator().weightBits())) {
                        int dsp = b.maxCols(DesignFamily.DSP_ONLY, orgs, rows, packing, 0, e, clk);
                        if (dsp > 0 && (fam == DesignFamily.DSP_ONLY || b.maxCols(fam, orgs, rows, packing,
                                Math.max(1, (int) Math.round(0.25 * dsp)), e, clk) > 0)) {
                            checked++;
                            String lut = fam == DesignFamily.DSP_ONLY ? "-" : orgs.lut().label();
                            assertTrue(tried.contains(List.of(fam, orgs.dsp().label(), lut, rows, packing)),
                                    "no stage-1 " + fam.label() + " design " + orgs.label() + " at " + rows
                                            + " rows, packing " + packing);
                        }
                    }
                }
            }
        }
        assertTrue(checked > 2 * 49 * grid.rowOptions().size(), "(family, pair, rows, packing) checked: " + checked);
        // stage 1b, on stage 1's results: the fastest of each group, at the fractions nearby
        List<DesignResult> stageOne = explored().results().subList(0, one.size()); // stage 1 comes first
        List<Design> moved = new FractionStage(grid, b).designs(stageOne, one.size());
        assertTrue(!moved.isEmpty(), "stage 1b added nothing");
        Map<Integer, Design> starts = FractionStage.starts(stageOne);
        double step = 1.0 / grid.fractionSteps();
        for (Design d : moved) {
            assertTrue(d.fraction() > 0 && d.fraction() < 1, d.spec().name());
            assertTrue(starts.values().stream().anyMatch(s -> s.spec().equals(d.spec()) && s.family() == d.family()
                    && Math.abs(s.fraction() - d.fraction()) <= FractionStage.SPAN * step + 1e-9
                    && s.fraction() != d.fraction()), "not a start's shape nearby: " + d.spec().name());
        }
    }

    /**
     * Stage 1's pruning: a two-core shape at the grid fractions (0 < F < 1) either side of its cores'
     * peak-rate balance L / (L + D); one fraction on the grid or outside the interior.
     */
    @Test
    void stageOneBracketsTheCoresPeakRateBalance() {
        List<Double> f = ExploreGrid.standard().fractions();
        assertEquals(List.of(0.3, 0.35), ShapeStage.bracket(f, 0.33));
        assertEquals(List.of(0.5), ShapeStage.bracket(f, 0.5));
        assertEquals(List.of(0.05), ShapeStage.bracket(f, 0.01));
        assertEquals(List.of(0.95), ShapeStage.bracket(f, 0.999));
        DesignBuilder b = new DesignBuilder(BOARD, BOARD.accelerator(), COST);
        long clk = BOARD.clocks().minHz();
        // 8 × 10 × 4 DSP products a clock (320) beside 8 × 40 LUT MACs (320), both at the board's lowest clock
        AcceleratorSpec even = ((SpecBuild.Buildable) b.spec(DesignFamily.MSQ, Design.OUTPUT_STATIONARY, 8, 4, 10,
                40, clk, 1)).spec();
        assertEquals(clk, even.dspCore().orElseThrow().clockHz());
        assertEquals(clk, even.lutCore().orElseThrow().clockHz());
        assertEquals(0.5, ShapeStage.balance(even), 1e-12);
        AcceleratorSpec lutHeavy = ((SpecBuild.Buildable) b.spec(DesignFamily.MSQ, Design.OUTPUT_STATIONARY, 8, 1,
                10, 30, clk, 1)).spec();
        assertEquals(0.75, ShapeStage.balance(lutHeavy), 1e-12); // 240 / (240 + 80)
    }

    /**
     * Issue 13 points 5 and 6: the search's result does not depend on the organisations of the design it
     * starts from. A reduced but real grid (CIFAR-Net, rows 8 and 16, two column levels, F in steps of
     * 0.25, four organisations, stage 2 on the best design of each group), explored from PYNQ-Z2's
     * default design (both cores output-stationary in up to 4 column sets) and from the same design with
     * both cores weight-stationary, or dot-product (without column sets: its input port carries one row
     * stream, so a quarter of the width, the same bits per array row), finds the same best design of
     * each family and DSP packing: same shape, organisations, fraction, clock, buffers and latency.
     * Before stage 1 searched every organisation pair, stage 1 ran the base's pair only and the verdict
     * moved with it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ws", "dot"})
    void theBestDesignsDoNotDependOnTheBaseDesignsOrganisations(String label) {
        ExploreGrid grid = new ExploreGrid(4, List.of(8, 16), List.of(0.5, 1.0), List.of(1.0), 1, false,
                List.of(CoreOrganisation.OS, CoreOrganisation.WS, CoreOrganisation.DOT,
                        CoreOrganisation.OS.withColumnSets(CoreOrganisation.STANDARD_COLUMN_SETS)), List.of());
        AcceleratorSpec base = BOARD.accelerator();
        assertEquals(CoreOrganisation.STANDARD_COLUMN_SETS, base.dspCore().orElseThrow().columnSets());
        CoreOrganisation org = CoreOrganisation.parse(label);
        AcceleratorSpec other = base.withCores(base.dspCore().map(org::apply), base.lutCore().map(org::apply))
                .withBuffers(base.inputBuffer().withWidthBits(base.inputBuffer().widthBits()
                        / CoreOrganisation.STANDARD_COLUMN_SETS), base.weightBuffer(), base.outputBuffer());
        assertEquals(org, CoreOrganisation.of(other.dspCore().orElseThrow()));
        Explorer x = new Explorer(ModelZoo.get("cifar_net"), BOARD.device().family().dsp(), 2);
        Exploration a = new Exploration(x.explore(grid, BOARD, base, COST, null, null).results(), 0);
        Exploration b = new Exploration(x.explore(grid, BOARD, other, COST, null, null).results(), 0);
        int compared = 0;
        for (DesignFamily fam : DesignFamily.values()) {
            assertEquals(a.best(fam).map(ExploreStagesTest::what), b.best(fam).map(ExploreStagesTest::what), fam.label());
            for (int packing : ExploreGrid.packings(base.weightBits())) {
                Optional<List<Object>> fromDefault = a.best(fam, packing).map(ExploreStagesTest::what);
                assertEquals(fromDefault, b.best(fam, packing).map(ExploreStagesTest::what),
                        fam.label() + " at packing " + packing);
                compared += fromDefault.isPresent() ? 1 : 0;
            }
        }
        assertEquals(9, compared, "best designs compared (3 families x 3 packings)");
    }

    /** What a result is, apart from its index and spec name (which names the base design). */
    private static List<Object> what(DesignResult r) {
        Design d = r.design();
        return List.of(d.family(), d.fraction(), d.rows(), d.dspCols(), d.lutCols(), d.dspPacking(),
                d.dspOrganisation(), d.lutOrganisation(), d.clockHz(), d.bufferScale(), d.used(), r.latencyPs());
    }

    @Test
    void everyDspPackingIsSweptAndSummarised() {
        Exploration ex = new Exploration(explored().results(), 0);
        List<Exploration.PackingSummary> ps = ex.byPacking();
        assertEquals(List.of(1, 2, 4), ps.stream().map(Exploration.PackingSummary::packing).toList());
        for (Exploration.PackingSummary p : ps) {
            assertEquals(p.packing(), p.dspOnly().orElseThrow().design().dspPacking());
            assertEquals(p.packing(), p.msq().orElseThrow().design().dspPacking());
            double expected = p.dspOnly().orElseThrow().latencyPs() / (double) p.msq().orElseThrow().latencyPs();
            assertEquals(expected, p.msqSpeedup().orElseThrow(), 0.0);
        }
        // The overall DSP-only best is the best of the per-packing ones.
        assertEquals(ex.best(DesignFamily.DSP_ONLY).orElseThrow().latencyPs(), ps.stream()
                .mapToLong(p -> p.dspOnly().orElseThrow().latencyPs()).min().orElseThrow());
    }

    /**
     * Moved from the cli module's ExploreCommandTest: the best DSP-only design, written as a board file
     * ({@link BoardWriter}) and loaded back, runs timing-only at F = 0 in explore's latency.
     */
    @Test
    void dspOnlyPointEqualsARunOfItsBoardFile(@TempDir Path tmp) throws IOException {
        Design d = new Exploration(explored().results(), 0).best(DesignFamily.DSP_ONLY).orElseThrow().design();
        Path file = tmp.resolve("dsp-only.yaml");
        Files.writeString(file, BoardWriter.withAccelerator(BoardCatalog.text(BOARD.id()), d.spec(), ""));
        BoardSpec loaded = BoardCatalog.get(file.toString());
        assertEquals(d.spec(), loaded.accelerator());
        NetworkRun run = new NetworkRunner(loaded.accelerator(), loaded.device().family().dsp())
                .run(ModelZoo.get("cifar_net"), new NetworkRunner.Options(0, Explorer.SEED, true, TraceSink.NONE,
                        null));
        assertEquals(explored().results().stream().filter(r -> r.design().index() == d.index()).findFirst()
                .orElseThrow().latencyPs(), run.latencyPs());
    }

    /** Moved from the cli module's ExploreCommandTest: stage 1 alone, on three boards. */
    @ParameterizedTest
    @ValueSource(strings = {"pynq-z2", "zc706", "zcu102"})
    void everyDesignOfTheStandardGridFitsWithinTheCeilings(String id) {
        BoardSpec b = BoardCatalog.get(id);
        List<Design> designs = new ShapeStage(ExploreGrid.standard(), b, b.accelerator(), COST).designs();
        assertTrue(designs.size() > 1000, id + ": " + designs.size());
        for (Design d : designs) {
            assertTrue(COST.fitWithinCeilings(d.spec(), b.device()).fits(), d.spec().name());
            assertEquals(d.family() == DesignFamily.DSP_ONLY, d.fraction() == 0, d.spec().name());
            assertEquals(d.fraction() == 1, d.spec().dspCore().isEmpty(), d.spec().name());
        }
    }
}
