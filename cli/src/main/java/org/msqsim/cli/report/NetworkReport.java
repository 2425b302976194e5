package org.msqsim.cli.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.msqsim.core.resource.FitReport;
import org.msqsim.core.resource.ResourceVector;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.spec.PeArraySpec;
import org.msqsim.models.exec.LayerResult;
import org.msqsim.models.exec.NetworkRun;
import org.msqsim.models.metrics.RunMetrics;

/** The report of {@code msqsim run --model}: a per-layer table and the totals, or JSON/CSV. */
public final class NetworkReport implements RunOutcome {
    private final BoardSpec board;
    private final AcceleratorSpec acc;
    private final NetworkRun run;
    private final FitReport fit;
    private final String notes;
    private final RunMetrics total;
    private final long seed;
    private final Path weights;

    /**
     * @param seed    the seed of the input image (and of the synthetic weights when {@code weights} is null)
     * @param weights the {@code --weights} directory, or null for seeded synthetic weights
     */
    public NetworkReport(BoardSpec board, AcceleratorSpec acc, NetworkRun run, FitReport fit, String notes, long seed,
                         Path weights) {
        this.seed = seed;
        this.weights = weights;
        this.board = board;
        this.acc = acc;
        this.run = run;
        this.fit = fit;
        this.notes = notes;
        this.total = RunMetrics.of(run, acc);
    }

    private TextTable layerTable() {
        TextTable t = new TextTable("layer", "kind", "cycles", "latency", "GOPS", "DSP util", "LUT util", "DDR bytes",
                "bound", "exact");
        for (LayerResult l : run.layers()) {
            RunMetrics m = RunMetrics.of(l, acc);
            t.row(l.name(), l.kind().label(), String.format("%,d", m.controlCycles()), Units.time(l.latencyPs()),
                    String.format("%,.1f", m.gops()), RunReport.pct(m.dspUtilisation()),
                    RunReport.pct(m.lutUtilisation()), String.format("%,d", l.ddrBytes()),
                    l.bound(), l.mismatches() < 0 ? "-" : l.mismatches() == 0 ? "yes" : "NO (" + l.mismatches() + ")");
        }
        return t;
    }

    @Override
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("msqsim run: %s (%s) on %s (%s), %d-bit weights and activations, SP2 fraction %.3f%n",
                run.network().name(), run.network().description(), board.id(), BoardLabel.described(board), acc.weightBits(),
                run.sp2Fraction()));
        if (!notes.isEmpty()) {
            sb.append("  note: ").append(notes.strip().replace("\n", "\n  note: ")).append('\n');
        }
        sb.append('\n').append(layerTable().render()).append('\n');
        sb.append(ResourceParts.table(ResourceParts.of(acc, board.device())).render()).append('\n');
        sb.append(String.format("latency     %.3f ms per frame (%,d cycles of the %d MHz control clock)%n",
                total.latencyMs(), total.controlCycles(), acc.controlClockHz() / 1_000_000));
        sb.append(String.format("throughput  %,.1f frames/s, %,.1f GOPS (%,d MACs)%n", total.fps(), total.gops(),
                total.macs()));
        sb.append(String.format("DDR         %,d bytes, %.2f GB/s on average (%.2f GB/s sustained)%n", total.ddrBytes(),
                total.ddrGbps(), acc.ddr().sustainedBytesPerSecond() / 1e9));
        ResourceVector u = fit.used();
        ResourceVector a = fit.available();
        sb.append(String.format("resources   LUT %,d / %,d, FF %,d / %,d, DSP %,d / %,d, BRAM36 %,.1f / %,d, URAM %,d / %,d%n",
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
            RunMetrics m = RunMetrics.of(l, acc);
            layers.add(Json.obj("name", l.name(), "kind", l.kind().label(), "cycles", m.controlCycles(), "latency_ps",
                    l.latencyPs(), "latency_ms", m.latencyMs(), "macs", l.macs(), "gops", m.gops(),
                    "dsp_utilisation", Json.num(m.dspUtilisation()), "lut_utilisation", Json.num(m.lutUtilisation()),
                    "ddr_bytes", l.ddrBytes(), "bound", l.bound(), "bit_exact",
                    l.mismatches() < 0 ? null : l.mismatches() == 0));
            LayerBreakdown b = LayerBreakdown.of(l, acc);
            Map<String, Object> layer = layers.get(layers.size() - 1);
            layer.put("ddr_bytes_read", l.ddrBytesRead());
            layer.put("ddr_bytes_written", l.ddrBytesWritten());
            layer.put("compute_ps", b.computePs());
            layer.put("memory_ps", b.memoryPs());
            layer.put("imbalance_ps", b.imbalancePs());
            layer.put("port_stall_ps", l.portStallPs()); // compute time stalled on buffer ports (FeedStall)
            layer.put("output_stall_ps", l.outputStallPs()); // held by the output stage's lanes alone
            layer.put("fused_into", l.fusedInto().orElse(null)); // the convolution whose output stage ran it
        }
        ResourceVector u = fit.used();
        ResourceVector a = fit.available();
        Map<String, Object> cores = new LinkedHashMap<>();
        acc.dspCore().ifPresent(c -> cores.put("dsp", core(c, total.dspMacs(), total.dspUtilisation())));
        acc.lutCore().ifPresent(c -> cores.put("lut", core(c, total.lutMacs(), total.lutUtilisation())));
        Map<String, Object> root = Json.obj("board", board.id(), "model", run.network().name(), "bits",
                acc.weightBits(), "sp2_fraction", run.sp2Fraction(), "cores", cores, "layers", layers, "cycles", total.controlCycles(), "latency_ms",
                total.latencyMs(), "fps", total.fps(), "gops", total.gops(), "macs", total.macs(), "ddr_bytes",
                total.ddrBytes(), "overflows", run.overflows(), "bit_exact",
                run.checked() ? run.bitExact() : null, "resources", Json.obj(
                        "lut", Json.obj("used", u.lut(), "available", a.lut()),
                        "ff", Json.obj("used", u.ff(), "available", a.ff()),
                        "dsp", Json.obj("used", u.dsp(), "available", a.dsp()),
                        "bram36", Json.obj("used", u.bram36(), "available", a.bram36()),
                        "uram", Json.obj("used", u.uram(), "available", a.uram()),
                        "components", ResourceParts.json(ResourceParts.of(acc, board.device()))));
        // Added after the existing keys, which claims files read by path: where the inputs came from.
        root.put("design", acc.name());
        root.put("seed", seed);
        root.put("weights", weights == null ? null : weights.toString());
        root.put("weights_source", weights == null ? "synthetic" : "npy");
        root.put("ddr_bytes_read", run.layers().stream().mapToLong(LayerResult::ddrBytesRead).sum());
        root.put("ddr_bytes_written", run.layers().stream().mapToLong(LayerResult::ddrBytesWritten).sum());
        // DDR bandwidth as PG338 Table 12 reports a DPU's: the average over the frame, and the peak,
        // here the highest of the layers' averages (a layer is the finest interval msqsim totals)
        root.put("ddr_gbps_average", Json.num(total.ddrGbps()));
        root.put("ddr_gbps_peak_layer", Json.num(run.layers().stream().filter(l -> l.latencyPs() > 0)
                .mapToDouble(l -> l.ddrBytes() / (l.latencyPs() / 1e12) / 1e9).max().orElse(0)));
        return root;
    }

    /** A core's design (as in a one-layer report) with its MACs and utilisation over the whole network. */
    private static Map<String, Object> core(PeArraySpec c, long macs, double utilisation) {
        Map<String, Object> m = RunReport.coreSpec(c);
        m.put("macs", macs);
        m.put("utilisation", Json.num(utilisation));
        return m;
    }

    @Override
    public List<LayerBreakdown> breakdown() {
        return run.layers().stream().map(l -> LayerBreakdown.of(l, acc)).toList();
    }

    @Override
    public String subtitle() {
        return run.network().name() + " on " + board.id() + ", " + acc.weightBits() + "-bit, SP2 fraction "
                + String.format(Locale.ROOT, "%.3f", run.sp2Fraction()) + ", "
                + (run.checked() ? "bit-exact" : "timing only");
    }

    @Override
    public String csv() {
        // board and model on every row, so that CSVs of several runs concatenate into one table; the last
        // row, layer "total", holds the network's totals (kind and bound empty).
        TextTable t = new TextTable("board", "model", "layer", "kind", "cycles", "latency_ms", "macs", "gops",
                "dsp_utilisation", "lut_utilisation", "ddr_bytes", "ddr_bytes_read", "ddr_bytes_written", "compute_ps",
                "memory_ps", "imbalance_ps", "bound", "bit_exact");
        String model = run.network().name();
        for (LayerResult l : run.layers()) {
            RunMetrics m = RunMetrics.of(l, acc);
            LayerBreakdown b = LayerBreakdown.of(l, acc);
            t.row(board.id(), model, l.name(), l.kind().label(), m.controlCycles(), TextTable.plain(m.latencyMs()),
                    l.macs(), TextTable.plain(m.gops()), TextTable.plain(m.dspUtilisation()),
                    TextTable.plain(m.lutUtilisation()), l.ddrBytes(), l.ddrBytesRead(), l.ddrBytesWritten(),
                    b.computePs(), b.memoryPs(), b.imbalancePs(), l.bound(),
                    l.mismatches() < 0 ? "" : String.valueOf(l.mismatches() == 0));
        }
        List<LayerBreakdown> parts = breakdown();
        t.row(board.id(), model, "total", "", total.controlCycles(), TextTable.plain(total.latencyMs()), total.macs(),
                TextTable.plain(total.gops()), TextTable.plain(total.dspUtilisation()),
                TextTable.plain(total.lutUtilisation()), total.ddrBytes(),
                run.layers().stream().mapToLong(LayerResult::ddrBytesRead).sum(),
                run.layers().stream().mapToLong(LayerResult::ddrBytesWritten).sum(),
                parts.stream().mapToLong(LayerBreakdown::computePs).sum(),
                parts.stream().mapToLong(LayerBreakdown::memoryPs).sum(),
                parts.stream().mapToLong(LayerBreakdown::imbalancePs).sum(), "",
                run.checked() ? String.valueOf(run.bitExact()) : "");
        return t.csv();
    }
}
