package org.msqsim.cli.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.msqsim.cli.report.Json;
import org.msqsim.cli.report.Report;
import org.msqsim.cli.report.TextTable;

/**
 * The result of {@code msqsim validate}: one row per claim (expected, simulated, signed deviation and
 * deviation in % of the expected value, tolerance, verdict, source), then the reasons for errors, the
 * notes of failed claims and the reasons of known misses, then a count. A known miss (a claim marked
 * {@code known_miss}, outside its tolerance) is reported with its figures like any claim but does not
 * make the run fail; a known miss that passes is reported as such, so that its stale mark is removed.
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

    /** Every claim within its tolerance (a known miss that passes counts; a known miss does not). */
    public boolean allPass() {
        return outcomes.stream().allMatch(o -> o.status().within());
    }

    /** No claim FAILed or was an ERROR: {@code validate} exits 0. Known misses do not count against it. */
    public boolean holds() {
        return outcomes.stream().noneMatch(o -> o.status().failsRun());
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
                    o.status().label(), src);
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
            for (String text : remarks(o)) {
                if (!header) {
                    sb.append('\n');
                    header = true;
                }
                sb.append(o.claim().id()).append(": ").append(text).append('\n');
            }
        }
        sb.append('\n').append(summary()).append('\n');
        return sb.toString();
    }

    /** The lines under the table for one claim: why it is an error, a failure's note, a miss's reason. */
    private static List<String> remarks(ClaimOutcome o) {
        Claim c = o.claim();
        List<String> out = new ArrayList<>();
        switch (o.status()) {
            case ERROR -> out.add("error: " + o.error());
            case FAIL -> c.note().ifPresent(n -> out.add("note: " + n));
            case KNOWN_MISS -> {
                out.add("known miss: " + c.knownMiss().orElseThrow());
                c.note().ifPresent(n -> out.add("note: " + n));
            }
            case UNEXPECTED_PASS -> out.add("passes although marked known_miss (\"" + c.knownMiss().orElseThrow()
                    + "\"): remove known_miss from the claim");
            case PASS -> {
            }
        }
        return out;
    }

    /** The count line: known misses and stale marks appear only when there are some. */
    private String summary() {
        StringBuilder sb = new StringBuilder(String.format("%d pass, %d FAIL, %d ERROR", count(ClaimOutcome.Status.PASS),
                count(ClaimOutcome.Status.FAIL), count(ClaimOutcome.Status.ERROR)));
        long misses = count(ClaimOutcome.Status.KNOWN_MISS);
        if (misses > 0) {
            sb.append(", ").append(misses).append(misses == 1 ? " known miss" : " known misses");
        }
        long stale = count(ClaimOutcome.Status.UNEXPECTED_PASS);
        if (stale > 0) {
            sb.append(", ").append(stale).append(stale == 1 ? " known miss now passes (remove its known_miss)"
                    : " known misses now pass (remove their known_miss)");
        }
        return sb.append(holds() ? "" : " — exit code 1").toString();
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
                    Json.num(o.deviationPercent()), "status", o.status().name().toLowerCase(Locale.ROOT), "error",
                    o.error(), "note", c.note().orElse(null), "known_miss", c.knownMiss().orElse(null)));
        }
        return Json.obj(files.size() == 1 ? "file" : "files", files.size() == 1 ? files.get(0) : files, "claims", claims,
                "passed", count(ClaimOutcome.Status.PASS), "failed", count(ClaimOutcome.Status.FAIL), "errors",
                count(ClaimOutcome.Status.ERROR), "known_misses", count(ClaimOutcome.Status.KNOWN_MISS),
                "unexpected_passes", count(ClaimOutcome.Status.UNEXPECTED_PASS), "all_pass", allPass(), "exit_code",
                holds() ? 0 : 1);
    }

    /**
     * One row per claim with plain numbers ({@link TextTable#plain}): no thousands separators, '.' as
     * the decimal point, empty where there is no number; the tolerance as its kind and value; the
     * result as the status's name (PASS, FAIL, ERROR, KNOWN_MISS, UNEXPECTED_PASS); the known-miss reason
     * last, empty for other claims.
     */
    @Override
    public String csv() {
        TextTable t = new TextTable("id", "metric", "expected", "simulated", "deviation", "deviation_percent",
                "tolerance_kind", "tolerance", "result", "source", "known_miss");
        for (ClaimOutcome o : outcomes) {
            Claim c = o.claim();
            String expected = c.expected() instanceof ClaimExpected.Quantity q ? q.value().toPlainString()
                    : c.expected().text();
            String simulated = o.simulated() == null ? ""
                    : c.expected() instanceof ClaimExpected.Truth ? o.simulated() : TextTable.plain(o.number());
            t.row(c.id(), c.metric().text(), expected, simulated, TextTable.plain(o.deviation()),
                    TextTable.plain(o.deviationPercent()), c.tolerance().kind().name().toLowerCase(Locale.ROOT),
                    TextTable.plain(c.tolerance().value()), o.status().name(), c.source(), c.knownMiss().orElse(""));
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
