package org.msqsim.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.msqsim.boards.BoardCatalog;
import org.msqsim.cli.report.CoreShape;
import org.msqsim.cli.report.Json;
import org.msqsim.cli.report.OutputFormat;
import org.msqsim.cli.report.ResourceParts;
import org.msqsim.cli.report.TextTable;
import org.msqsim.core.resource.CostBreakdown;
import org.msqsim.core.resource.CostModel;
import org.msqsim.core.resource.ResourceVector;
import org.msqsim.core.resource.FitReport;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.spec.DeviceSpec;
import org.msqsim.core.spec.PeArraySpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code msqsim boards}: the built-in boards, their devices and default MSQ designs. */
@Command(name = "boards", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List the built-in boards: device resources, DDR, clocks and the default MSQ accelerator "
                + "with its resource use.")
final class BoardsCommand implements Callable<Integer> {
    @Option(names = "--format", paramLabel = "FMT", defaultValue = "table",
            description = "table, json or csv (default ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CostModel cost = CostModel.defaults();
        TextTable t = new TextTable("board", "part", "LUT", "FF", "DSP", "BRAM36", "URAM", "DDR GB/s", "clock MHz",
                "dsp core", "lut core", "design LUT %", "design DSP %");
        TextTable csv = new TextTable("board", "part", "lut", "ff", "dsp", "bram36", "uram", "ddr_peak_gbps",
                "clock_mhz", "dsp_core", "lut_core", "design_lut_percent", "design_dsp_percent");
        TextTable parts = new TextTable("board", "component", "LUT", "FF", "DSP", "BRAM36", "URAM");
        TextTable designs = new TextTable("board", "design", "dsp core", "lut core", "MACs/cycle", "LUT", "FF", "DSP",
                "BRAM36", "fits");
        List<Map<String, Object>> json = new ArrayList<>();
        for (BoardSpec b : BoardCatalog.all()) {
            DeviceSpec d = b.device();
            AcceleratorSpec a = b.accelerator();
            FitReport fit = cost.fit(a, d);
            CostBreakdown cb = cost.accelerator(a, d);
            for (Map.Entry<String, ResourceVector> e : cb.parts().entrySet()) {
                partRow(parts, b.id(), ResourceParts.label(e.getKey()), e.getValue());
            }
            partRow(parts, b.id(), "total", cb.total());
            t.row(b.id(), d.part(), String.format("%,d", d.lut()), String.format("%,d", d.ff()),
                    String.format("%,d", d.dsp()), String.format("%,d", d.bram36()), String.format("%,d", d.uram()), String.format("%.2f", a.ddr().peakBytesPerSecond() / 1e9),
                    b.clocks().defaultHz() / 1_000_000, a.dspCore().map(CoreShape::of).orElse("-"),
                    a.lutCore().map(CoreShape::of).orElse("-"),
                    String.format("%.0f", 100 * fit.utilisation().get("LUT")),
                    String.format("%.0f", 100 * fit.utilisation().get("DSP")));
            csv.row(b.id(), d.part(), d.lut(), d.ff(), d.dsp(), TextTable.plain(d.bram36()), d.uram(),
                    TextTable.plain(a.ddr().peakBytesPerSecond() / 1e9), TextTable.plain(b.clocks().defaultHz() / 1e6),
                    a.dspCore().map(CoreShape::of).orElse(""), a.lutCore().map(CoreShape::of).orElse(""),
                    TextTable.plain(100 * fit.utilisation().get("LUT")),
                    TextTable.plain(100 * fit.utilisation().get("DSP")));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", b.id());
            m.put("name", b.displayName());
            m.put("part", d.part());
            m.put("family", d.family().name().toLowerCase());
            m.put("lut", d.lut());
            m.put("ff", d.ff());
            m.put("dsp", d.dsp());
            m.put("bram36", d.bram36());
            m.put("uram", d.uram());
            m.put("ddr_peak_gbps", a.ddr().peakBytesPerSecond() / 1e9);
            m.put("ddr_sustained_gbps", a.ddr().sustainedBytesPerSecond() / 1e9);
            m.put("clock_mhz_default", b.clocks().defaultHz() / 1e6);
            m.put("dsp_core", a.dspCore().map(CoreShape::of).orElse(null));
            m.put("lut_core", a.lutCore().map(CoreShape::of).orElse(null));
            m.put("design_fits", fit.fits());
            m.put("design_utilisation", fit.utilisation());
            m.put("design_components", ResourceParts.json(cb));
            List<Map<String, Object>> named = new ArrayList<>();
            for (AcceleratorSpec n : b.designs()) {
                CostBreakdown nc = cost.accelerator(n, d);
                ResourceVector r = nc.total();
                boolean fits = cost.fit(n, d).fits();
                long peak = n.dspCore().map(PeArraySpec::peakMacsPerCycle).orElse(0L)
                        + n.lutCore().map(PeArraySpec::peakMacsPerCycle).orElse(0L);
                designs.row(b.id(), n.name(), n.dspCore().map(CoreShape::of).orElse("-"),
                        n.lutCore().map(CoreShape::of).orElse("-"), String.format("%,d", peak),
                        String.format("%,d", r.lut()), String.format("%,d", r.ff()), String.format("%,d", r.dsp()),
                        String.format("%,.1f", r.bram36()), fits ? "yes" : "no");
                Map<String, Object> j = new LinkedHashMap<>();
                j.put("name", n.name());
                j.put("dsp_core", n.dspCore().map(CoreShape::of).orElse(null));
                j.put("lut_core", n.lutCore().map(CoreShape::of).orElse(null));
                j.put("peak_macs_per_cycle", peak);
                j.put("fits", fits);
                j.put("components", ResourceParts.json(nc));
                named.add(j);
            }
            m.put("designs", named);
            json.add(m);
        }
        String out = switch (format) {
            case json -> Json.write(json);
            case csv -> csv.csv();
            case table -> t.render() + "\nCores: rows x cols x packing, dataflow, clock. Design % is the default "
                    + "design's use of the device per the cost model (docs/cost-model.md).\n\nDefault designs by "
                    + "component (cost model):\n" + parts.render()
                    + (designs.isEmpty() ? "" : "\nNamed designs (run --board B --design NAME; cost model):\n"
                    + designs.render());
        };
        spec.commandLine().getOut().print(out.endsWith("\n") ? out : out + "\n");
        return 0;
    }

    private static void partRow(TextTable t, String board, String component, ResourceVector v) {
        t.row(board, component, String.format("%,d", v.lut()), String.format("%,d", v.ff()),
                String.format("%,d", v.dsp()), String.format("%,.1f", v.bram36()), String.format("%,d", v.uram()));
    }
}
