package org.msqsim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msqsim.cli.report.ExploreReport;
import org.msqsim.models.explore.Exploration;
import org.msqsim.models.explore.Explorer;

/**
 * {@code msqsim sweep} in Spark's local mode: the rows equal {@code explore}'s on every board, model and
 * stage; they do not depend on the number of threads or tasks; the Parquet table holds the CSV's rows;
 * bit-exact mode checks outputs; bad input fails before Spark starts, leaving nothing behind.
 */
class SweepLocalTest {
    @TempDir
    Path tmp;

    @Test
    void rowsAndSummariesEqualExploresOnEveryCase() throws IOException {
        Path spec = tmp.resolve("fixture.yaml");
        Files.writeString(spec, SweepFixtures.SPEC);
        Path out = tmp.resolve("out");
        SweepFixtures.Capture so = SweepFixtures.Capture.of();
        SweepFixtures.Capture se = SweepFixtures.Capture.of();
        int code = SweepMain.run(new String[] {spec.toString(), "--master", "local[2]", "--out", out.toString(),
            "--progress-every", "0.2"}, so.writer(), se.writer());
        assertEquals(0, code, se.text());
        List<String> csv = Files.readAllLines(out.resolve("designs.csv"));
        assertEquals(SweepOutput.CSV_HEADER, csv.get(0));
        String summary = Files.readString(out.resolve("summary.txt"));
        int checkedStages = 0;
        for (SweepCase c : SweepCase.of(SweepFixtures.spec())) {
            Explorer.Outcome explored = SweepFixtures.explore(c);
            String prefix = c.boardName() + "," + c.model() + ",";
            List<String> mine = new ArrayList<>();
            int unmapped = 0;
            for (String line : csv.subList(1, csv.size())) {
                if (line.startsWith(prefix)) {
                    String[] f = line.split(",", -1);
                    if (f[f.length - 3].equals("mapped")) {
                        mine.add(String.join(",", Arrays.copyOfRange(f, 3, f.length - 4)));
                    } else {
                        unmapped++;
                    }
                    checkedStages = Math.max(checkedStages, Integer.parseInt(f[f.length - 4]));
                }
            }
            assertEquals(SweepFixtures.exploreCsv(explored), mine, c.boardName() + " " + c.model());
            assertEquals(explored.infeasible(), unmapped);
            CaseContext x = CaseContext.of(c);
            String table = new ExploreReport(x.board, x.base, x.net, new Exploration(explored.results(),
                    explored.infeasible()), c.grid(), new double[] {0.70, 0.80, 0.80}, x.notes).table();
            assertTrue(summary.contains(table), "explore's summary of " + c.boardName() + " " + c.model());
        }
        assertEquals(4, checkedStages, "the fixture must reach stage 4 (shapes, fractions, polish, refinement)");
        assertTrue(se.text().contains("msqsim sweep: stage 4 of 4 (clocks and buffers): "), se.text());
        assertTrue(so.text().contains("wrote " + out), so.text());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of("designs.csv", "designs.parquet", "summary.json", "summary.txt"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no staging folder left");
        }
    }

    /**
     * One thread in one task per stage against two threads in 13 tasks whose first attempt of each stage's
     * first task fails (Spark retries it: local masters get 4 attempts, as a cluster).
     */
    @Test
    void sameRowsWhateverThreadsTasksAndRetriesAndParquetHoldsThem() {
        List<SweepCase> cases = SweepCase.of(SweepFixtures.spec());
        List<String> one = rows("local[1]", 1, cases, null);
        Path parquet = tmp.resolve("p");
        List<String> many;
        System.setProperty(SparkSweep.FAIL_FIRST_ATTEMPT, "true");
        try {
            many = rows("local[2]", 13, cases, parquet);
        } finally {
            System.clearProperty(SparkSweep.FAIL_FIRST_ATTEMPT);
        }
        assertEquals(one, many);
        assertTrue(one.size() > 100, "the fixture is too small to mean much: " + one.size());
    }

    /** The CSV lines of a sweep on {@code master} in {@code tasks} tasks per stage; writes Parquet too when asked. */
    private static List<String> rows(String master, int tasks, List<SweepCase> cases, Path parquetDir) {
        SparkSession spark = SweepCommand.session(SweepCommand.master(master), Map.of());
        try {
            SparkSweep.Outcome o = new SparkSweep(spark, SweepFixtures.Capture.of().writer(), tasks, 60_000)
                    .run(cases);
            List<SweepOutput.DesignRow> rows = SweepOutput.rows(o.cases(), SweepSpec.Keep.ALL);
            assertEquals(rows.stream().filter(SweepOutput.DesignRow::pareto).toList(),
                    SweepOutput.rows(o.cases(), SweepSpec.Keep.PARETO), "keep: pareto");
            assertEquals(rows.stream().filter(r -> r.row().result() != null).toList(),
                    SweepOutput.rows(o.cases(), SweepSpec.Keep.MAPPED), "keep: mapped");
            List<String> lines = rows.stream().map(SweepOutput::csvLine).toList();
            if (parquetDir != null) {
                SweepOutput.write(spark, parquetDir, o.cases(), rows, SweepOutput.summaryText(o.cases()));
                Dataset<Row> t = spark.read().parquet(parquetDir.resolve("designs.parquet").toString());
                List<Row> back = t.collectAsList();
                assertEquals(rows.size(), back.size());
                for (int i = 0; i < rows.size(); i++) {
                    SweepOutput.DesignRow r = rows.get(i);
                    Row p = back.get(i);
                    assertEquals(r.cs().ctx.c.boardName(), p.getAs("board"));
                    assertEquals(r.row().design().index(), (int) p.getAs("index"));
                    assertEquals(r.row().result() == null ? null : r.row().result().latencyPs(), p.getAs("latency_ps"));
                    assertEquals(r.row().design().used().lut(), (long) p.getAs("lut"));
                    assertEquals(r.pareto(), p.getAs("pareto"));
                }
            }
            return lines;
        } finally {
            spark.stop();
        }
    }

    @Test
    void bitExactModeChecksEveryDesignsOutputs() {
        SweepSpec s = SweepSpecReader.parse("b.yaml", """
                boards: [pynq-z2]
                models: [lenet_300_100]
                mode: bit-exact
                grid: {fraction_steps: 2, rows: [], col_levels: [1.0], buffer_scales: [1], refine_top: 0}
                """, Path.of("."));
        List<SweepCase> cases = SweepCase.of(s);
        SparkSession spark = SweepCommand.session(SweepCommand.master("local[2]"), Map.of());
        try {
            SparkSweep.Outcome o = new SparkSweep(spark, SweepFixtures.Capture.of().writer(), 0, 60_000).run(cases);
            List<CaseState.Row> rows = o.cases().get(0).rows();
            assertTrue(rows.size() >= 3, rows.toString());
            Explorer.Outcome timing = SweepFixtures.explore(cases.get(0));
            for (CaseState.Row r : rows) {
                assertEquals(Boolean.TRUE, r.outcome().bitExact(), r.toString());
                long timed = timing.results().stream().filter(t -> t.design().index() == r.design().index())
                        .findFirst().orElseThrow().latencyPs();
                assertEquals(timed, r.result().latencyPs(), "bit-exact and timing-only latency of " + r.design());
            }
        } finally {
            spark.stop();
        }
    }

    @Test
    void badInputIsOneLineExitTwoAndNoOutput() throws IOException {
        Path spec = tmp.resolve("bad.yaml");
        Files.writeString(spec, "boards: [zc706]\nmodels: [cifar_net]\ngrid:\n  rowz: [8]\n");
        Path out = tmp.resolve("never");
        SweepFixtures.Capture so = SweepFixtures.Capture.of();
        SweepFixtures.Capture se = SweepFixtures.Capture.of();
        assertEquals(2, SweepMain.run(new String[] {spec.toString(), "--out", out.toString()}, so.writer(), se.writer()));
        assertEquals("msqsim sweep: " + spec + ":grid.rowz: [8] — unknown key; did you mean 'rows'?\n", se.text());
        assertEquals("", so.text());
        assertFalse(Files.exists(out));

        Files.writeString(spec, "boards: [zc706]\nmodels: [cifar_net]\n");
        se = SweepFixtures.Capture.of();
        assertEquals(2, SweepMain.run(new String[] {spec.toString(), "--master", "yarn", "--out", out.toString()},
                so.writer(), se.writer()));
        assertTrue(se.text().startsWith("msqsim sweep: --master 'yarn': give local"), se.text());
        assertEquals(1, se.text().lines().count());
        se = SweepFixtures.Capture.of();
        assertEquals(2, SweepMain.run(new String[] {tmp.resolve("missing.yaml").toString()}, so.writer(), se.writer()));
        assertEquals("msqsim sweep: " + tmp.resolve("missing.yaml") + ": no such sweep file\n", se.text());
        assertFalse(Files.exists(out));
    }

    @Test
    void localMastersGetClusterRetries() {
        assertEquals("local[2,4]", SweepCommand.master("local[2]"));
        assertEquals("local[*,4]", SweepCommand.master("local[*]"));
        assertEquals("local[1,4]", SweepCommand.master("local"));
        assertEquals("local[3,1]", SweepCommand.master("local[3,1]"));
        assertEquals("spark://127.0.0.1:7077", SweepCommand.master("spark://127.0.0.1:7077"));
    }
}
