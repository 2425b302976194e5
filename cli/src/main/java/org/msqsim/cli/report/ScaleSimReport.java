package org.msqsim.cli.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.msqsim.cli.io.UserError;
import org.msqsim.core.spec.InvalidSpecException;
import org.msqsim.models.scalesim.LayerCycles;
import org.msqsim.models.scalesim.NativeCycles;
import org.msqsim.models.scalesim.ScaleSimCompute;
import org.msqsim.models.scalesim.ScaleSimConfig;
import org.msqsim.models.scalesim.ScaleSimConfigReader;
import org.msqsim.models.scalesim.ScaleSimLayer;
import org.msqsim.models.scalesim.ScaleSimTopology;

/**
 * {@code msqsim run --scalesim-cfg … --scalesim-topology …}: SCALE-Sim v2's own inputs on the
 * equivalent accelerator — one fixed-point systolic core of the configured shape and dataflow with
 * unlimited DDR bandwidth — reporting per layer the compute cycles by SCALE-Sim's conventions
 * (which equal what SCALE-Sim reports) beside msqsim's native count for the same array
 * ({@link NativeCycles}).
 */
public final class ScaleSimReport implements Report {
    private final ScaleSimConfig config;
    private final List<ScaleSimLayer> layers;
    private final List<LayerCycles> cycles;
    private final String cfgName;
    private final String topoName;

    private ScaleSimReport(Path cfg, Path topo, ScaleSimConfig config, List<ScaleSimLayer> layers) {
        this.config = config;
        this.layers = layers;
        this.cycles = ScaleSimCompute.run(config, layers);
        this.cfgName = cfg.toString();
        this.topoName = topo.toString();
    }

    public static ScaleSimReport load(Path cfg, Path topology, boolean gemm) {
        for (Path p : new Path[] {cfg, topology}) {
            if (!Files.isRegularFile(p)) {
                throw new UserError(p + ": no such file");
            }
        }
        try {
            ScaleSimConfig c = ScaleSimConfigReader.read(cfg);
            List<ScaleSimLayer> l = ScaleSimTopology.read(topology,
                    gemm ? ScaleSimTopology.Form.GEMM : ScaleSimTopology.Form.CONV);
            return new ScaleSimReport(cfg, topology, c, l);
        } catch (InvalidSpecException e) {
            throw new UserError(String.join("\nmsqsim: ", e.problems()));
        }
    }

    @Override
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("msqsim run (SCALE-Sim compatibility): %s on %s, %dx%d %s array%n%n", topoName, cfgName,
                config.arrayHeight(), config.arrayWidth(), config.dataflow().key()));
        TextTable t = new TextTable("layer", "ofmap", "Sr", "Sc", "T", "folds", "scalesim_cycles", "msqsim_cycles",
                "MACs", "util %");
        for (int i = 0; i < layers.size(); i++) {
            ScaleSimLayer l = layers.get(i);
            LayerCycles c = cycles.get(i);
            OptionalLong n = NativeCycles.of(config, l);
            t.row(c.name(), l.ofmapHeight() + "x" + l.ofmapWidth(), c.sr(), c.sc(), c.t(), c.folds(),
                    String.format("%,d", c.computeCycles()),
                    n.isPresent() ? String.format("%,d", n.getAsLong()) : "n/a",
                    String.format("%,d", c.macs()), String.format("%.1f", c.overallUtilPercent()));
        }
        sb.append(t.render());
        sb.append(String.format("%ntotal compute cycles: %,d by SCALE-Sim's conventions; %s by msqsim's native model%n",
                ScaleSimCompute.totalCycles(cycles), NativeCycles.total(config, layers).stream()
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
        root.put("config", cfgName);
        root.put("topology", topoName);
        root.put("array", Json.obj("height", config.arrayHeight(), "width", config.arrayWidth(), "dataflow",
                config.dataflow().key()));
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            LayerCycles c = cycles.get(i);
            OptionalLong n = NativeCycles.of(config, layers.get(i));
            out.add(Json.obj("name", c.name(), "compute_cycles", c.computeCycles(), "msqsim_cycles",
                    n.isPresent() ? n.getAsLong() : null, "sr", c.sr(), "sc", c.sc(), "t", c.t(), "folds", c.folds(),
                    "macs", c.macs(),
                    "overall_util_percent", c.overallUtilPercent(), "mapping_efficiency_percent",
                    c.mappingEfficiencyPercent()));
        }
        root.put("layers", out);
        root.put("total_compute_cycles", ScaleSimCompute.totalCycles(cycles));
        return root;
    }

    @Override
    public String csv() {
        TextTable t = new TextTable("layer", "compute_cycles", "msqsim_cycles", "macs", "overall_util_percent");
        for (int i = 0; i < layers.size(); i++) {
            LayerCycles c = cycles.get(i);
            OptionalLong n = NativeCycles.of(config, layers.get(i));
            t.row(c.name(), c.computeCycles(), n.isPresent() ? n.getAsLong() : "", c.macs(),
                    TextTable.plain(c.overallUtilPercent()));
        }
        return t.csv();
    }
}
