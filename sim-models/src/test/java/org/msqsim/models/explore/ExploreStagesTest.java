package org.msqsim.models.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
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
    private static final BoardSpec BOARD = BoardCatalog.get("pynq-z2")
            .withClocks(BoardCatalog.get("pynq-z2").clocks().assumingMax());
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
        BoardSpec zc706 = BoardCatalog.get("zc706");
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
     * The verdict divides by the best DSP-only design, so stage 1 tries the DSP-only baseline in every DSP
     * organisation that can be built at each row count and packing (not only the base's); and the
     * organisation stage starts from every row count stage 1 evaluated for a family and F, since another
     * organisation's best rows need not be the base organisation's.
     */
    @Test
    void theBaselineIsSearchedInEveryOrganisationAndOrganisationsFromEveryRowCount() {
        ExploreGrid grid = ExploreGrid.standard();
        DesignBuilder b = new DesignBuilder(BOARD, BOARD.accelerator(), COST);
        List<Design> one = new ShapeStage(grid, b).designs();
        Set<List<Object>> baseline = new HashSet<>();
        for (Design d : one) {
            if (d.family() == DesignFamily.DSP_ONLY) {
                baseline.add(List.of(d.dspOrganisation(), d.rows(), b.packing(d)));
            }
        }
        int checked = 0;
        for (CoreOrganisation o : grid.organisations()) {
            Organisations orgs = new Organisations(o, b.baseOrganisations().lut());
            for (int rows : grid.rowOptions()) {
                for (int packing : ExploreGrid.packings(BOARD.accelerator().weightBits())) {
                    if (b.maxCols(DesignFamily.DSP_ONLY, orgs, rows, packing, 0, grid.baseEngineShare()) > 0) {
                        checked++;
                        assertTrue(baseline.contains(List.of(o.label(), rows, packing)),
                                "no stage-1 DSP-only design " + o.label() + " at " + rows + " rows, packing " + packing);
                    }
                }
            }
        }
        assertTrue(checked > 3 * grid.rowOptions().size(), "organisations checked: " + checked);
        // the organisation stage, on stage 1's results: a start at every row count of each family and F
        List<DesignResult> stageOne = explored().results().subList(0, one.size()); // stage 1 comes first
        List<Design> organised = new FractionStage(grid, b).designs(stageOne, one.size());
        Set<List<Object>> stageOneRows = new HashSet<>();
        Set<List<Object>> organisedRows = new HashSet<>();
        for (DesignResult r : stageOne) {
            stageOneRows.add(List.of(r.design().family(), r.design().fraction(), r.design().rows()));
        }
        Set<List<Object>> groups = new HashSet<>();
        for (Design d : organised) {
            organisedRows.add(List.of(d.family(), d.fraction(), d.rows()));
            groups.add(List.of(d.family(), d.fraction()));
        }
        // each start keeps its rows: one start per family and F would give one row count per group
        assertTrue(stageOneRows.containsAll(organisedRows), "organisation designs at rows stage 1 never tried");
        assertTrue(organisedRows.size() >= 2 * groups.size(), organisedRows.size() + " (family, F, rows) starts for "
                + groups.size() + " (family, F) groups");
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
