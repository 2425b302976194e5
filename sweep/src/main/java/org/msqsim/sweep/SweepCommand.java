package org.msqsim.sweep;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.msqsim.cli.io.UserError;
import org.msqsim.cli.report.TextTable;
import org.msqsim.core.spec.InvalidSpecException;
import org.msqsim.models.explore.DesignFamily;
import org.msqsim.models.explore.DesignResult;
import org.msqsim.models.explore.Exploration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code msqsim sweep SPEC.yaml}: the cases of a sweep file (boards × models × widths), each explored on
 * the file's grid as {@code msqsim explore} would, the designs of all cases evaluated as Spark jobs,
 * one per search stage. Prints one line per case on stdout; writes the rows and {@code explore}'s
 * summaries into {@code --out}; progress and timings on stderr.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false, version = "msqsim 0.1.0",
        description = {"Sweep boards x models x designs as an Apache Spark job: each board and model explored",
            "on the sweep file's grid exactly as 'msqsim explore' does it, the designs spread over Spark's",
            "executors (local threads by default; a standalone cluster with --master spark://HOST:7077).",
            "",
            "Writes into --out: designs.parquet and designs.csv (one row per board, model, width and",
            "design; a design that cannot be mapped is a row with its reason), summary.txt (explore's",
            "summary of each board and model) and summary.json. Sweep file keys: sweep/reference.yaml.",
            ""})
public final class SweepCommand implements Callable<Integer> {
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|[1-9][0-9]{0,3})(?:,([1-9][0-9]{0,2}))?\\])?");
    private static final Pattern STANDALONE = Pattern.compile("spark://[A-Za-z0-9.\\-\\[\\]:]+:[0-9]{1,5}"
            + "(?:,[A-Za-z0-9.\\-\\[\\]:]+:[0-9]{1,5})*");
    /** Attempts per task in local mode, as a cluster's {@code spark.task.maxFailures} default. */
    static final int LOCAL_ATTEMPTS = 4;

    @Parameters(index = "0", paramLabel = "SPEC.yaml", description = "The sweep file (keys: sweep/reference.yaml).")
    Path specFile;

    @Option(names = "--master", paramLabel = "URL", description = "local[*] (default: all cores of this machine), "
            + "local[N], or spark://HOST:PORT of a standalone cluster. Under spark-submit, its --master.")
    String master;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: out/<sweep file name>).")
    Path out;

    @Option(names = "--partitions", paramLabel = "N", description = "Spark tasks per stage (default: at least 4 "
            + "per core, at most " + SparkSweep.DESIGNS_PER_TASK + " designs each). The rows do not depend on it.")
    Integer partitions;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting, as spark-submit's "
            + "--conf (e.g. spark.executor.memory=4g); may be repeated.")
    Map<String, String> conf = new LinkedHashMap<>();

    @Option(names = "--progress-every", paramLabel = "SECONDS", defaultValue = "5",
            description = "Seconds between progress lines on stderr (default ${DEFAULT-VALUE}).")
    double progressEvery;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SweepSpec sweep;
        try {
            sweep = SweepSpecReader.read(specFile);
        } catch (InvalidSpecException e) {
            throw new UserError(String.join("\nmsqsim sweep: ", e.problems()));
        }
        String url = master(master != null ? master : System.getProperty("spark.master", "local[*]"));
        if (partitions != null && (partitions < 1 || partitions > 1_000_000)) {
            throw new UserError("--partitions must be between 1 and 1000000, got " + partitions);
        }
        if (!(progressEvery > 0 && progressEvery <= 3600)) {
            throw new UserError("--progress-every must be in (0, 3600] seconds, got " + progressEvery);
        }
        Path dir = out != null ? out : Path.of("out", specFile.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
        SweepOutput.check(dir);
        List<SweepCase> cases = SweepCase.of(sweep);
        PrintWriter err = spec.commandLine().getErr();
        err.println(String.format(Locale.ROOT, "msqsim sweep: %s: %d boards x %d models x %d widths = %d cases, "
                + "%s mode, on %s", specFile, sweep.boards().size(), sweep.models().size(),
                Math.max(1, sweep.bits().size()), cases.size(), sweep.mode().word(), url));
        long start = System.nanoTime();
        SparkSession spark = session(url, conf);
        err.println(String.format(Locale.ROOT, "msqsim sweep: Spark %s started in %.1f s, %d cores", spark.version(),
                (System.nanoTime() - start) / 1e9, spark.sparkContext().defaultParallelism()));
        try {
            long t0 = System.nanoTime();
            SparkSweep.Outcome o = new SparkSweep(spark, err, partitions == null ? 0 : partitions,
                    Math.round(progressEvery * 1000)).run(cases);
            double seconds = (System.nanoTime() - t0) / 1e9;
            List<SweepOutput.DesignRow> rows = SweepOutput.rows(o.cases(), sweep.keep());
            long w0 = System.nanoTime();
            SweepOutput.write(spark, dir, o.cases(), rows, SweepOutput.summaryText(o.cases()));
            err.println(String.format(Locale.ROOT, "msqsim sweep: wrote %,d rows and the summaries in %.1f s",
                    rows.size(), (System.nanoTime() - w0) / 1e9));
            for (SparkSweep.StageTime st : o.stages()) {
                err.println(String.format(Locale.ROOT, "msqsim sweep: stage %d: %,d designs in %d tasks, %.1f s "
                        + "wall; tasks ran %.1f s (%.1f s CPU) in all, the longest %.2f s", st.stage(), st.designs(),
                        st.tasks(), st.wallSeconds(), st.taskSeconds(), st.taskCpuSeconds(), st.longestTaskSeconds()));
            }
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.print(overview(o.cases()));
            stdout.println();
            stdout.println(String.format(Locale.ROOT, "evaluated %,d designs in %.1f s on %s: %,.0f designs/s",
                    o.evaluated(), seconds, url, o.evaluated() / seconds));
            stdout.println(String.format(Locale.ROOT, "wrote %s: designs.parquet and designs.csv (%,d rows, keep: %s), "
                    + "summary.txt, summary.json", dir, rows.size(), sweep.keep().word()));
            stdout.flush();
        } finally {
            spark.stop();
        }
        return 0;
    }

    /** One line per case: designs, unmapped, the best design, the best DSP-only one and the speedup. */
    static String overview(List<CaseState> cases) {
        TextTable t = new TextTable("board", "model", "W", "designs", "unmapped", "best", "at F", "family",
                "DSP-only", "speedup", "Pareto");
        for (CaseState cs : cases) {
            Exploration ex = cs.exploration();
            DesignResult best = ex.best().orElse(null);
            t.row(cs.ctx.board.id(), cs.ctx.net.name(), cs.ctx.base.weightBits() + "",
                    String.format("%,d", cs.evaluated()), String.format("%,d", ex.infeasible()),
                    best == null ? "-" : ms(best), best == null ? "-"
                            : String.format(Locale.ROOT, "%.2f", best.design().fraction()),
                    best == null ? "-" : best.design().family().label(),
                    ex.best(DesignFamily.DSP_ONLY).map(SweepCommand::ms).orElse("-"),
                    ex.speedupVsDspOnly().map(s -> String.format(Locale.ROOT, "%.3fx", s)).orElse("-"),
                    ex.results().isEmpty() ? "-" : ex.pareto().size() + "");
        }
        return t.render();
    }

    private static String ms(DesignResult r) {
        return String.format(Locale.ROOT, "%.3f ms", r.latencyMs());
    }

    /**
     * The Spark master URL, checked: {@code local}, {@code local[N]}, {@code local[*]} (run with
     * {@link #LOCAL_ATTEMPTS} attempts per task, as a cluster would), {@code local[N,F]}, or
     * {@code spark://HOST:PORT[,HOST:PORT…]}.
     */
    static String master(String m) {
        Matcher local = LOCAL.matcher(m);
        if (local.matches()) {
            String threads = local.group(1) == null ? "1" : local.group(1);
            String attempts = local.group(2) == null ? String.valueOf(LOCAL_ATTEMPTS) : local.group(2);
            return "local[" + threads + "," + attempts + "]";
        }
        if (STANDALONE.matcher(m).matches()) {
            return m;
        }
        throw new UserError("--master '" + m + "': give local, local[N], local[*], local[N,F] or "
                + "spark://HOST:PORT (a standalone cluster's master)");
    }

    /**
     * A Spark session on {@code url}. Local mode binds to the loopback interface and shows no web UI;
     * on a cluster, executors fetch this program's own jar (when it runs from one). Spark's console
     * progress bar is off: the sweep prints its own lines.
     */
    static SparkSession session(String url, Map<String, String> extra) {
        SparkConf c = new SparkConf().setAppName("msqsim sweep").setMaster(url)
                .set("spark.ui.showConsoleProgress", "false");
        if (url.startsWith("local")) {
            c.set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1");
        } else {
            ownJar().ifPresent(j -> {
                if (!c.contains("spark.jars")) {
                    c.set("spark.jars", j);
                }
            });
        }
        extra.forEach(c::set);
        return SparkSession.builder().config(c).getOrCreate();
    }

    /** The jar this class was loaded from, if it was a jar. */
    private static java.util.Optional<String> ownJar() {
        try {
            Path p = Path.of(SweepCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return p.toString().endsWith(".jar") ? java.util.Optional.of(p.toString()) : java.util.Optional.empty();
        } catch (java.net.URISyntaxException | NullPointerException | SecurityException e) {
            return java.util.Optional.empty();
        }
    }
}
