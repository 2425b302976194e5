package org.msqsim.cli.claims;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs claims: each claim's command runs in this process through {@link Program#run} exactly as a user
 * would type it (plus {@code --format json}), and the metric is read from the JSON it prints. A
 * command line shared by several claims runs once. A command that fails, prints no JSON, or lacks the
 * metric makes that claim an ERROR with the reason; the other claims still run. A claim marked
 * {@code known_miss} is run and compared like any other; only its verdict differs ({@link ClaimOutcome#evaluated}).
 */
public final class ClaimRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Program program;
    private final ClaimArgs commands;
    private final Map<List<String>, Result> cache = new HashMap<>();

    public ClaimRunner(Program program) {
        this.program = program;
        this.commands = new ClaimArgs(program);
    }

    /** One command's output: the parsed JSON, or why there is none. */
    private record Result(JsonNode json, String error) {
    }

    public List<ClaimOutcome> runAll(List<Claim> claims) {
        List<ClaimOutcome> out = new ArrayList<>();
        for (Claim c : claims) {
            out.add(run(c));
        }
        return out;
    }

    ClaimOutcome run(Claim claim) {
        if (!commands.hasCommand(claim.command())) {
            return ClaimOutcome.error(claim, "this build of msqsim has no '" + claim.command() + "' command");
        }
        Result r = cache.computeIfAbsent(claim.argv(), this::execute);
        if (r.error() != null) {
            return ClaimOutcome.error(claim, r.error());
        }
        JsonNode v;
        try {
            v = claim.metric().resolve(r.json());
        } catch (IllegalArgumentException e) {
            return ClaimOutcome.error(claim, "metric " + claim.metric() + ": " + e.getMessage());
        }
        return compare(claim, v);
    }

    static ClaimOutcome compare(Claim claim, JsonNode v) {
        if (claim.expected() instanceof ClaimExpected.Truth t) {
            if (!v.isBoolean()) {
                return ClaimOutcome.error(claim, "metric " + claim.metric() + " is " + describe(v)
                        + ", not true/false");
            }
            boolean pass = v.booleanValue() == t.value();
            return ClaimOutcome.evaluated(claim, pass, Boolean.toString(v.booleanValue()), Double.NaN);
        }
        if (!v.isNumber()) {
            return ClaimOutcome.error(claim, "metric " + claim.metric() + " is " + describe(v) + ", not a number"
                    + (v.isNull() ? " (e.g. bit_exact of a --timing-only run)" : ""));
        }
        double sim = v.doubleValue();
        double exp = ((ClaimExpected.Quantity) claim.expected()).value().doubleValue();
        boolean pass = claim.tolerance().accepts(exp, sim);
        return ClaimOutcome.evaluated(claim, pass, ValidateReport.number(sim), sim);
    }

    private static String describe(JsonNode v) {
        if (v.isNull()) {
            return "null";
        }
        return v.isContainerNode() ? (v.isArray() ? "an array" : "an object") : v.toString();
    }

    private Result execute(List<String> argv) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = program.run(argv.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        String line = "msqsim " + String.join(" ", argv);
        if (code != 0) {
            String why = err.toString().strip().replaceAll("\\s*\\n\\s*", "; ");
            return new Result(null, "'" + line + "' exited with " + code + (why.isEmpty() ? "" : ": " + why));
        }
        try {
            JsonNode tree = JSON.readTree(out.toString());
            if (tree == null || tree.isMissingNode()) {
                return new Result(null, "'" + line + "' printed nothing");
            }
            return new Result(tree, null);
        } catch (JsonProcessingException e) {
            return new Result(null, "'" + line + "' printed no JSON: " + e.getOriginalMessage());
        }
    }
}
