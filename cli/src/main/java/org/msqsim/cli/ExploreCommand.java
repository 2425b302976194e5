package org.msqsim.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.msqsim.boards.BoardCatalog;
import org.msqsim.boards.BoardWriter;
import org.msqsim.cli.io.AtomicFiles;
import org.msqsim.cli.io.Progress;
import org.msqsim.cli.io.UserError;
import org.msqsim.cli.plot.Plots;
import org.msqsim.cli.report.ExploreReport;
import org.msqsim.cli.report.OutputFormat;
import org.msqsim.core.resource.CostConstants;
import org.msqsim.core.resource.CostModel;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.spec.ClockRange;
import org.msqsim.models.explore.CoreOrganisation;
import org.msqsim.models.explore.Design;
import org.msqsim.models.explore.DesignResult;
import org.msqsim.models.explore.Exploration;
import org.msqsim.models.explore.ExploreGrid;
import org.msqsim.models.explore.Explorer;
import org.msqsim.models.graph.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code msqsim explore}: sweeps a grid of designs derived from the board's default design
 * ({@link ExploreGrid} documents it), keeps those that fit within the routability ceilings, runs each
 * timing-only on the network in parallel, and reports the best design per SP2 fraction, the overall
 * best, the best DSP-only design and the speedup over it, MSQ against LUT-built fixed-point
 * multipliers, and the Pareto front of latency against LUT and DSP use.
 */
@Command(name = "explore", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sweep MSQ designs on a board and find the best split between SP2 (LUT core) and "
                + "fixed-point (DSP core) rows, timing-only, in parallel.",
            "",
            "Search, from a built-in board's budget-rule design (the seed its default is",
            "derived from; --design picks another, --design default the default) or a",
            "board file's own design, in four stages:",
            "1. every shape, in every pair of core organisations os, ws, dot, os-v2,",
            "   os-v4, os-v8, os-s4, dot-s4 (output- or weight-stationary, dot-product,",
            "   vector PEs of V lanes, up to N column sets; --organisations; one per core the",
            "   design has), at the board's fastest clock and x1 buffers (x0.5 if",
            "   needed): array rows 8, 16, 32, 64, shared by both cores; DSP packing",
            "   1, 2, 4 products per slice (4: <= 4 bits);",
            "   DSP columns 25/50/75/100%% of the most that fit alone within the ceilings;",
            "   LUT columns 25/50/75/100%% of the most that fit beside them, once as SP2",
            "   shift-adders (msq), once as LUT-built fixed-point multipliers (lut-fixed,",
            "   FINN-R cost; there F is the fraction of rows on the LUT core). SP2",
            "   fraction F = 0 (DSP-only), 1 (LUT-only), and for two cores the grid",
            "   fractions (0.05 .. 0.95) either side of the one where both cores take",
            "   equal time at their peak rates.",
            "1b. the fastest design of each family, organisation pair, rows and packing at",
            "   F up to 2 steps (0.1) either side of its own.",
            "2. around the 3 fastest designs of each family and F (and the fastest of",
            "   each family, DSP-core organisation and packing), DSP columns +-3 with",
            "   LUT columns refilled, and nearby row counts: a core's time moves in whole",
            "   filter folds, and the two cores finish together only when their folds match.",
            "3. those designs and the Pareto front so far, at the board's min, middle,",
            "   default and max clock, with buffers x0.5, x1 and x2.",
            "Only designs that fit within the ceilings are evaluated.",
            ""})
final class ExploreCommand implements Callable<Integer> {

    @Option(names = "--board", paramLabel = "NAME|FILE", defaultValue = "zc706",
            description = "Built-in board id or a board YAML file (default ${DEFAULT-VALUE}).")
    String board;

    @Mixin
    DesignOptions designOptions;

    @Option(names = "--model", paramLabel = "MODEL", defaultValue = "resnet18",
            description = "A built-in network or an ONNX file, FILE.onnx (default ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--input-shape", paramLabel = "NxCxHxW",
            description = "The input shape of an ONNX model whose input is symbolic, e.g. 1x3x224x224.")
    String inputShape;

    @Option(names = "--bits", paramLabel = "W", description = "Weight and activation width, 3..8 (default: the "
            + "board design's).")
    Integer bits;

    @Option(names = "--jobs", paramLabel = "N", description = "Threads (default: all cores).")
    Integer jobs;

    @Option(names = "--ceiling-lut", paramLabel = "X", defaultValue = "0.70",
            description = "Largest LUT utilisation a design may have, (0, 1] (default ${DEFAULT-VALUE}, FINN).")
    double ceilingLut;

    @Option(names = "--ceiling-dsp", paramLabel = "X", defaultValue = "0.80",
            description = "Largest DSP utilisation, (0, 1] (default ${DEFAULT-VALUE}, FINN).")
    double ceilingDsp;

    @Option(names = "--ceiling-bram", paramLabel = "X", defaultValue = "0.80",
            description = "Largest BRAM utilisation, (0, 1] (default ${DEFAULT-VALUE}, FINN).")
    double ceilingBram;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "table",
            description = "table, json or csv (default ${DEFAULT-VALUE}); csv lists every evaluated design.")
    OutputFormat format;

    @Option(names = "--plot", paramLabel = "DIR",
            description = "Write PNG charts into DIR (created if missing): latency and speedup against F, "
                    + "and the Pareto front.")
    Path plotDir;

    @Option(names = "--save-best", paramLabel = "FILE",
            description = "Write the best design as a board YAML file (this board with that accelerator, at "
                    + "its SP2 fraction), to simulate it bit-exactly: msqsim run --board FILE.")
    Path saveBest;

    @Option(names = "--derive-default", paramLabel = "FILE",
            description = "Derive the board's default design by the documented rule (docs/cost-model.md "
                    + "\"Default designs\") and write the board file with it as its accelerator: the search "
                    + "starts from the board's design '" + DefaultRule.SEED + "' (unless --design names another), "
                    + "every design carries a depthwise engine of the rule's size (so that the default runs "
                    + "depthwise networks), and the fastest MSQ design with both cores is written with its F "
                    + "(accelerator.sp2_fraction, what run then takes).")
    Path deriveDefault;

    @Option(names = "--assumed-clocks", description = "Let every core run up to the board's clocks.max_mhz: without "
            + "it a core kind with a documented clock on the part (clocks.documented in the board file) stays at "
            + "or below it; the clocks above are assumptions, and the report says so either way.")
    boolean assumedClocks;

    @Option(names = "--organisations", paramLabel = "LIST", split = ",",
            description = "Core organisations to search for each core: os, ws, dot, os-vV, ws-vV (V lanes per PE), "
                    + "each systolic one optionally -sN (up to N column sets, N a power of two), "
                    + "or base (the board design's only) (default os,ws,dot,os-v2,os-v4,os-v8,os-s4,dot-s4).")
    List<String> organisations;

    @Option(names = "--grid", hidden = true, defaultValue = "standard", description = "standard or small (tests).")
    String grid;

    @Spec
    CommandSpec spec;

    /** The organisations of {@code --organisations}: labels, or {@code base} alone for the base design's. */
    private static List<CoreOrganisation> organisations(List<String> labels) {
        if (labels.size() == 1 && labels.get(0).trim().equals("base")) {
            return List.of();
        }
        List<CoreOrganisation> out = new java.util.ArrayList<>();
        for (String l : labels) {
            try {
                CoreOrganisation o = CoreOrganisation.parse(l);
                if (!out.contains(o)) {
                    out.add(o);
                }
            } catch (IllegalArgumentException e) {
                throw new UserError("--organisations: " + e.getMessage());
            }
        }
        return out;
    }

    @Override
    public Integer call() {
        Network net = ModelArg.load("--model", model, inputShape).network();
        int threads = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (threads < 1 || threads > 1024) {
            throw new UserError("--jobs must be between 1 and 1024, got " + threads);
        }
        ceiling("--ceiling-lut", ceilingLut);
        ceiling("--ceiling-dsp", ceilingDsp);
        ceiling("--ceiling-bram", ceilingBram);
        ExploreGrid g = switch (grid) {
            case "standard" -> ExploreGrid.standard();
            case "small" -> ExploreGrid.small();
            default -> throw new UserError("--grid must be standard or small, got " + grid);
        };
        if (organisations != null) {
            g = g.withOrganisations(organisations(organisations));
        }
        if (plotDir != null) {
            Plots.prepareDir(plotDir);
        }
        StringBuilder notes = new StringBuilder();
        if (deriveDefault != null) {
            if (saveBest != null) {
                throw new UserError("--derive-default and --save-best cannot be combined: each writes a board file");
            }
            if (designOptions.design == null) {
                designOptions.design = DefaultRule.SEED;
            }
            // the rule's depthwise engine on every design, whatever the network (DefaultRule.ENGINE_SHARE)
            g = g.withEngineShares(List.of(DefaultRule.ENGINE_SHARE));
        }
        BoardSpec chosen = DesignArgs.board(board);
        if (designOptions.design == null && BoardCatalog.ids().contains(board)
                && chosen.design(DefaultRule.SEED).isPresent()) {
            // On a built-in board the search starts from the board's seed design, as the derivation of its
            // default does: the default is a search result (its banks, buffers and lanes are the search's
            // choices for its own cores), not a starting point, and a search started from it would differ
            // from the one that found it. --design default starts from the default; a board file (a saved
            // design, the user's own) starts from its accelerator.
            designOptions.design = DefaultRule.SEED;
        }
        BoardSpec b = designOptions.apply(chosen, notes);
        ClockRange documented = b.clocks();
        if (designOptions.clockMhz != null) { // F is then the only clock the search tries, cores and controller
            if (assumedClocks) {
                throw new UserError("--assumed-clocks and --clock-mhz cannot be combined: --clock-mhz already sets "
                        + "every core's clock");
            }
            long hz = b.accelerator().controlClockHz();
            b = b.withClocks(new ClockRange(hz, hz, hz));
        } else if (assumedClocks) {
            b = b.withClocks(b.clocks().assumingMax());
        }
        notes.append(ClockNotes.describe(documented, b.clocks(), designOptions.clockMhz != null)).append('\n');
        String boardText = null;
        if (saveBest != null || deriveDefault != null) {
            AtomicFiles.checkTarget(saveBest != null ? "--save-best" : "--derive-default",
                    saveBest != null ? saveBest : deriveDefault);
            try {
                boardText = BoardCatalog.text(board);
            } catch (IOException e) {
                throw new UserError((saveBest != null ? "--save-best" : "--derive-default")
                        + ": cannot read the board file " + board + ": " + e.getMessage());
            }
        }
        AcceleratorSpec base = DesignArgs.atBits(b.accelerator(), bits, notes);
        CostModel cost = new CostModel(CostConstants.defaults().withLutCeiling(ceilingLut).withDspCeiling(ceilingDsp)
                .withBramCeiling(ceilingBram));
        long t0 = System.nanoTime();
        Explorer.Outcome outcome;
        try (Progress progress = new Progress("exploring " + net.name() + " on " + b.id(), 0)) {
            Explorer explorer = new Explorer(net, b.device().family().dsp(), threads);
            outcome = deriveDefault != null ? explorer.exploreAsGiven(g, b, base, cost, progress::total, progress)
                    : explorer.explore(g, b, base, cost, progress::total, progress);
        }
        if (outcome.evaluated() == 0) {
            throw new UserError(b.id() + ": no design of the grid fits within the ceilings (LUT " + ceilingLut
                    + ", DSP " + ceilingDsp + ", BRAM " + ceilingBram + ")");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Exploration ex = new Exploration(outcome.results(), outcome.infeasible());
        if (ex.results().isEmpty()) {
            throw new UserError(b.id() + ": none of the " + outcome.evaluated() + " designs could map " + net.name());
        }
        ExploreReport report = new ExploreReport(b, base, net, ex, g, new double[] {ceilingLut, ceilingDsp,
            ceilingBram}, notes.toString());
        String rate = String.format("evaluated %,d designs in %.1f s on %d thread%s: %,.0f designs/s",
                outcome.evaluated(), seconds, threads, threads == 1 ? "" : "s", outcome.evaluated() / seconds);
        if (plotDir != null) {
            Plots.write(plotDir, report);
        }
        if (saveBest != null) {
            saveBest(b, ex.best().orElseThrow(), boardText, net);
        }
        if (deriveDefault != null) {
            String where = b.id() + " and maps " + net.name();
            DesignResult d = ex.best(DefaultRule::eligible).orElseThrow(() -> new UserError("--derive-default: no MSQ "
                    + "design with both cores and a depthwise engine fits " + where));
            write(deriveDefault, "--derive-default", DefaultRule.boardText(b, d, boardText, net, designOptions.design,
                    designName(d.design())));
        }
        String text = report.render(format);
        if (format == OutputFormat.table) {
            text = text + "\n" + rate + "\n";
        } else {
            spec.commandLine().getErr().println("msqsim explore: " + rate);
        }
        spec.commandLine().getOut().print(text);
        return 0;
    }

    /** The best design as a board file beside the board's own data, written whole or not at all. */
    private void saveBest(BoardSpec b, DesignResult best, String boardText, Network net) {
        Design d = best.design();
        String id = savedId(b.id(), d);
        String header = String.format(Locale.ROOT, "Written by msqsim explore: the best design for %s on %s, "
                + "%.3f ms per frame timing-only%nat SP2 fraction %.2f (%s; the design's sp2_fraction, which run "
                + "takes), saved as board %s. Simulate it bit-exactly with:%n  msqsim run --board %s --model %s%n",
                net.name(), b.id(), best.latencyMs(), d.fraction(), d.family().label(), id, saveBest, net.name());
        String text = BoardWriter.withAccelerator(DefaultRule.onItsMemory(b, d, boardText), id, d.spec().withName(designName(d))
                .withSp2Fraction(java.util.OptionalDouble.of(d.fraction())), header);
        write(saveBest, "--save-best", text);
    }

    /** A board file written whole or not at all. */
    private void write(Path file, String flag, String text) {
        try {
            AtomicFiles.write(file, o -> o.write(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UserError(flag + " " + file + ": cannot write (" + AtomicFiles.reason(e) + ")");
        }
        spec.commandLine().getErr().println("msqsim explore: wrote " + (flag.equals("--save-best") ? "the best design"
                : "the board with its derived default design") + " to " + file);
    }

    /**
     * The id of a saved best design: the board's id (without an earlier {@code -best-} part, so that a
     * design explored from a saved one does not stack them), {@code -best-}, then the design itself —
     * {@code dsp<rows>x<cols>x<packing>}, {@code <family><rows>x<cols>} for the LUT core,
     * {@code <MHz>mhz} and {@code buf<scale>} — e.g. {@code zc706-best-dsp32x18x4-msq32x18-200mhz-buf1}.
     * Derived from the design rather than from the file name so that it says what the file holds
     * wherever the file is written, copied or renamed, and two different designs never share an id.
     */
    static String savedId(String boardId, Design d) {
        int at = boardId.indexOf("-best-");
        String board = at > 0 ? boardId.substring(0, at) : boardId;
        return board + "-best-" + designName(d).substring("msq-".length());
    }

    /** The saved design's accelerator name, e.g. {@code msq-dsp32x18x4-msq32x18-200mhz-buf1} (board-id characters). */
    static String designName(Design d) {
        StringBuilder sb = new StringBuilder("msq");
        if (d.dspCols() > 0) {
            sb.append("-dsp").append(d.rows()).append('x').append(d.dspCols()).append('x').append(d.dspPacking());
            organisation(sb, d.dspOrganisation());
        }
        if (d.lutCols() > 0) {
            sb.append('-').append(d.family().label()).append(d.rows()).append('x').append(d.lutCols());
            organisation(sb, d.lutOrganisation());
        }
        d.spec().depthwiseEngine().ifPresent(e -> sb.append("-dw").append(e.pixels()).append('x')
                .append(e.channels()).append('s').append(e.sp2Channels()));
        double s = d.bufferScale();
        String scale = s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s).replace('.', 'p');
        return sb.append('-').append(d.clockMhzText().replace('/', '-')).append("mhz-buf").append(scale).toString();
    }

    /** A core's organisation in a saved design's name, unless it is the shipped designs' (os, scalar PEs). */
    private static void organisation(StringBuilder sb, String label) {
        if (!label.equals("os")) {
            sb.append('-').append(label);
        }
    }

    private static void ceiling(String flag, double v) {
        if (!(v > 0 && v <= 1)) {
            throw new UserError(flag + " must be in (0, 1], got " + v);
        }
    }
}
