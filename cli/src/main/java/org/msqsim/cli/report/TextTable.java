package org.msqsim.cli.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A plain-text table for terminals: a header row, a rule, then rows; the first column left-aligned,
 * the others right-aligned (they are numbers). Also renders the same rows as CSV, so a command's
 * table and CSV outputs cannot drift apart.
 */
public final class TextTable {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(String... headers) {
        this.headers = List.of(headers);
    }

    public TextTable row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + headers.size());
        }
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(String.valueOf(c));
        }
        rows.add(r);
        return this;
    }

    /** Whether no row was added. */
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public String render() {
        int[] w = new int[headers.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = headers.get(i).length();
            for (List<String> r : rows) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, headers, w);
        int total = 0;
        for (int x : w) {
            total += x;
        }
        sb.append("-".repeat(total + 2 * (w.length - 1))).append('\n');
        for (List<String> r : rows) {
            line(sb, r, w);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] w) {
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            String pad = " ".repeat(w[i] - c.length());
            sb.append(i == 0 ? c + pad : pad + c);
            sb.append(i + 1 < cells.size() ? "  " : "\n");
        }
    }

    public String csv() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.join(",", headers.stream().map(TextTable::csvCell).toList())).append('\n');
        for (List<String> r : rows) {
            sb.append(String.join(",", r.stream().map(TextTable::csvCell).toList())).append('\n');
        }
        return sb.toString();
    }

    private static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /**
     * A number for CSV, whatever the JVM's locale: an optional '-', digits and at most one '.', no
     * thousands separators and no exponent, so {@link Double#parseDouble} and any spreadsheet read it
     * back; integral values without a fraction; the shortest digits that give back the double; an
     * empty cell where there is no number (NaN, infinity).
     */
    public static String plain(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** A number with 4 significant digits in a form that reads well in a column. */
    public static String sig(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        return a >= 1e-3 && a < 1e5 ? String.format(Locale.ROOT, "%.4g", v)
                : String.format(Locale.ROOT, "%.3e", v);
    }
}
