package org.msqsim.cli.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.msqsim.core.hw.accel.AcceleratorRun;
import org.msqsim.core.hw.accel.CoreStats;
import org.msqsim.core.hw.accel.StallBreakdown;
import org.msqsim.core.mapping.TilePlan;
import org.msqsim.core.resource.FitReport;
import org.msqsim.core.resource.ResourceVector;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.spec.MacKind;
import org.msqsim.core.spec.PeArraySpec;
import org.msqsim.models.exec.LayerRun;
import org.msqsim.models.metrics.RunMetrics;

/** The report of one {@code msqsim run}: the same figures as a table, JSON or CSV. */
public final class RunReport implements RunOutcome {
    private final BoardSpec board;
    private final AcceleratorSpec acc;
    private final LayerRun lr;
    private final AcceleratorRun run;
    private final RunMetrics metrics;
    private final FitReport fit;
    private final String notes;
    private final long seed;

    /** @param seed the seed of the layer's synthetic weights and input */
    public RunReport(BoardSpec board, AcceleratorSpec acc, LayerRun lr, FitReport fit, String notes, long seed) {
        this.seed = seed;
        this.board = board;
        this.acc = acc;
        this.lr = lr;
        this.run = lr.run();
        this.metrics = RunMetrics.of(run);
        this.fit = fit;
        this.notes = notes;
    }

    @Override
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("msqsim run: %s on %s (%s), %d-bit weights and activations%n", lr.layer().describe(),
                board.id(), BoardLabel.described(board), acc.weightBits()));
        boolean fixedLut = acc.lutCore().map(c -> c.mac() == MacKind.LUT_FIXED).orElse(false);
        sb.append(String.format("  GEMM M=%d K=%d N=%d: %,d rows %s on the LUT core, %,d rows fixed-point on the DSP core"
                + " (%s %.3f)%n", lr.layer().gemmM(), lr.layer().gemmK(), lr.layer().gemmN(), lr.sp2Rows(),
                fixedLut ? "fixed-point (LUT-built multipliers)" : "SP2", lr.fixedRows(),
                fixedLut ? "LUT-core fraction" : "SP2 fraction", lr.sp2Fraction()));
        TilePlan p = run.plan();
        sb.append(String.format("  tiles: tn=%d tk=%d tm=%d (DSP) + %d (LUT); %,d steps%n", p.tn(), p.tk(), p.tmDsp(),
                p.tmLut(), run.steps()));
        if (!notes.isEmpty()) {
            sb.append("  note: ").append(notes.strip().replace("\n", "\n  note: ")).append('\n');
        }
        sb.append('\n');
        sb.append(String.format("latency     %s  (%,d cycles of the %d MHz control clock)%n", Units.time(run.latencyPs()),
                run.controlCycles(), acc.controlClockHz() / 1_000_000));
        sb.append(String.format("throughput  %,.2f GOPS  (%,d MACs, 2 ops each)%n", metrics.gops(), run.macs()));
        sb.append(String.format("DDR         %,d B read, %,d B written: %.3f GB/s, %.1f %% of %.2f GB/s sustained%n",
                run.ddrBytesRead(), run.ddrBytesWritten(), metrics.ddrGbps(), 100 * run.ddrUtilisation(),
                acc.ddr().sustainedBytesPerSecond() / 1e9));
        sb.append('\n');
        TextTable cores = new TextTable("core", "array", "MACs", "busy", "utilisation");
        run.dsp().ifPresent(c -> cores.row(c.name(), acc.dspCore().map(RunReport::shape).orElseThrow(),
                String.format("%,d", c.macs()), Units.time(c.busyPs()), pct(metrics.dspUtilisation())));
        run.lut().ifPresent(c -> cores.row(c.name(), acc.lutCore().map(RunReport::shape).orElseThrow(),
                String.format("%,d", c.macs()), Units.time(c.busyPs()), pct(metrics.lutUtilisation())));
        sb.append(cores.render()).append('\n');
        StallBreakdown s = run.stalls();
        TextTable st = new TextTable("stall", "time", "of latency");
        stall(st, "compute waiting for input/weights", s.computeWaitingData());
        stall(st, "compute waiting for output buffer", s.computeWaitingOutput());
        stall(st, "last output stores draining", s.finalStoreDrain());
        stall(st, "output stage lanes holding stores (in the 3 above)", s.outputStage());
        stall(st, "input loads waiting for buffer space", s.inputLoadWaiting());
        stall(st, "weight loads waiting for buffer space", s.weightLoadWaiting());
        stall(st, "DSP core waiting for LUT core", s.dspWaitingLut());
        stall(st, "LUT core waiting for DSP core", s.lutWaitingDsp());
        sb.append(st.render()).append('\n');
        TextTable res = new TextTable("resource", "used", "available", "utilisation");
        ResourceVector u = fit.used();
        ResourceVector a = fit.available();
        res.row("LUT", String.format("%,d", u.lut()), String.format("%,d", a.lut()), pct(fit.utilisation().get("LUT")));
        res.row("FF", String.format("%,d", u.ff()), String.format("%,d", a.ff()), pct(fit.utilisation().get("FF")));
        res.row("DSP", String.format("%,d", u.dsp()), String.format("%,d", a.dsp()), pct(fit.utilisation().get("DSP")));
        res.row("BRAM36", String.format("%,.1f", u.bram36()), String.format("%,.0f", a.bram36()),
                pct(fit.utilisation().get("BRAM")));
        res.row("URAM", String.format("%,d", u.uram()), String.format("%,d", a.uram()),
                pct(fit.utilisation().get("URAM")));
        sb.append(res.render()).append('\n');
        sb.append(ResourceParts.table(ResourceParts.of(acc, board.device())).render()).append('\n');
        if (!lr.checked()) {
            sb.append("bit-exact: not checked (--timing-only)\n");
        } else if (lr.bitExact()) {
            sb.append(String.format("bit-exact: yes (all %,d outputs equal the golden integer reference)%n",
                    (long) lr.layer().gemmM() * lr.layer().gemmN()));
        } else {
            sb.append(String.format("bit-exact: NO (%,d outputs differ; first: %s)%n", lr.mismatches(),
                    lr.firstMismatch()));
        }
        if (run.overflows() > 0) {
            sb.append(String.format("overflow: the datapaths reported %,d accumulator or packed-lane overflow events%n",
                    run.overflows()));
        }
        return sb.toString();
    }

    private void stall(TextTable t, String what, long ps) {
        t.row(what, Units.time(ps), pct(ps / (double) run.latencyPs()));
    }

    static String pct(double f) {
        return Double.isFinite(f) ? String.format("%.1f %%", 100 * f) : "n/a";
    }

    static String shape(PeArraySpec c) {
        return CoreShape.of(c);
    }

    @Override
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("board", board.id());
        m.put("layer", lr.layer().describe());
        m.put("gemm", Json.obj("m", lr.layer().gemmM(), "k", lr.layer().gemmK(), "n", lr.layer().gemmN()));
        m.put("bits", acc.weightBits());
        m.put("sp2_fraction", lr.sp2Fraction());
        m.put("sp2_rows", lr.sp2Rows());
        m.put("fixed_rows", lr.fixedRows());
        TilePlan p = run.plan();
        m.put("tiles", Json.obj("tn", p.tn(), "tk", p.tk(), "tm_dsp", p.tmDsp(), "tm_lut", p.tmLut(), "steps",
                run.steps()));
        m.put("cycles", run.controlCycles());
        m.put("control_clock_mhz", acc.controlClockHz() / 1e6);
        m.put("latency_ps", run.latencyPs());
        m.put("latency_ms", metrics.latencyMs());
        m.put("macs", run.macs());
        m.put("gops", metrics.gops());
        m.put("ddr_bytes", metrics.ddrBytes());
        m.put("ddr_bytes_read", run.ddrBytesRead());
        m.put("ddr_bytes_written", run.ddrBytesWritten());
        m.put("ddr_gbps", metrics.ddrGbps());
        m.put("ddr_utilisation", run.ddrUtilisation());
        Map<String, Object> cores = new LinkedHashMap<>();
        run.dsp().ifPresent(c -> cores.put("dsp", core(c, acc.dspCore().orElseThrow(), metrics.dspUtilisation())));
        run.lut().ifPresent(c -> cores.put("lut", core(c, acc.lutCore().orElseThrow(), metrics.lutUtilisation())));
        m.put("cores", cores);
        StallBreakdown s = run.stalls();
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("compute_waiting_data_ps", s.computeWaitingData());
        st.put("compute_waiting_output_ps", s.computeWaitingOutput());
        st.put("final_store_drain_ps", s.finalStoreDrain());
        st.put("memory_ps", s.memory());
        st.put("input_loads_waiting_buffer_ps", s.inputLoadWaiting());
        st.put("weight_loads_waiting_buffer_ps", s.weightLoadWaiting());
        st.put("dsp_waiting_lut_ps", s.dspWaitingLut());
        st.put("lut_waiting_dsp_ps", s.lutWaitingDsp());
        st.put("imbalance_ps", s.imbalance());
        // added last: the part of the three waits above the output stage's lanes held alone, not in memory_ps
        st.put("output_stall_ps", s.outputStage());
        m.put("stalls", st);
        Map<String, Object> res = new LinkedHashMap<>();
        ResourceVector u = fit.used();
        ResourceVector a = fit.available();
        res.put("lut", Json.obj("used", u.lut(), "available", a.lut()));
        res.put("ff", Json.obj("used", u.ff(), "available", a.ff()));
        res.put("dsp", Json.obj("used", u.dsp(), "available", a.dsp()));
        res.put("bram36", Json.obj("used", u.bram36(), "available", a.bram36()));
        res.put("uram", Json.obj("used", u.uram(), "available", a.uram()));
        res.put("components", ResourceParts.json(ResourceParts.of(acc, board.device())));
        m.put("resources", res);
        m.put("bit_exact", lr.checked() ? lr.bitExact() : null);
        m.put("mismatches", lr.checked() ? lr.mismatches() : null);
        m.put("overflows", run.overflows());
        // Added after the existing keys, which claims files read by path.
        m.put("design", acc.name());
        m.put("seed", seed);
        m.put("compute_ps", LayerBreakdown.of(lr).computePs());
        return m;
    }

    private static Map<String, Object> core(CoreStats c, PeArraySpec a, double utilisation) {
        Map<String, Object> m = coreSpec(a);
        m.put("macs", c.macs());
        m.put("busy_ps", c.busyPs());
        m.put("busy_cycles", c.busyCycles());
        m.put("utilisation", utilisation);
        return m;
    }

    /**
     * A core's design as JSON, the same in one-layer and network reports: shape, dataflow, clock,
     * {@code packing} (products per multiplier per cycle: 1, 2 or 4 on a DSP core — WP486 / FINN — and 1
     * on a LUT core) and the peak MACs per cycle it implies.
     */
    static Map<String, Object> coreSpec(PeArraySpec a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", a.name());
        m.put("mac", a.mac().name().toLowerCase(Locale.ROOT));
        m.put("dataflow", a.dataflow().name().toLowerCase(Locale.ROOT));
        m.put("rows", a.rows());
        m.put("cols", a.cols());
        m.put("multipliers", a.multipliers());
        m.put("packing", a.packing());
        m.put("peak_macs_per_cycle", a.peakMacsPerCycle());
        m.put("clock_mhz", a.clockHz() / 1e6);
        m.put("vector_lanes", a.vectorLanes());
        m.put("double_pumped", a.doublePumped());
        m.put("dsp_accumulators", a.dspAccumulators());
        m.put("drain", a.drain().name().toLowerCase(Locale.ROOT));
        return m;
    }

    @Override
    public List<LayerBreakdown> breakdown() {
        return List.of(LayerBreakdown.of(lr));
    }

    @Override
    public String subtitle() {
        return lr.layer().describe() + " on " + board.id() + ", " + acc.weightBits() + "-bit, SP2 fraction "
                + String.format(Locale.ROOT, "%.3f", lr.sp2Fraction()) + ", "
                + (lr.checked() ? "bit-exact" : "timing only");
    }

    @Override
    public String csv() {
        TextTable t = new TextTable("board", "layer", "bits", "sp2_fraction", "cycles", "latency_ms", "gops",
                "ddr_bytes", "dsp_utilisation", "lut_utilisation", "lut_used", "dsp_used", "bram36_used", "bit_exact");
        t.row(board.id(), lr.layer().describe(), acc.weightBits(), TextTable.plain(lr.sp2Fraction()),
                run.controlCycles(), TextTable.plain(metrics.latencyMs()), TextTable.plain(metrics.gops()),
                metrics.ddrBytes(), TextTable.plain(orZero(metrics.dspUtilisation())),
                TextTable.plain(orZero(metrics.lutUtilisation())), fit.used().lut(),
                fit.used().dsp(), TextTable.plain(fit.used().bram36()), lr.checked() ? String.valueOf(lr.bitExact()) : "");
        return t.csv();
    }

    /** A core's utilisation for the CSV, 0 for a core the design does not have. */
    private static double orZero(double utilisation) {
        return Double.isNaN(utilisation) ? 0.0 : utilisation;
    }
}
