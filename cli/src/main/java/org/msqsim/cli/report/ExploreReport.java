package org.msqsim.cli.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.msqsim.core.resource.ResourceVector;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.models.explore.CoreOrganisation;
import org.msqsim.models.explore.Design;
import org.msqsim.models.explore.DesignFamily;
import org.msqsim.models.explore.DesignResult;
import org.msqsim.models.explore.ExploreGrid;
import org.msqsim.models.explore.Exploration;
import org.msqsim.models.graph.Network;
import org.msqsim.models.metrics.RunMetrics;

/**
 * The report of {@code msqsim explore}: best design per SP2 fraction (MSQ and LUT-fixed), the overall
 * best, the best DSP-only design and the speedup over it, MSQ against LUT-fixed in plain words, and
 * the Pareto front; JSON adds every evaluated design; CSV is the list of designs. Nothing here depends
 * on timing of the run, so JSON and CSV are deterministic.
 */
public final class ExploreReport implements Report {
    private final BoardSpec board;
    private final AcceleratorSpec base;
    private final Network net;
    private final Exploration ex;
    private final ExploreGrid grid;
    private final double[] ceilings;
    private final String notes;

    public ExploreReport(BoardSpec board, AcceleratorSpec base, Network net, Exploration ex, ExploreGrid grid,
                  double[] ceilings, String notes) {
        this.board = board;
        this.base = base;
        this.net = net;
        this.ex = ex;
        this.grid = grid;
        this.ceilings = ceilings.clone();
        this.notes = notes;
    }

    public Exploration exploration() {
        return ex;
    }

    public String title() {
        return net.name() + " on " + board.id() + ", W" + base.weightBits() + "A" + base.activationBits();
    }

    static String shape(Design d) {
        String lut = d.lutCols() == 0 ? "-" : d.rows() + "x" + d.lutCols() + " " + d.lutOrganisation() + " "
                + d.family().label();
        return "DSP " + dspShape(d) + ", LUT " + lut + (d.engine().equals("-") ? "" : ", DW " + d.engine())
                + (d.memory().isEmpty() ? "" : ", " + d.memory());
    }

    /** rows x cols x packing of the DSP core, or "-". */
    private static String dspShape(Design d) {
        return d.dspCols() == 0 ? "-"
                : d.rows() + "x" + d.dspCols() + "x" + d.dspPacking() + " " + d.dspOrganisation();
    }

    private static String describe(DesignResult r) {
        Design d = r.design();
        return String.format(Locale.ROOT, "%.3f ms at F = %.2f: %s, %s MHz, buffers x%s; LUT %,d, DSP %,d, "
                + "BRAM36 %,.1f", r.latencyMs(), d.fraction(), shape(d), d.clockMhzText(),
                trim(d.bufferScale()), d.used().lut(), d.used().dsp(), d.used().bram36());
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** MSQ against LUT-fixed ({@link Exploration#msqVsLutFixed()}), said plainly, whichever wins. */
    String verdict() {
        Optional<Exploration.MsqVsLutFixed> v = ex.msqVsLutFixed();
        if (v.isEmpty()) {
            return "no comparison: " + (ex.best(DesignFamily.MSQ).isEmpty() ? "no MSQ design" : "no LUT-fixed design")
                    + " fits";
        }
        DesignResult m = v.get().msq();
        DesignResult f = v.get().lutFixed();
        return switch (v.get().outcome()) {
            case TIE -> String.format(Locale.ROOT, "MSQ and LUT-fixed tie at %.3f ms", m.latencyMs());
            case EVEN -> String.format(Locale.ROOT, "MSQ and LUT-fixed are within %.1f %%: %.3f ms (MSQ) against "
                    + "%.3f ms (LUT-fixed)", Exploration.MsqVsLutFixed.EVEN_WITHIN * 100, m.latencyMs(),
                    f.latencyMs());
            case MSQ_WINS -> String.format(Locale.ROOT, "MSQ (SP2 shift-adders) wins: %.3f ms against %.3f ms for "
                    + "LUT-built fixed-point multipliers, %.3fx faster", m.latencyMs(), f.latencyMs(), v.get().ratio());
            case LUT_FIXED_WINS -> String.format(Locale.ROOT, "LUT-fixed wins: LUT-built fixed-point multipliers "
                    + "reach %.3f ms against %.3f ms for MSQ (SP2 shift-adders), %.3fx faster", f.latencyMs(),
                    m.latencyMs(), 1 / v.get().ratio());
        };
    }

    @Override
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "msqsim explore: %s (%s), %,d designs evaluated (%,d could not be "
                + "mapped); ceilings LUT %.0f %%, DSP %.0f %%, BRAM %.0f %%%n", title(), BoardLabel.described(board),
                ex.results().size() + ex.infeasible(), ex.infeasible(), ceilings[0] * 100, ceilings[1] * 100, ceilings[2] * 100));
        if (!notes.isEmpty()) {
            sb.append("  note: ").append(notes.strip().replace("\n", "\n  note: ")).append('\n');
        }
        sb.append("\nbest design per SP2 fraction (F = rows on the LUT core; F = 0 is DSP-only)\n\n");
        sb.append(fractionTable().render());
        DesignResult best = ex.best().orElseThrow();
        sb.append('\n').append("best overall   ").append(describe(best)).append('\n');
        ex.best(DesignFamily.DSP_ONLY).ifPresent(d -> sb.append("best DSP-only  ").append(describe(d)).append('\n'));
        ex.best(DesignFamily.MSQ).ifPresent(d -> sb.append("best MSQ       ").append(describe(d)).append('\n'));
        ex.best(DesignFamily.LUT_FIXED).ifPresent(d -> sb.append("best LUT-fixed ").append(describe(d)).append('\n'));
        ex.speedupVsDspOnly().ifPresent(s -> sb.append(String.format(Locale.ROOT,
                "speedup        %.3fx over the best DSP-only design%n", s)));
        sb.append("MSQ vs fixed   ").append(verdict()).append('\n');
        sb.append("\nby DSP packing (products per DSP slice; packed lanes cost LUTs the LUT core then lacks)\n\n");
        sb.append(packingTable().render());
        if (grid.organisations().size() > 1) {
            sb.append("\nby core organisation (best design with that DSP-core or LUT-core organisation, any F and "
                    + "packing;\nos/ws output/weight-stationary, dot dot-product, -vV vector PEs of V lanes)\n\n");
            sb.append(organisationTable().render());
        }
        sb.append("\nPareto front: latency against LUT and DSP use (").append(ex.pareto().size())
                .append(" designs)\n\n");
        sb.append(designTable(ex.pareto()).render());
        return sb.toString();
    }

    private TextTable packingTable() {
        TextTable t = new TextTable("packing", "DSP-only", "MSQ", "at F", "MSQ speedup", "LUT-fixed", "at F");
        for (Exploration.PackingSummary p : ex.byPacking()) {
            t.row(p.packing() + "", p.dspOnly().map(ExploreReport::ms).orElse("-"), p.msq().map(ExploreReport::ms)
                    .orElse("-"), p.msq().map(r -> fraction(r.design())).orElse("-"),
                    p.msqSpeedup().map(x -> String.format(Locale.ROOT, "%.2fx", x)).orElse("-"),
                    p.lutFixed().map(ExploreReport::ms).orElse("-"), p.lutFixed().map(r -> fraction(r.design()))
                            .orElse("-"));
        }
        return t;
    }

    /** Per organisation of {@link ExploreGrid#organisations()}: the best design whose core has it. */
    private TextTable organisationTable() {
        TextTable t = new TextTable("organisation", "DSP-only", "MSQ, DSP core", "MSQ, LUT core",
                "LUT-fixed, DSP core", "LUT-fixed, LUT core");
        for (CoreOrganisation o : grid.organisations()) {
            String l = o.label();
            t.row(l, orgBest(DesignFamily.DSP_ONLY, l, true), orgBest(DesignFamily.MSQ, l, true),
                    orgBest(DesignFamily.MSQ, l, false), orgBest(DesignFamily.LUT_FIXED, l, true),
                    orgBest(DesignFamily.LUT_FIXED, l, false));
        }
        return t;
    }

    private String orgBest(DesignFamily fam, String label, boolean dspCore) {
        return ex.best(d -> d.family() == fam && label.equals(dspCore ? d.dspOrganisation() : d.lutOrganisation()))
                .map(r -> ms(r) + (fam == DesignFamily.DSP_ONLY ? "" : " F " + fraction(r.design()))
                        + (r.design().dspCols() == 0 ? "" : " p" + r.design().dspPacking()))
                .orElse("-");
    }

    private static String fraction(Design d) {
        return String.format(Locale.ROOT, "%.2f", d.fraction());
    }

    private TextTable fractionTable() {
        TextTable t = new TextTable("F", "MSQ latency", "MSQ design", "LUT-fixed latency", "LUT-fixed design");
        Map<Double, DesignResult> m = ex.bestPerFraction(DesignFamily.MSQ);
        Map<Double, DesignResult> f = ex.bestPerFraction(DesignFamily.LUT_FIXED);
        for (double fr : grid.fractions()) {
            DesignResult a = m.get(fr);
            DesignResult b = f.get(fr);
            t.row(String.format(Locale.ROOT, "%.2f", fr), a == null ? "-" : ms(a), a == null ? "-" : brief(a.design()),
                    b == null ? "-" : ms(b), b == null ? "-" : brief(b.design()));
        }
        return t;
    }

    private static String ms(DesignResult r) {
        return String.format(Locale.ROOT, "%.3f ms", r.latencyMs());
    }

    private static String brief(Design d) {
        return shape(d).replace(" msq", "").replace(" lut-fixed", "") + ", " + d.clockMhzText() + " MHz, x"
                + trim(d.bufferScale());
    }

    private static TextTable designTable(List<DesignResult> rs) {
        TextTable t = new TextTable("latency", "F", "family", "DSP core", "LUT core", "clock", "buffers", "LUT", "DSP",
                "BRAM36");
        for (DesignResult r : rs) {
            Design d = r.design();
            t.row(ms(r), String.format(Locale.ROOT, "%.2f", d.fraction()), d.family().label(),
                    dspShape(d), d.lutCols() == 0 ? "-" : d.rows() + "x"
                    + d.lutCols() + " " + d.lutOrganisation(), d.clockMhzText() + " MHz",
                    "x" + trim(d.bufferScale())
                    + (d.memory().isEmpty() ? "" : " " + d.memory()),
                    String.format("%,d", d.used().lut()), String.format("%,d", d.used().dsp()),
                    String.format(Locale.ROOT, "%,.1f", d.used().bram36()));
        }
        return t;
    }

    @Override
    public Object json() {
        Map<String, Object> root = Json.obj("board", board.id(), "model", net.name(), "weight_bits",
                base.weightBits(), "activation_bits", base.activationBits(),
                "ceilings", Json.obj("lut", ceilings[0], "dsp", ceilings[1], "bram", ceilings[2]),
                "grid", Json.obj("fractions", grid.fractions(), "rows", grid.rowOptions(), "dsp_packings",
                        ExploreGrid.packings(base.weightBits()), "col_levels", grid.colLevels(),
                        "refine_top", grid.refineTop(), "clocks_mhz",
                        ExploreGrid.clocks(board.clocks()).stream().map(c -> c / 1e6).toList(), "buffer_scales",
                        grid.bufferScales(), "organisations",
                        grid.organisations().stream().map(CoreOrganisation::label).toList()),
                "evaluated", ex.results().size() + ex.infeasible(), "infeasible", ex.infeasible());
        root.put("best", ex.best().map(ExploreReport::designJson).orElse(null));
        root.put("dsp_only", ex.best(DesignFamily.DSP_ONLY).map(ExploreReport::designJson).orElse(null));
        root.put("speedup_vs_dsp_only", ex.speedupVsDspOnly().map(Json::num).orElse(null));
        root.put("msq", Json.obj("best", ex.best(DesignFamily.MSQ).map(ExploreReport::designJson).orElse(null),
                "best_per_fraction", perFraction(DesignFamily.MSQ)));
        root.put("lut_fixed", Json.obj("best", ex.best(DesignFamily.LUT_FIXED).map(ExploreReport::designJson)
                .orElse(null), "best_per_fraction", perFraction(DesignFamily.LUT_FIXED)));
        root.put("msq_vs_lut_fixed", verdict());
        List<Object> packings = new ArrayList<>();
        for (Exploration.PackingSummary p : ex.byPacking()) {
            packings.add(Json.obj("packing", p.packing(),
                    "dsp_only", p.dspOnly().map(ExploreReport::designJson).orElse(null),
                    "msq", p.msq().map(ExploreReport::designJson).orElse(null),
                    "lut_fixed", p.lutFixed().map(ExploreReport::designJson).orElse(null),
                    "msq_speedup_vs_dsp_only", p.msqSpeedup().map(Json::num).orElse(null)));
        }
        root.put("by_packing", packings);
        Map<String, Object> orgs = new LinkedHashMap<>();
        for (DesignFamily f : DesignFamily.values()) {
            Map<String, Object> perPair = new LinkedHashMap<>();
            ex.bestPerOrganisation(f).forEach((k, r) -> perPair.put(k, designJson(r)));
            orgs.put(f.label(), perPair);
        }
        root.put("by_organisation", orgs);
        root.put("pareto", ex.pareto().stream().map(ExploreReport::designJson).toList());
        root.put("designs", ex.results().stream().map(ExploreReport::designJson).toList());
        return root;
    }

    private List<Object> perFraction(DesignFamily f) {
        List<Object> out = new ArrayList<>();
        ex.bestPerFraction(f).values().forEach(r -> out.add(designJson(r)));
        return out;
    }

    static Map<String, Object> designJson(DesignResult r) {
        Design d = r.design();
        ResourceVector u = d.used();
        return Json.obj("index", d.index(), "family", d.family().label(), "sp2_fraction", d.fraction(),
                "rows", d.rows(), "dsp_cols", d.dspCols(),
                "dsp_packing", d.dspPacking(),
                "dsp_org", d.dspOrganisation(), "lut_org", d.lutOrganisation(),
                "lut_cols", d.lutCols(), "lut_mac", d.family().lutMac() == null || d.lutCols() == 0 ? null
                        : d.family().lutMac().name().toLowerCase(Locale.ROOT),
                "clock_mhz", d.clockHz() / 1e6, "lut_clock_mhz", d.lutClockHz() / 1e6, "buffer_scale", d.bufferScale(),
                "latency_ms", r.latencyMs(), "fps", RunMetrics.framesPerSecond(r.latencyPs()),
                "lut", u.lut(), "ff", u.ff(), "dsp", u.dsp(), "bram36", u.bram36(), "uram", u.uram(),
                "depthwise_engine", d.spec() == null ? null : d.spec().depthwiseEngine().map(e -> Json.obj(
                        "pixels", e.pixels(), "channels", e.channels(), "fixed_mac",
                        e.fixedMac().name().toLowerCase(Locale.ROOT), "sp2_channels", e.sp2Channels(),
                        "lut_share", d.engineShare())).orElse(null));
    }

    /** The columns of {@link #csv()}, without the line break. */
    public static final String CSV_HEADER = "index,family,sp2_fraction,rows,dsp_cols,dsp_packing,dsp_org,lut_cols,"
            + "lut_org,clock_mhz,buffer_scale,latency_ms,lut,ff,dsp,bram36,uram,pareto,depthwise_engine";

    @Override
    public String csv() {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        Set<Integer> front = new HashSet<>();
        ex.pareto().forEach(r -> front.add(r.design().index()));
        for (DesignResult r : ex.results()) {
            sb.append(csvRow(r, front.contains(r.design().index()))).append('\n');
        }
        return sb.toString();
    }

    /** One design as a line of {@link #csv()} ({@link #CSV_HEADER}), without the line break. */
    public static String csvRow(DesignResult r, boolean pareto) {
        Design d = r.design();
        ResourceVector u = d.used();
        return String.format(Locale.ROOT, "%d,%s,%.2f,%d,%d,%d,%s,%d,%s,%d,%s,%.6f,%d,%d,%d,%.1f,%d,%s,%s", d.index(),
                d.family().label(), d.fraction(), d.rows(), d.dspCols(),
                d.dspPacking(), d.dspOrganisation(), d.lutCols(), d.lutOrganisation(), d.clockHz() / 1_000_000,
                trim(d.bufferScale()), r.latencyMs(), u.lut(), u.ff(), u.dsp(), u.bram36(), u.uram(),
                pareto ? "yes" : "no", d.engine());
    }
}
