package org.msqsim.cli.claims;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.msqsim.core.spec.Problems;

/**
 * Reads one entry of a claims file's {@code claims} list, reporting every problem it finds (unknown
 * keys, missing keys, wrong types, impossible values) and building the {@link Claim} only when there
 * are none.
 */
final class ClaimReader {
    private static final List<String> REQUIRED = List.of("id", "description", "source", "command", "metric",
            "expected");
    private static final Set<String> KEYS = Set.of("id", "description", "source", "command", "args", "metric",
            "expected", "tolerance", "note", "known_miss");

    private final JsonNode entry;
    private final String path;
    private final Problems problems;
    private boolean clean = true;

    private ClaimReader(JsonNode entry, String path, Problems problems) {
        this.entry = entry;
        this.path = path;
        this.problems = problems;
    }

    static Optional<Claim> read(JsonNode entry, String source, String path, Path base, ClaimArgs args,
                                Problems problems) {
        if (!entry.isObject()) {
            problems.add(path, ClaimsFile.shown(entry), "a claim is a mapping of id, description, source, command, "
                    + "args, metric, expected, tolerance, note, known_miss");
            return Optional.empty();
        }
        return new ClaimReader(entry, path, problems).claim(source, base, args);
    }

    private Optional<Claim> claim(String source, Path base, ClaimArgs args) {
        for (Iterator<String> it = entry.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                report(k, null, "unknown key" + ClaimSpelling.hint(k, KEYS) + " (keys: id, description, source, "
                        + "command, args, metric, expected, tolerance, note, known_miss)");
            }
        }
        for (String k : REQUIRED) {
            if (!entry.has(k) || entry.get(k).isNull()) {
                report(k, null, "missing — required" + (k.equals("source")
                        ? ": a citation (paper and table, datasheet, or URL) for the expected value" : ""));
            }
        }
        String id = text("id");
        if (id != null && !id.matches("[a-z0-9][a-z0-9_.-]*")) {
            report("id", quoted(id), "lower-case letters, digits, '.', '-' or '_', starting with a letter or digit");
        }
        String description = text("description");
        String src = text("source");
        String command = text("command");
        if (command != null && !ClaimArgs.COMMANDS.contains(command)) {
            report("command", quoted(command), "not a command a claim can use" + ClaimSpelling.hint(command,
                    ClaimArgs.COMMANDS) + " (commands: " + String.join(", ", ClaimArgs.COMMANDS) + ")");
            command = null;
        }
        JsonNode argsNode = entry.get("args");
        if (argsNode != null && !argsNode.isObject()) {
            report("args", ClaimsFile.shown(argsNode), "must be a mapping of flags to values, e.g. {board: zc706}");
            argsNode = null;
        }
        Optional<List<String>> argv = command == null ? Optional.empty()
                : args.argv(command, argsNode, base, path + ".args", problems);
        if (command != null && argv.isEmpty()) {
            clean = false;
        }
        ClaimPath metric = metric();
        ClaimExpected expected = expected();
        ClaimTolerance tolerance = tolerance(expected);
        String note = entry.has("note") ? text("note") : null;
        String knownMiss = knownMiss();
        if (!clean) {
            return Optional.empty();
        }
        return Optional.of(new Claim(source + ":" + path, id, description, src, command, args(argsNode),
                argv.orElseThrow(), metric, expected, tolerance, Optional.ofNullable(note),
                Optional.ofNullable(knownMiss)));
    }

    /**
     * The reason a claim is a known miss: a non-empty string naming what msqsim does not model. A bare
     * {@code true} or an empty string is refused, so that every miss kept in a file says why.
     */
    private String knownMiss() {
        JsonNode v = entry.get("known_miss");
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            report("known_miss", ClaimsFile.shown(v), "must be the reason as a string: the mechanism msqsim does not "
                    + "model that makes it miss this claim");
            return null;
        }
        if (v.asText().isBlank()) {
            report("known_miss", "\"\"", "must not be empty: say which mechanism msqsim does not model");
            return null;
        }
        return v.asText();
    }

    private ClaimPath metric() {
        JsonNode raw = entry.get("metric");
        if (raw != null && raw.isArray()) {
            report("metric", ClaimsFile.shown(raw), "YAML read a list: quote a path that starts with '[', e.g. "
                    + "metric: \"[id=zc706].ddr_peak_gbps\"");
            return null;
        }
        String m = text("metric");
        if (m == null) {
            return null;
        }
        try {
            return ClaimPath.parse(m);
        } catch (IllegalArgumentException e) {
            report("metric", quoted(m), "not a path: " + e.getMessage()
                    + " (e.g. latency_ms, layers[3].cycles, [id=zc706].ddr_peak_gbps)");
            return null;
        }
    }

    private ClaimExpected expected() {
        JsonNode v = entry.get("expected");
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return new ClaimExpected.Truth(v.booleanValue());
        }
        if (v.isNumber()) {
            return new ClaimExpected.Quantity(v.decimalValue());
        }
        report("expected", ClaimsFile.shown(v), "must be a number or true/false" + (v.isTextual()
                ? " (unquoted, without units: the metric's unit is the command's)" : ""));
        return null;
    }

    private ClaimTolerance tolerance(ClaimExpected expected) {
        JsonNode t = entry.get("tolerance");
        if (t == null) {
            return ClaimTolerance.EXACT;
        }
        if (expected instanceof ClaimExpected.Truth) {
            report("tolerance", null, "a true/false claim is compared exactly; remove the tolerance");
            return null;
        }
        if (!t.isObject()) {
            report("tolerance", ClaimsFile.shown(t), "must be {absolute: X} or {relative: F}");
            return null;
        }
        ClaimTolerance out = null;
        int kinds = 0;
        for (Map.Entry<String, JsonNode> e : t.properties()) {
            String key = "tolerance." + e.getKey();
            ClaimTolerance.Kind kind = switch (e.getKey()) {
                case "absolute" -> ClaimTolerance.Kind.ABSOLUTE;
                case "relative" -> ClaimTolerance.Kind.RELATIVE;
                default -> null;
            };
            if (kind == null) {
                report(key, null, "unknown key" + ClaimSpelling.hint(e.getKey(), List.of("absolute", "relative"))
                        + " (a tolerance is absolute or relative)");
                continue;
            }
            kinds++;
            out = toleranceValue(key, kind, e.getValue(), expected);
        }
        if (kinds == 0) {
            report("tolerance", "{}", "give absolute or relative (or leave tolerance out for an exact claim)");
        } else if (kinds > 1) {
            report("tolerance", null, "give absolute or relative, not both");
            return null;
        }
        return out;
    }

    private ClaimTolerance toleranceValue(String key, ClaimTolerance.Kind kind, JsonNode v, ClaimExpected expected) {
        if (!v.isNumber()) {
            report(key, ClaimsFile.shown(v), "must be a number" + (kind == ClaimTolerance.Kind.RELATIVE
                    ? " (a fraction: 0.01 is 1 %)" : " in the metric's unit"));
            return null;
        }
        BigDecimal d = v.decimalValue();
        if (d.signum() < 0) {
            report(key, ClaimsFile.shown(v), "a tolerance cannot be negative");
            return null;
        }
        if (kind == ClaimTolerance.Kind.RELATIVE && d.compareTo(BigDecimal.ONE) > 0) {
            report(key, ClaimsFile.shown(v), "a relative tolerance is a fraction of the expected value, at most 1 "
                    + "(0.05 is 5 %)");
            return null;
        }
        if (kind == ClaimTolerance.Kind.RELATIVE && expected instanceof ClaimExpected.Quantity q
                && q.value().signum() == 0) {
            report(key, ClaimsFile.shown(v), "a relative tolerance of an expected 0 accepts only 0; use absolute");
            return null;
        }
        return new ClaimTolerance(kind, d.doubleValue());
    }

    private String text(String key) {
        JsonNode v = entry.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            report(key, ClaimsFile.shown(v), "must be a string");
            return null;
        }
        if (v.asText().isBlank()) {
            report(key, "\"\"", "must not be empty");
            return null;
        }
        return v.asText();
    }

    private static Map<String, Object> args(JsonNode argsNode) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (argsNode != null) {
            argsNode.properties().forEach(e -> m.put(e.getKey(), e.getValue().isBoolean()
                    ? (Object) e.getValue().booleanValue() : e.getValue().isNumber() ? e.getValue().numberValue()
                    : e.getValue().asText()));
        }
        return m;
    }

    private static String quoted(String s) {
        return "\"" + s + "\"";
    }

    private void report(String key, String value, String why) {
        problems.add(path + "." + key, value, why);
        clean = false;
    }
}
