package org.msqsim.cli.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.msqsim.models.scalesim.LayerCycles;
import org.msqsim.models.scalesim.NativeCycles;
import org.msqsim.models.scalesim.ScaleSimConfig;
import org.msqsim.models.scalesim.ScaleSimLayer;
import org.msqsim.models.scalesim.ScaleSimRun;

/**
 * {@code msqsim run --scalesim-cfg … --scalesim-topology …}: SCALE-Sim v2's own inputs on the
 * equivalent accelerator — one fixed-point systolic core of the configured shape and dataflow with
 * unlimited DDR bandwidth — reporting per layer the compute cycles by SCALE-Sim's conventions
 * (which equal what SCALE-Sim reports) beside msqsim's native count for the same array
 * ({@link NativeCycles}).
 */
public final class ScaleSimReport implements Report {
    private final ScaleSimRun run;

    public ScaleSimReport(ScaleSimRun run) {
        this.run = run;
    }

    @Override
    public String table() {
        StringBuilder sb = new StringBuilder();
        ScaleSimConfig config = run.config();
        sb.append(String.format("msqsim run (SCALE-Sim compatibility): %s on %s, %dx%d %s array%n%n",
                run.topologySource(), run.configSource(), config.arrayHeight(), config.arrayWidth(),
                config.dataflow().key()));
        TextTable t = new TextTable("layer", "ofmap", "Sr", "Sc", "T", "folds", "scalesim_cycles", "msqsim_cycles",
                "MACs", "util %");
        for (int i = 0; i < run.layers().size(); i++) {
            ScaleSimLayer l = run.layers().get(i);
            LayerCycles c = run.cycles().get(i);
            OptionalLong n = run.nativeCycles().get(i);
            t.row(c.name(), l.ofmapHeight() + "x" + l.ofmapWidth(), c.sr(), c.sc(), c.t(), c.folds(),
                    String.format("%,d", c.computeCycles()),
                    n.isPresent() ? String.format("%,d", n.getAsLong()) : "n/a",
                    String.format("%,d", c.macs()), String.format("%.1f", c.overallUtilPercent()));
        }
        sb.append(t.render());
        sb.append(String.format("%ntotal compute cycles: %,d by SCALE-Sim's conventions; %s by msqsim's native model%n",
                run.totalCycles(), run.nativeTotal().stream()
                        .mapToObj(n -> String.format("%,d", n)).findFirst().orElse("n/a")));
        sb.append("scalesim_cycles follow SCALE-Sim v2 (full-array folds of T+H+W-2 (os) or T+2H+W-2 (ws/is) "
                + "cycles, minus 1; no padding; stall-free); msqsim_cycles charge only the rows and columns a fold "
                + "uses (README: SCALE-Sim compatibility).\n");
        return sb.toString();
    }

    @Override
    public Map<String, Object> json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("mode", "scalesim");
        root.put("config", run.configSource());
        root.put("topology", run.topologySource());
        root.put("array", Json.obj("height", run.config().arrayHeight(), "width", run.config().arrayWidth(),
                "dataflow", run.config().dataflow().key()));
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < run.layers().size(); i++) {
            LayerCycles c = run.cycles().get(i);
            OptionalLong n = run.nativeCycles().get(i);
            out.add(Json.obj("name", c.name(), "compute_cycles", c.computeCycles(), "msqsim_cycles",
                    n.isPresent() ? n.getAsLong() : null, "sr", c.sr(), "sc", c.sc(), "t", c.t(), "folds", c.folds(),
                    "macs", c.macs(),
                    "overall_util_percent", c.overallUtilPercent(), "mapping_efficiency_percent",
                    c.mappingEfficiencyPercent()));
        }
        root.put("layers", out);
        root.put("total_compute_cycles", run.totalCycles());
        return root;
    }

    @Override
    public String csv() {
        TextTable t = new TextTable("layer", "compute_cycles", "msqsim_cycles", "macs", "overall_util_percent");
        for (int i = 0; i < run.layers().size(); i++) {
            LayerCycles c = run.cycles().get(i);
            OptionalLong n = run.nativeCycles().get(i);
            t.row(c.name(), c.computeCycles(), n.isPresent() ? n.getAsLong() : "", c.macs(),
                    TextTable.plain(c.overallUtilPercent()));
        }
        return t.csv();
    }
}
