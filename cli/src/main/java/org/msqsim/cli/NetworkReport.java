package org.msqsim.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.msqsim.core.resource.FitReport;
import org.msqsim.core.resource.ResourceVector;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.spec.PeArraySpec;
import org.msqsim.models.exec.LayerResult;
import org.msqsim.models.exec.NetworkRun;

/** The report of {@code msqsim run --model}: a per-layer table and the totals, or JSON/CSV. */
final class NetworkReport implements RunOutcome {
    private final BoardSpec board;
    private final AcceleratorSpec acc;
    private final NetworkRun run;
    private final FitReport fit;
    private final String notes;

    NetworkReport(BoardSpec board, AcceleratorSpec acc, NetworkRun run, FitReport fit, String notes) {
        this.board = board;
        this.acc = acc;
        this.run = run;
        this.fit = fit;
        this.notes = notes;
    }

    private static double util(long macs, java.util.Optional<PeArraySpec> core, long ps) {
        return LayerBreakdown.utilisation(macs, core, ps);
    }

    private static double gops(long macs, long ps) {
        return ps == 0 ? 0 : 2.0 * macs / (ps / 1e12) / 1e9;
    }

    private TextTable layerTable() {
        TextTable t = new TextTable("layer", "kind", "cycles", "latency", "GOPS", "DSP util", "LUT util", "DDR bytes",
                "bound", "exact");
        for (LayerResult l : run.layers()) {
            t.row(l.name(), l.kind().label(), String.format("%,d", cycles(l.latencyPs())), Units.time(l.latencyPs()),
                    String.format("%.1f", gops(l.macs(), l.latencyPs())),
                    RunReport.pct(util(l.dspMacs(), acc.dspCore(), l.latencyPs())),
                    RunReport.pct(util(l.lutMacs(), acc.lutCore(), l.latencyPs())), String.format("%,d", l.ddrBytes()),
                    l.bound(), l.mismatches() < 0 ? "-" : l.mismatches() == 0 ? "yes" : "NO (" + l.mismatches() + ")");
        }
        return t;
    }

    /** Cycles of the controller clock covering {@code ps}. */
    private long cycles(long ps) {
        return (long) Math.ceil(ps * (double) acc.controlClockHz() / 1e12);
    }

    @Override
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("msqsim run: %s (%s) on %s (%s), %d-bit weights and activations, SP2 fraction %.3f%n",
                run.network().name(), run.network().description(), board.id(), board.displayName(), acc.weightBits(),
                run.sp2Fraction()));
        if (!notes.isEmpty()) {
            sb.append("  note: ").append(notes.strip().replace("\n", "\n  note: ")).append('\n');
        }
        sb.append('\n').append(layerTable().render()).append('\n');
        long ps = run.latencyPs();
        sb.append(String.format("latency     %.3f ms per frame (%,d cycles of the %d MHz control clock)%n", ps / 1e9,
                cycles(ps), acc.controlClockHz() / 1_000_000));
        sb.append(String.format("throughput  %.1f frames/s, %.1f GOPS (%,d MACs)%n", 1e12 / ps, gops(run.macs(), ps),
                run.macs()));
        sb.append(String.format("DDR         %,d bytes, %.2f GB/s on average (%.2f GB/s sustained)%n", run.ddrBytes(),
                run.ddrBytes() / (ps / 1e12) / 1e9, acc.ddr().sustainedBytesPerSecond() / 1e9));
        ResourceVector u = fit.used();
        ResourceVector a = fit.available();
        sb.append(String.format("resources   LUT %,d / %,d, FF %,d / %,d, DSP %,d / %,d, BRAM36 %.1f / %d, URAM %d / %d%n",
                u.lut(), a.lut(), u.ff(), a.ff(), u.dsp(), a.dsp(), u.bram36(), (long) a.bram36(), u.uram(), a.uram()));
        if (run.overflows() > 0) {
            sb.append(String.format("overflow    the datapaths reported %,d accumulator or packed-lane overflow events "
                    + "(widen accumulator_bits in the board file)%n", run.overflows()));
        }
        if (!run.checked()) {
            sb.append("bit-exact   not checked (--timing-only)\n");
        } else {
            sb.append(run.bitExact() ? "bit-exact   yes: every layer's output equals the golden network's\n"
                    : String.format("bit-exact   NO: %,d outputs differ from the golden network%n", run.mismatches()));
        }
        return sb.toString();
    }

    @Override
    public Map<String, Object> json() {
        List<Map<String, Object>> layers = new ArrayList<>();
        for (LayerResult l : run.layers()) {
            layers.add(Json.obj("name", l.name(), "kind", l.kind().label(), "cycles", cycles(l.latencyPs()), "latency_ps",
                    l.latencyPs(), "latency_ms", l.latencyPs() / 1e9, "macs", l.macs(), "gops",
                    gops(l.macs(), l.latencyPs()), "dsp_utilisation", Json.num(util(l.dspMacs(), acc.dspCore(),
                            l.latencyPs())), "lut_utilisation", Json.num(util(l.lutMacs(), acc.lutCore(),
                            l.latencyPs())), "ddr_bytes", l.ddrBytes(), "bound", l.bound(), "bit_exact",
                    l.mismatches() < 0 ? null : l.mismatches() == 0));
        }
        long ps = run.latencyPs();
        ResourceVector u = fit.used();
        ResourceVector a = fit.available();
        Map<String, Object> cores = new java.util.LinkedHashMap<>();
        acc.dspCore().ifPresent(c -> cores.put("dsp", core(c, run.layers().stream().mapToLong(LayerResult::dspMacs)
                .sum())));
        acc.lutCore().ifPresent(c -> cores.put("lut", core(c, run.layers().stream().mapToLong(LayerResult::lutMacs)
                .sum())));
        return Json.obj("board", board.id(), "model", run.network().name(), "bits", acc.weightBits(), "sp2_fraction",
                run.sp2Fraction(), "cores", cores, "layers", layers, "cycles", cycles(ps), "latency_ms", ps / 1e9, "fps", 1e12 / ps,
                "gops", gops(run.macs(), ps), "macs", run.macs(), "ddr_bytes", run.ddrBytes(), "overflows", run.overflows(), "bit_exact",
                run.checked() ? run.bitExact() : null, "resources", Json.obj(
                        "lut", Json.obj("used", u.lut(), "available", a.lut()),
                        "ff", Json.obj("used", u.ff(), "available", a.ff()),
                        "dsp", Json.obj("used", u.dsp(), "available", a.dsp()),
                        "bram36", Json.obj("used", u.bram36(), "available", a.bram36()),
                        "uram", Json.obj("used", u.uram(), "available", a.uram())));
    }

    /** A core's design (as in a one-layer report) with its MACs and utilisation over the whole network. */
    private Map<String, Object> core(PeArraySpec c, long macs) {
        Map<String, Object> m = RunReport.coreSpec(c);
        m.put("macs", macs);
        m.put("utilisation", Json.num(util(macs, java.util.Optional.of(c), run.latencyPs())));
        return m;
    }

    @Override
    public List<LayerBreakdown> breakdown() {
        return run.layers().stream().map(l -> LayerBreakdown.of(l, acc)).toList();
    }

    @Override
    public String subtitle() {
        return run.network().name() + " on " + board.id() + ", " + acc.weightBits() + "-bit, SP2 fraction "
                + String.format(java.util.Locale.ROOT, "%.3f", run.sp2Fraction()) + ", "
                + (run.checked() ? "bit-exact" : "timing only");
    }

    @Override
    public String csv() {
        TextTable t = new TextTable("layer", "kind", "cycles", "latency_ms", "macs", "gops", "dsp_utilisation",
                "lut_utilisation", "ddr_bytes", "bound", "bit_exact");
        for (LayerResult l : run.layers()) {
            t.row(l.name(), l.kind().label(), cycles(l.latencyPs()), TextTable.plain(l.latencyPs() / 1e9), l.macs(),
                    TextTable.plain(gops(l.macs(), l.latencyPs())),
                    TextTable.plain(util(l.dspMacs(), acc.dspCore(), l.latencyPs())),
                    TextTable.plain(util(l.lutMacs(), acc.lutCore(), l.latencyPs())), l.ddrBytes(), l.bound(), l.mismatches() < 0 ? "" : String.valueOf(l.mismatches() == 0));
        }
        return t.csv();
    }
}
