package org.msqsim.cli.claims;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A path to one value in a command's JSON output, as a claim names its metric.
 *
 * <p>Syntax (claims/README.md): steps joined without spaces —
 * {@code key} (an object member; letters, digits, '_', not starting with a digit), {@code .key} after
 * another step, {@code [3]} (the array element at index 3, from 0) and {@code [field=value]} (the one
 * array element, an object, whose member {@code field} is the string or number {@code value}; the
 * value runs to the next {@code ]}, so it may contain dots: {@code [name=layer1.0.conv1]}). A path may
 * start with a bracket when the output is an array: {@code [id=zc706].ddr_peak_gbps}.
 *
 * <p>Parsing checks the syntax only; {@link #resolve} says which step did not match the output.
 */
record ClaimPath(String text, List<Step> steps) {

    /** One step of a path. */
    sealed interface Step permits Key, Index, Select {
    }

    /** An object member. */
    record Key(String name) implements Step {
        @Override
        public String toString() {
            return "." + name;
        }
    }

    /** An array element by position. */
    record Index(int index) implements Step {
        @Override
        public String toString() {
            return "[" + index + "]";
        }
    }

    /** The one array element whose member {@code field} has the text {@code value}. */
    record Select(String field, String value) implements Step {
        @Override
        public String toString() {
            return "[" + field + "=" + value + "]";
        }
    }

    ClaimPath {
        steps = List.copyOf(steps);
    }

    /**
     * Parses a path.
     *
     * @throws IllegalArgumentException saying where the syntax is wrong
     */
    static ClaimPath parse(String text) {
        List<Step> steps = new ArrayList<>();
        int i = 0;
        int n = text.length();
        if (n == 0) {
            throw new IllegalArgumentException("empty path");
        }
        while (i < n) {
            char c = text.charAt(i);
            if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("'[' at " + (i + 1) + " is not closed by ']'");
                }
                steps.add(bracket(text.substring(i + 1, close), i + 1));
                i = close + 1;
            } else {
                if (c == '.') {
                    if (steps.isEmpty()) {
                        throw new IllegalArgumentException("a path cannot start with '.'");
                    }
                    i++;
                } else if (!steps.isEmpty()) {
                    throw new IllegalArgumentException("expected '.' or '[' at " + (i + 1) + ", found '" + c + "'");
                }
                int end = i;
                while (end < n && isKeyChar(text.charAt(end))) {
                    end++;
                }
                String key = text.substring(i, end);
                if (!isKey(key)) {
                    throw new IllegalArgumentException("expected a key (letters, digits, '_') at " + (i + 1));
                }
                steps.add(new Key(key));
                i = end;
            }
        }
        return new ClaimPath(text, steps);
    }

    private static Step bracket(String inside, int at) {
        if (inside.matches("[0-9]+")) {
            try {
                return new Index(Integer.parseInt(inside));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("index [" + inside + "] at " + at + " is too large");
            }
        }
        int eq = inside.indexOf('=');
        if (eq < 0 || !isKey(inside.substring(0, eq)) || eq == inside.length() - 1) {
            throw new IllegalArgumentException("[" + inside + "] at " + at
                    + " is neither an index [3] nor a selection [field=value]");
        }
        return new Select(inside.substring(0, eq), inside.substring(eq + 1));
    }

    private static boolean isKeyChar(char c) {
        return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static boolean isKey(String s) {
        return !s.isEmpty() && !Character.isDigit(s.charAt(0)) && s.chars().allMatch(ch -> isKeyChar((char) ch));
    }

    /**
     * The value the path names in {@code root}.
     *
     * @throws IllegalArgumentException naming the first step that does not match, and what was there
     */
    JsonNode resolve(JsonNode root) {
        JsonNode node = root;
        StringBuilder seen = new StringBuilder();
        for (Step step : steps) {
            String at = seen.length() == 0 ? "the output" : "'" + seen + "'";
            if (step instanceof Key k) {
                node = member(node, k, at);
            } else if (step instanceof Index x) {
                node = element(node, x, at);
            } else {
                node = select(node, (Select) step, at);
            }
            seen.append(seen.length() == 0 && step instanceof Key k ? k.name() : step.toString());
        }
        return node;
    }

    private static JsonNode member(JsonNode node, Key k, String at) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(at + " is " + kind(node) + ", not an object with key '" + k.name()
                    + "'");
        }
        JsonNode v = node.get(k.name());
        if (v == null) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            throw new IllegalArgumentException(at + " has no key '" + k.name() + "' (keys: " + String.join(", ", keys)
                    + ")");
        }
        return v;
    }

    private static JsonNode element(JsonNode node, Index x, String at) {
        if (!node.isArray()) {
            throw new IllegalArgumentException(at + " is " + kind(node) + ", not an array");
        }
        if (x.index() >= node.size()) {
            throw new IllegalArgumentException(at + " has " + node.size() + " elements, no index " + x.index());
        }
        return node.get(x.index());
    }

    private static JsonNode select(JsonNode node, Select s, String at) {
        if (!node.isArray()) {
            throw new IllegalArgumentException(at + " is " + kind(node) + ", not an array");
        }
        JsonNode found = null;
        List<String> values = new ArrayList<>();
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            JsonNode e = it.next();
            JsonNode f = e.isObject() ? e.get(s.field()) : null;
            if (f == null || !f.isValueNode() || f.isNull()) {
                continue;
            }
            values.add(f.asText());
            if (f.asText().equals(s.value())) {
                if (found != null) {
                    throw new IllegalArgumentException(at + " has more than one element with " + s.field() + "="
                            + s.value());
                }
                found = e;
            }
        }
        if (found == null) {
            String list = values.size() <= 12 ? String.join(", ", values)
                    : String.join(", ", values.subList(0, 12)) + ", … (" + values.size() + " in all)";
            throw new IllegalArgumentException(at + " has no element with " + s.field() + "=" + s.value()
                    + (values.isEmpty() ? " (no element has a '" + s.field() + "')" : " (" + s.field() + ": " + list
                    + ")"));
        }
        return found;
    }

    private static String kind(JsonNode n) {
        if (n.isObject()) {
            return "an object";
        }
        if (n.isArray()) {
            return "an array";
        }
        return n.isNull() ? "null" : "the value " + n;
    }

    @Override
    public String toString() {
        return text;
    }
}
