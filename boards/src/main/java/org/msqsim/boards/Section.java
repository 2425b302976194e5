package org.msqsim.boards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.function.Predicate;
import org.msqsim.boards.BoardSchema.Field;
import org.msqsim.core.spec.Problems;

/**
 * A typed, problem-reporting view of one YAML mapping of a board file.
 *
 * <p>On creation it reports every unknown key (with a "did you mean" when one is close) and every
 * missing required key. Each accessor then checks one key's type and range and returns its value,
 * or reports the problem and returns empty; it never throws for bad input. Callers run cross-key
 * checks only on values that came back present, so one mistake yields exactly one line.
 *
 * <p>Invariant: every key of the schema section is read at most once by the readers, so no
 * problem is reported twice. List items are shown 0-based, e.g. {@code ddr.ports[1].width_bits}.
 */
final class Section {
    private static final BigDecimal MAX_MHZ = BigDecimal.valueOf(1000);

    private final String path;
    private final ObjectNode node;
    private final Map<String, Field> fields = new LinkedHashMap<>();
    private final String schemaPath;
    private final Problems problems;
    /** Problems reported before this mapping's own key check; see {@link #clean()}. */
    private final int baseline;

    private Section(String path, String schemaPath, ObjectNode node, Problems problems) {
        this.path = path;
        this.schemaPath = schemaPath;
        this.node = node;
        this.problems = problems;
        this.baseline = problems.messages().size();
        BoardSchema.fields(schemaPath).forEach(f -> fields.put(f.name(), f));
        checkKeys();
    }

    /** The document root, or empty (problem reported) when the document is not a mapping. */
    static Optional<Section> root(JsonNode doc, Problems problems) {
        if (doc == null || doc.isMissingNode() || doc.isNull()) {
            problems.add("", null, "empty document — a board file is a YAML mapping (see boards/reference.yaml)");
            return Optional.empty();
        }
        if (!doc.isObject()) {
            problems.add("", shown(doc), "a board file must be a YAML mapping of id, name, device, clocks, "
                    + "ddr and accelerator");
            return Optional.empty();
        }
        return Optional.of(new Section("", "", (ObjectNode) doc, problems));
    }

    int problemCount() {
        return problems.messages().size();
    }

    /**
     * Whether no problem has been reported since this mapping was opened: none in its keys, its
     * values or the mappings beneath it. Readers finish one mapping before opening a sibling, so
     * this is exactly "this mapping is valid" and its record may be built.
     */
    boolean clean() {
        return problemCount() == baseline;
    }

    /** Whether the key is written as an empty list ({@code []}). */
    boolean emptyList(String key) {
        return node.has(key) && node.get(key).isArray() && node.get(key).isEmpty();
    }

    /** Whether the key is written in the file (whatever its value). */
    boolean has(String key) {
        return node.has(key);
    }

    String path(String key) {
        return BoardSchema.join(path, key);
    }

    /** Reports a problem with this whole mapping (e.g. a rule over several of its keys). */
    void problem(Object value, String why) {
        problems.add(path, value, why);
    }

    /** Reports a problem found by a cross-key check, showing the key's value as written. */
    void report(String key, String why) {
        JsonNode v = node.get(key);
        problems.add(path(key), v == null ? null : shown(v), why);
    }

    Optional<String> text(String key) {
        return value(key).flatMap(n -> {
            if (!n.isTextual() || n.asText().isBlank()) {
                return wrongType(key, n);
            }
            return Optional.of(n.asText());
        });
    }

    Optional<Boolean> bool(String key) {
        return value(key).flatMap(n -> n.isBoolean() ? Optional.of(n.booleanValue()) : wrongType(key, n));
    }

    /** An integer satisfying {@code ok}; a fractional, textual or out-of-range value is a problem. */
    Optional<Long> integer(String key, LongPredicate ok, String why) {
        return value(key).flatMap(n -> {
            if (!n.isNumber()) {
                return wrongType(key, n);
            }
            BigDecimal d = n.decimalValue().stripTrailingZeros();
            if (d.scale() > 0) {
                problems.add(path(key), shown(n), "must be a whole number" + unitSuffix(key));
                return Optional.empty();
            }
            if (d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 || !ok.test(d.longValueExact())) {
                problems.add(path(key), shown(n), why);
                return Optional.empty();
            }
            return Optional.of(d.longValueExact());
        });
    }

    Optional<BigDecimal> number(String key, Predicate<BigDecimal> ok, String why) {
        return value(key).flatMap(n -> {
            if (!n.isNumber()) {
                return wrongType(key, n);
            }
            if (!ok.test(n.decimalValue())) {
                problems.add(path(key), shown(n), why);
                return Optional.empty();
            }
            return Optional.of(n.decimalValue());
        });
    }

    /** A clock in MHz, in (0, 1000], returned in whole Hz. */
    Optional<Long> hz(String key) {
        return number(key, v -> v.signum() > 0 && v.compareTo(MAX_MHZ) <= 0,
                "must be in (0, 1000] MHz: no FPGA fabric or DSP clock reaches 1 GHz")
                .flatMap(mhz -> exactly(key, mhz.movePointRight(6), "is finer than 1 Hz"));
    }

    /** A duration in ns, in [0, maxNs], returned in whole ps (the simulator's time unit). */
    Optional<Long> ps(String key, long maxNs) {
        return number(key, v -> v.signum() >= 0 && v.compareTo(BigDecimal.valueOf(maxNs)) <= 0,
                "must be in [0, " + maxNs + "] ns")
                .flatMap(ns -> exactly(key, ns.movePointRight(3), "is finer than 1 ps"));
    }

    <E extends Enum<E>> Optional<E> choice(String key, Class<E> type) {
        Field f = fields.get(key);
        return value(key).flatMap(n -> {
            if (!n.isTextual() || !f.choices().contains(n.asText())) {
                String hint = n.isTextual() ? Suggestions.closest(n.asText().toLowerCase(Locale.ROOT), f.choices())
                        .map(s -> "; did you mean '" + s + "'?").orElse("") : "";
                problems.add(path(key), shown(n), expected(f) + hint);
                return Optional.empty();
            }
            return Optional.of(Enum.valueOf(type, n.asText().toUpperCase(Locale.ROOT)));
        });
    }

    /** A nested mapping; empty without a problem when it is optional and absent. */
    Optional<Section> section(String key) {
        return value(key).flatMap(n -> n.isObject()
                ? Optional.of(new Section(path(key), BoardSchema.join(schemaPath, key), (ObjectNode) n, problems))
                : wrongType(key, n));
    }

    /** A non-empty list of mappings. */
    Optional<List<Section>> list(String key) {
        return value(key).flatMap(n -> {
            if (!n.isArray() || n.isEmpty()) {
                problems.add(path(key), shown(n), "a non-empty list of mappings expected");
                return Optional.empty();
            }
            List<Section> items = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < n.size(); i++) {
                String itemPath = path(key) + "[" + i + "]";
                if (n.get(i).isObject()) {
                    items.add(new Section(itemPath, BoardSchema.join(schemaPath, key) + "[]",
                            (ObjectNode) n.get(i), problems));
                } else {
                    problems.add(itemPath, shown(n.get(i)), "a mapping expected");
                    ok = false;
                }
            }
            return ok ? Optional.of(items) : Optional.empty();
        });
    }

    private void checkKeys() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!fields.containsKey(key)) {
                String hint = Suggestions.closest(key, fields.keySet()).map(s -> "did you mean '" + s + "'?")
                        .orElse("known keys here: " + String.join(", ", fields.keySet()));
                problems.add(path(key), shown(node.get(key)), "unknown key; " + hint);
            }
        }
        for (Field f : fields.values()) {
            if (f.required() && !node.has(f.name())) {
                problems.add(path(f.name()), null, "required key is missing (" + expected(f) + ")");
            }
        }
    }

    /** The key's node, its default when optional and absent, or empty (already reported if required). */
    private Optional<JsonNode> value(String key) {
        Field f = fields.get(key);
        if (f == null) {
            throw new IllegalStateException("reader asks for " + path(key) + ", which the schema lacks");
        }
        JsonNode n = node.get(key);
        if (n == null) {
            return f.defaultValue() == null ? Optional.empty() : Optional.of(defaultNode(f));
        }
        if (n.isNull()) {
            problems.add(path(key), null, "empty value — " + expected(f));
            return Optional.empty();
        }
        return Optional.of(n);
    }

    private Optional<Long> exactly(String key, BigDecimal scaled, String why) {
        if (scaled.stripTrailingZeros().scale() > 0) {
            problems.add(path(key), shown(node.get(key)), why);
            return Optional.empty();
        }
        return Optional.of(scaled.longValueExact());
    }

    private <T> Optional<T> wrongType(String key, JsonNode n) {
        problems.add(path(key), shown(n), expected(fields.get(key)));
        return Optional.empty();
    }

    private String unitSuffix(String key) {
        String unit = BoardSchema.unitOf(key);
        return unit.isEmpty() ? "" : " of " + unit;
    }

    static String expected(Field f) {
        String unit = f.unit();
        String inUnit = unit.isEmpty() ? "" : " in " + unit;
        String note = unit.isEmpty() ? "" : " (the unit is in the key name)";
        return switch (f.type()) {
            case STRING -> "text expected";
            case INTEGER -> "plain integer" + inUnit + " expected" + note;
            case NUMBER -> "plain number" + inUnit + " expected" + note;
            case BOOLEAN -> "true or false expected";
            case CHOICE -> "one of " + String.join(", ", f.choices()) + " expected";
            case MAP -> "a mapping expected";
            case LIST -> "a non-empty list of mappings expected";
        };
    }

    private static JsonNode defaultNode(Field f) {
        String v = f.defaultValue();
        return switch (f.type()) {
            case INTEGER -> LongNode.valueOf(Long.parseLong(v));
            case NUMBER -> DecimalNode.valueOf(new BigDecimal(v));
            case BOOLEAN -> BooleanNode.valueOf(Boolean.parseBoolean(v));
            case STRING, CHOICE -> TextNode.valueOf(v);
            case MAP, LIST -> throw new IllegalStateException("no literal default for " + f.name());
        };
    }

    /** A value as the user wrote it: text quoted, mappings and lists abbreviated. */
    static String shown(JsonNode n) {
        if (n.isTextual()) {
            return '"' + n.asText() + '"';
        }
        if (n.isContainerNode()) {
            String s = n.toString();
            return s.length() <= 40 ? s : s.substring(0, 37) + "...";
        }
        return n.asText();
    }
}
