package org.msqsim.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.msqsim.cli.io.UserError;
import org.msqsim.cli.report.Json;
import org.msqsim.cli.report.OutputFormat;
import org.msqsim.cli.report.TextTable;
import org.msqsim.models.graph.Network;
import org.msqsim.models.graph.Node;
import org.msqsim.models.layer.Layer;
import org.msqsim.models.zoo.ModelZoo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code msqsim models}: the built-in networks with their layers, MACs and parameters. */
@Command(name = "models", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List the built-in networks, or one network layer by layer.")
final class ModelsCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "MODEL", description = "Show this model's layers (a built-in name or "
            + "an ONNX file, FILE.onnx).")
    String name;

    @Option(names = "--input-shape", paramLabel = "NxCxHxW",
            description = "The input shape of an ONNX model whose input is symbolic, e.g. 1x3x224x224.")
    String inputShape;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "table",
            description = "table, json or csv (default ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String out;
        if (name != null) {
            Network n;
            if (ModelArg.isOnnx(name)) {
                n = ModelArg.load("models", name, inputShape).network();
            } else {
                if (inputShape != null) {
                    throw new UserError("--input-shape applies to ONNX models (FILE.onnx), not to " + name);
                }
                try {
                    n = ModelZoo.get(name);
                } catch (IllegalArgumentException e) {
                    throw new UserError(e.getMessage());
                }
            }
            out = switch (format) {
                case table -> n.listing();
                case csv -> layersCsv(n);
                case json -> Json.write(List.of(summary(n, true)));
            };
        } else {
            if (inputShape != null) {
                throw new UserError("--input-shape applies to one ONNX model (msqsim models FILE.onnx)");
            }
            out = list(ModelZoo.all());
        }
        spec.commandLine().getOut().print(out.endsWith("\n") ? out : out + "\n");
        return 0;
    }

    private String list(List<Network> nets) {
        TextTable t = new TextTable("model", "layers", "MACs", "params", "input", "description");
        TextTable csv = new TextTable("model", "layers", "macs", "params", "input", "description");
        List<Map<String, Object>> json = new ArrayList<>();
        for (Network n : nets) {
            t.row(n.name(), n.nodes().size(), String.format("%,d", n.macs()), String.format("%,d", n.params()),
                    n.input().toString(), n.description());
            csv.row(n.name(), n.nodes().size(), n.macs(), n.params(), n.input().toString(), n.description());
            json.add(summary(n, false));
        }
        return switch (format) {
            case json -> Json.write(json);
            case csv -> csv.csv();
            case table -> t.render();
        };
    }

    /**
     * A network's summary as JSON; with {@code perLayer}, also {@code per_layer}: what the table of
     * {@code msqsim models MODEL} shows, one object per layer (issue 11 item 21).
     */
    private static Map<String, Object> summary(Network n, boolean perLayer) {
        Map<String, Object> m = Json.obj("name", n.name(), "layers", n.nodes().size(), "macs", n.macs(), "params",
                n.params(), "input", n.input().toString(), "description", n.description());
        if (perLayer) {
            List<Map<String, Object>> layers = new ArrayList<>();
            for (Node node : n.nodes()) {
                Layer l = node.layer();
                layers.add(Json.obj("name", l.name(), "kind", l.kind().label(), "form", l.describe(), "inputs",
                        node.inputs(), "output", Json.obj("c", l.outputShape().c(), "h", l.outputShape().h(), "w",
                                l.outputShape().w()), "macs", l.macs(), "params", l.params(), "other_ops",
                        l.elementOps()));
            }
            m = new LinkedHashMap<>(m);
            m.put("per_layer", layers);
        }
        return m;
    }

    /** A network layer by layer, the table's rows with plain numbers (issue 11 item 21). */
    private static String layersCsv(Network n) {
        TextTable csv = new TextTable("layer", "kind", "form", "inputs", "output_c", "output_h", "output_w", "macs",
                "params", "other_ops");
        for (Node node : n.nodes()) {
            Layer l = node.layer();
            csv.row(l.name(), l.kind().label(), l.describe(), String.join(";", node.inputs()), l.outputShape().c(),
                    l.outputShape().h(), l.outputShape().w(), l.macs(), l.params(), l.elementOps());
        }
        return csv.csv();
    }
}
