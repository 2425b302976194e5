package org.msqsim.cli.claims;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.msqsim.core.spec.Problems;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A claim's {@code args} turned into a command line, checked before anything runs.
 *
 * <p>Each key is a flag of the claim's command with '_' for '-' ({@code timing_only} is
 * {@code --timing-only}); {@code true} gives a switch, {@code false} leaves it out; numbers and strings
 * are the flag's value. The flags are checked against this build's own command definitions (picocli),
 * so a misspelt flag is a claims-file error, not a failed run. A flag whose value is a file
 * ({@code scalesim_cfg}, {@code scalesim_topology}, {@code weights}, and {@code board} when it names
 * a {@code .yaml}/{@code .yml} file) is resolved against the claims file's directory and must exist.
 * A command this build does not have (e.g. {@code explore} before it is built) passes unchecked and
 * errors when its claim runs.
 */
final class ClaimArgs {
    /** The commands a claim may name. */
    static final List<String> COMMANDS = List.of("run", "boards", "models", "explore");

    private static final Map<String, String> RESERVED = Map.of(
            "format", "validate always runs the command with --format json",
            "trace", "writes a file; a claim only reads the command's output",
            "plot", "writes files; a claim only reads the command's output",
            "help", "prints usage instead of a result",
            "version", "prints the version instead of a result");

    private final Map<String, CommandSpec> built = new LinkedHashMap<>();

    ClaimArgs(Program program) {
        program.commands().getSubcommands().forEach((name, cl) -> built.put(name, cl.getCommandSpec()));
    }

    /** Whether this build of msqsim has the command. */
    boolean hasCommand(String command) {
        return built.containsKey(command);
    }

    /**
     * The command line for a claim ({@code command --flag value … --format json}), or empty when a
     * problem was reported.
     *
     * @param args  the {@code args} mapping, or null when the claim has none
     * @param base  the claims file's directory, against which file values are resolved
     * @param path  the key path of {@code args}, e.g. {@code claims[2].args}
     */
    Optional<List<String>> argv(String command, JsonNode args, Path base, String path, Problems problems) {
        List<String> argv = new ArrayList<>(List.of(command));
        CommandSpec spec = built.get(command);
        boolean clean = true;
        for (Map.Entry<String, JsonNode> e : args == null ? Set.<Map.Entry<String, JsonNode>>of()
                : args.properties()) {
            String key = path + "." + e.getKey();
            JsonNode v = e.getValue();
            String why = check(command, spec, e.getKey(), v, base);
            if (why != null) {
                problems.add(key, v.isValueNode() ? v.toString() : null, why);
                clean = false;
                continue;
            }
            String flag = "--" + e.getKey().replace('_', '-');
            if (v.isBoolean()) {
                if (v.booleanValue()) {
                    argv.add(flag);
                }
            } else {
                argv.add(flag);
                argv.add(isFile(spec, e.getKey(), v) ? base.resolve(v.asText()).normalize().toString() : text(v));
            }
        }
        argv.add("--format");
        argv.add("json");
        return clean ? Optional.of(argv) : Optional.empty();
    }

    /** Why this flag and value cannot be used, or null when they can. */
    private String check(String command, CommandSpec spec, String key, JsonNode v, Path base) {
        if (!key.matches("[a-z][a-z0-9_]*")) {
            return "a flag name in lower case with '_' for '-', e.g. timing_only";
        }
        if (RESERVED.containsKey(key)) {
            return "not allowed in a claim: " + RESERVED.get(key);
        }
        if (!(v.isTextual() || v.isNumber() || v.isBoolean())) {
            return "must be a string, a number or true/false";
        }
        if (spec == null) {
            return null;
        }
        OptionSpec opt = spec.findOption("--" + key.replace('_', '-'));
        if (opt == null) {
            List<String> names = spec.options().stream().map(o -> o.longestName().replaceFirst("^--", "")
                    .replace('-', '_')).filter(n -> !RESERVED.containsKey(n)).toList();
            return "not a flag of 'msqsim " + command + "'" + ClaimSpelling.hint(key, names) + " (flags: "
                    + String.join(", ", names) + ")";
        }
        boolean isSwitch = opt.arity().max() == 0;
        if (isSwitch && !v.isBoolean()) {
            return "--" + key.replace('_', '-') + " is a switch: write true or false";
        }
        if (!isSwitch && v.isBoolean()) {
            return "--" + key.replace('_', '-') + " takes a value, not true/false";
        }
        if (isFile(spec, key, v) && !Files.exists(base.resolve(v.asText()))) {
            return "no such file (resolved against the claims file's directory: " + base.resolve(v.asText())
                    .normalize() + ")";
        }
        return null;
    }

    private static boolean isFile(CommandSpec spec, String key, JsonNode v) {
        if (spec == null || !v.isTextual()) {
            return false;
        }
        OptionSpec opt = spec.findOption("--" + key.replace('_', '-'));
        if (opt != null && opt.type() == Path.class) {
            return true;
        }
        return key.equals("board") && (v.asText().endsWith(".yaml") || v.asText().endsWith(".yml"));
    }

    private static String text(JsonNode v) {
        return v.isBigDecimal() ? v.decimalValue().stripTrailingZeros().toPlainString() : v.asText();
    }
}
