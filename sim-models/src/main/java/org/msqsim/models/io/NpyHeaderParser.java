package org.msqsim.models.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A strict recursive-descent parser of the header dictionary NumPy writes, the Python literal
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (576, 9), }} followed by padding.
 *
 * <p>It accepts exactly the subset of Python literal syntax that NumPy's writer can produce (and
 * that {@code numpy.lib.format} reads back): single- or double-quoted keys without escapes, the
 * three keys {@code descr}, {@code fortran_order} and {@code shape} each exactly once in any
 * order, an optional trailing comma, and nothing but whitespace after the closing brace.
 * Python 2 long suffixes in shapes ({@code 576L}) are accepted, as NumPy itself does.
 */
final class NpyHeaderParser {
    /** Longest piece of header quoted in an error message; version 2.0 headers may be 4 GiB. */
    private static final int MAX_SHOWN = 200;
    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

    private final Path file;
    private final String text;
    private int pos;

    private String descr;
    private Boolean fortranOrder;
    private List<Integer> shape;

    private NpyHeaderParser(Path file, String text) {
        this.file = file;
        this.text = text;
    }

    static NpyHeader parse(Path file, String text) {
        return new NpyHeaderParser(file, text).dict();
    }

    private NpyHeader dict() {
        skipSpace();
        expect('{');
        Set<String> seen = new HashSet<>();
        skipSpace();
        while (peek() != '}') {
            entry(seen);
            skipSpace();
            if (peek() == ',') {
                pos++;
                skipSpace();
            } else if (peek() != '}') {
                throw error("expected ',' or '}'");
            }
        }
        pos++;
        skipSpace();
        if (pos != text.length()) {
            throw error("unexpected text after the header dictionary");
        }
        for (String key : List.of("descr", "fortran_order", "shape")) {
            if (!seen.contains(key)) {
                throw new NpyFormatException(file, "header parse error: missing key '" + key + "' in " + quoted());
            }
        }
        NpyDtype dtype = NpyDtype.fromDescr(descr).orElseThrow(() -> new NpyFormatException(file,
                "unsupported dtype '" + descr + "' (supported: " + NpyDtype.supportedList() + ")"));
        return new NpyHeader(dtype, fortranOrder, shape);
    }

    private void entry(Set<String> seen) {
        int keyAt = pos;
        String key = string();
        if (!KEYS.contains(key)) {
            pos = keyAt;
            throw error("unknown key '" + key + "' (expected 'descr', 'fortran_order', 'shape')");
        }
        if (!seen.add(key)) {
            pos = keyAt;
            throw error("duplicate key '" + key + "'");
        }
        skipSpace();
        expect(':');
        skipSpace();
        switch (key) {
            case "descr" -> descr = descrValue();
            case "fortran_order" -> fortranOrder = bool();
            default -> shape = tuple();
        }
    }

    private String descrValue() {
        if (peek() == '[') {
            throw new NpyFormatException(file, "unsupported dtype: structured (record) arrays are not supported");
        }
        return string();
    }

    private String string() {
        char quote = peek();
        if (quote != '\'' && quote != '"') {
            throw error("expected a quoted string");
        }
        int start = ++pos;
        while (pos < text.length() && text.charAt(pos) != quote) {
            if (text.charAt(pos) == '\\') {
                throw error("escape sequences are not allowed in header strings");
            }
            pos++;
        }
        if (pos == text.length()) {
            throw error("unterminated string");
        }
        return text.substring(start, pos++);
    }

    private boolean bool() {
        if (text.startsWith("True", pos)) {
            pos += 4;
            return true;
        }
        if (text.startsWith("False", pos)) {
            pos += 5;
            return false;
        }
        throw error("expected True or False for 'fortran_order'");
    }

    private List<Integer> tuple() {
        int start = pos;
        expect('(');
        List<Integer> dims = new ArrayList<>();
        boolean trailingComma = false;
        skipSpace();
        while (peek() != ')') {
            dims.add(dimension());
            skipSpace();
            trailingComma = peek() == ',';
            if (trailingComma) {
                pos++;
                skipSpace();
            } else if (peek() != ')') {
                throw error("expected ',' or ')' in 'shape'");
            }
        }
        pos++;
        if (dims.size() == 1 && !trailingComma) {
            pos = start;
            throw error("'shape' is not a tuple; a 1-D shape is written (n,)");
        }
        return dims;
    }

    private int dimension() {
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a non-negative integer in 'shape'");
        }
        String digits = text.substring(start, pos);
        if (peek() == 'L') {
            pos++;
        }
        if (digits.length() > 10 || Long.parseLong(digits) > Integer.MAX_VALUE) {
            pos = start;
            throw error("dimension " + digits + " is too large");
        }
        return Integer.parseInt(digits);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t'
                || text.charAt(pos) == '\n' || text.charAt(pos) == '\r')) {
            pos++;
        }
    }

    private NpyFormatException error(String what) {
        return new NpyFormatException(file, "header parse error at offset " + pos + ": " + what + " in " + quoted());
    }

    private String quoted() {
        String shown = text.strip().replace("\n", "\\n");
        return "\"" + (shown.length() > MAX_SHOWN ? shown.substring(0, MAX_SHOWN) + "..." : shown) + "\"";
    }
}
