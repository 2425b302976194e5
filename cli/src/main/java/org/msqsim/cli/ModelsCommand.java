package org.msqsim.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.msqsim.cli.io.UserError;
import org.msqsim.cli.report.Json;
import org.msqsim.cli.report.OutputFormat;
import org.msqsim.cli.report.TextTable;
import org.msqsim.models.graph.Network;
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
    @Parameters(arity = "0..1", paramLabel = "MODEL", description = "Show this model's layers.")
    String name;

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
            try {
                n = ModelZoo.get(name);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            out = format == OutputFormat.table ? n.listing() : list(List.of(n));
        } else {
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
            json.add(Json.obj("name", n.name(), "layers", n.nodes().size(), "macs", n.macs(), "params", n.params(),
                    "input", n.input().toString(), "description", n.description()));
        }
        return switch (format) {
            case json -> Json.write(json);
            case csv -> csv.csv();
            case table -> t.render();
        };
    }
}
