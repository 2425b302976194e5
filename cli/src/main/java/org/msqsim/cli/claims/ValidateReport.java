package org.msqsim.cli.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.msqsim.cli.report.Json;
import org.msqsim.cli.report.Report;
import org.msqsim.cli.report.TextTable;

/**
 * The result of {@code msqsim validate}: one row per claim (expected, simulated, deviation, tolerance,
 * PASS/FAIL/ERROR, source), then the reasons for errors and the notes of failed claims, then a count.
 */
public final class ValidateReport implements Report {
    private static final int SOURCE_WIDTH = 60;
    private final List<String> files;
    private final List<ClaimOutcome> outcomes;

    public ValidateReport(String file, List<ClaimOutcome> outcomes) {
        this(List.of(file), outcomes);
    }

    /** The claims of several files, in file order, as one report. */
    public ValidateReport(List<String> files, List<ClaimOutcome> outcomes) {
        this.files = List.copyOf(files);
        this.outcomes = List.copyOf(outcomes);
    }

    public boolean allPass() {
        return outcomes.stream().allMatch(o -> o.status() == ClaimOutcome.Status.PASS);
    }

    private long count(ClaimOutcome.Status s) {
        return outcomes.stream().filter(o -> o.status() == s).count();
    }

    private TextTable rows() {
        TextTable t = new TextTable("id", "metric", "expected", "simulated", "deviation", "dev %", "tolerance",
                "result", "source");
        for (ClaimOutcome o : outcomes) {
            Claim c = o.claim();
            String src = c.source().length() <= SOURCE_WIDTH ? c.source()
                    : c.source().substring(0, SOURCE_WIDTH - 1) + "…";
            t.row(c.id(), c.metric().text(), c.expected().text(), o.simulated() == null ? "-" : o.simulated(),
                    signed(o.deviation()), percent(o.deviationPercent()), c.tolerance().describe(),
                    o.status().name(), src);
        }
        return t;
    }

    @Override
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("msqsim validate: ").append(String.join(", ", files)).append(", ").append(outcomes.size()).append(" claims\n\n");
        sb.append(rows().render());
        boolean header = false;
        for (ClaimOutcome o : outcomes) {
            String text = o.status() == ClaimOutcome.Status.ERROR ? "error: " + o.error()
                    : o.status() == ClaimOutcome.Status.FAIL ? o.claim().note().map(n -> "note: " + n).orElse(null)
                    : null;
            if (text != null) {
                if (!header) {
                    sb.append('\n');
                    header = true;
                }
                sb.append(o.claim().id()).append(": ").append(text).append('\n');
            }
        }
        sb.append(String.format("%n%d pass, %d FAIL, %d ERROR%s%n", count(ClaimOutcome.Status.PASS),
                count(ClaimOutcome.Status.FAIL), count(ClaimOutcome.Status.ERROR),
                allPass() ? "" : " — exit code 1"));
        return sb.toString();
    }

    @Override
    public Map<String, Object> json() {
        List<Map<String, Object>> claims = new ArrayList<>();
        for (ClaimOutcome o : outcomes) {
            Claim c = o.claim();
            Object expected = c.expected() instanceof ClaimExpected.Quantity q ? q.value()
                    : ((ClaimExpected.Truth) c.expected()).value();
            Object simulated = o.simulated() == null ? null
                    : c.expected() instanceof ClaimExpected.Truth ? Boolean.valueOf(o.simulated()) : o.number();
            claims.add(Json.obj("id", c.id(), "description", c.description(), "source", c.source(),
                    "command", c.command(), "args", c.args(), "metric", c.metric().text(), "expected", expected,
                    "tolerance", Json.obj("kind", c.tolerance().kind().name().toLowerCase(), "value",
                            c.tolerance().value()),
                    "simulated", simulated, "deviation", Json.num(o.deviation()), "deviation_percent",
                    Json.num(o.deviationPercent()), "status", o.status().name().toLowerCase(), "error", o.error(),
                    "note", c.note().orElse(null)));
        }
        return Json.obj(files.size() == 1 ? "file" : "files", files.size() == 1 ? files.get(0) : files, "claims", claims, "passed", count(ClaimOutcome.Status.PASS), "failed",
                count(ClaimOutcome.Status.FAIL), "errors", count(ClaimOutcome.Status.ERROR), "all_pass", allPass());
    }

    /**
     * One row per claim with plain numbers ({@link TextTable#plain}): no thousands separators, '.' as
     * the decimal point, empty where there is no number; the tolerance as its kind and value.
     */
    @Override
    public String csv() {
        TextTable t = new TextTable("id", "metric", "expected", "simulated", "deviation", "deviation_percent",
                "tolerance_kind", "tolerance", "result", "source");
        for (ClaimOutcome o : outcomes) {
            Claim c = o.claim();
            String expected = c.expected() instanceof ClaimExpected.Quantity q ? q.value().toPlainString()
                    : c.expected().text();
            String simulated = o.simulated() == null ? ""
                    : c.expected() instanceof ClaimExpected.Truth ? o.simulated() : TextTable.plain(o.number());
            t.row(c.id(), c.metric().text(), expected, simulated, TextTable.plain(o.deviation()),
                    TextTable.plain(o.deviationPercent()), c.tolerance().kind().name().toLowerCase(Locale.ROOT),
                    TextTable.plain(c.tolerance().value()), o.status().name(), c.source());
        }
        return t.csv();
    }

    /** A number for the table: integers in full with thousands separators, others to 6 significant digits. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e") || s.contains("E")) {
            return s;
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    private static String signed(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return (v > 0 ? "+" : "") + number(v);
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%+.3f", v);
    }
}
