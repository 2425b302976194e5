package org.msqsim.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.msqsim.cli.io.AtomicFiles;
import org.msqsim.cli.io.UserError;
import org.msqsim.cli.report.ExploreReport;
import org.msqsim.cli.report.Json;
import org.msqsim.core.resource.ResourceVector;
import org.msqsim.models.explore.Design;
import org.msqsim.models.explore.DesignResult;
import org.msqsim.models.explore.Exploration;
import org.msqsim.models.metrics.RunMetrics;

/**
 * What a sweep writes into its output folder, all or nothing: {@code designs.parquet} (a Parquet table
 * written by Spark, one row per board × model × width × design), {@code designs.csv} (the same rows),
 * {@code summary.txt} (for each case, the summary {@code explore} prints: {@link ExploreReport#table()})
 * and {@code summary.json} ({@code explore}'s JSON without the design list). Everything is written
 * into a hidden staging folder inside the output folder and moved into place only when all of it is
 * complete; a failure removes the staging folder and leaves earlier files as they were.
 */
final class SweepOutput {
    static final List<String> FILES = List.of("designs.parquet", "designs.csv", "summary.txt", "summary.json");

    /** The CSV header: board, model and width, then {@code explore}'s columns, then the sweep's own. */
    static final String CSV_HEADER = "board,model,weight_bits," + ExploreReport.CSV_HEADER
            + ",stage,status,bit_exact,reason";

    static final StructType SCHEMA = new StructType(new StructField[] {
        field("board", DataTypes.StringType, false), field("model", DataTypes.StringType, false),
        field("weight_bits", DataTypes.IntegerType, false), field("mode", DataTypes.StringType, false),
        field("stage", DataTypes.IntegerType, false), field("index", DataTypes.IntegerType, false),
        field("family", DataTypes.StringType, false), field("sp2_fraction", DataTypes.DoubleType, false),
        field("rows", DataTypes.IntegerType, false), field("dsp_cols", DataTypes.IntegerType, false),
        field("dsp_packing", DataTypes.IntegerType, false), field("dsp_org", DataTypes.StringType, false),
        field("lut_cols", DataTypes.IntegerType, false), field("lut_org", DataTypes.StringType, false),
        field("clock_mhz", DataTypes.LongType, false), field("buffer_scale", DataTypes.DoubleType, false),
        field("status", DataTypes.StringType, false), field("latency_ps", DataTypes.LongType, true),
        field("latency_ms", DataTypes.DoubleType, true), field("fps", DataTypes.DoubleType, true),
        field("macs", DataTypes.LongType, true), field("lut", DataTypes.LongType, false),
        field("ff", DataTypes.LongType, false), field("dsp", DataTypes.LongType, false),
        field("bram36", DataTypes.DoubleType, false), field("uram", DataTypes.LongType, false),
        field("pareto", DataTypes.BooleanType, false), field("bit_exact", DataTypes.BooleanType, true),
        field("reason", DataTypes.StringType, true)});

    private SweepOutput() {
    }

    private static StructField field(String name, org.apache.spark.sql.types.DataType t, boolean nullable) {
        return DataTypes.createStructField(name, t, nullable);
    }

    /** Checks before any work that {@code dir} is, or can be made, a folder this process can write in. */
    static void check(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserError("--out " + dir + ": exists and is not a directory");
        }
        Path probeIn = Files.isDirectory(dir) ? dir : dir.toAbsolutePath().getParent();
        while (probeIn != null && !Files.exists(probeIn)) {
            probeIn = probeIn.getParent();
        }
        if (probeIn == null || !Files.isDirectory(probeIn)) {
            throw new UserError("--out " + dir + ": no existing parent directory");
        }
        try {
            Path probe = Files.createTempFile(probeIn, ".msqsim-sweep", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new UserError("--out " + dir + ": cannot create files in " + probeIn + " ("
                    + AtomicFiles.reason(e) + ")");
        }
    }

    /** One design row of one case, in the sweep's column order. */
    record DesignRow(CaseState cs, CaseState.Row row, boolean pareto) {
    }

    /** The rows to write: every case in order, each case's designs by index, filtered by {@code keep}. */
    static List<DesignRow> rows(List<CaseState> cases, SweepSpec.Keep keep) {
        List<DesignRow> out = new ArrayList<>();
        for (CaseState cs : cases) {
            Set<Integer> front = new HashSet<>();
            cs.exploration().pareto().forEach(r -> front.add(r.design().index()));
            for (CaseState.Row r : cs.rows()) {
                boolean p = front.contains(r.design().index());
                boolean kept = switch (keep) {
                    case ALL -> true;
                    case MAPPED -> r.result() != null;
                    case PARETO -> p;
                };
                if (kept) {
                    out.add(new DesignRow(cs, r, p));
                }
            }
        }
        return out;
    }

    /** Writes all four outputs into {@code dir}, replacing earlier ones only when all are complete. */
    static void write(SparkSession spark, Path dir, List<CaseState> cases, List<DesignRow> rows,
                      String summaryText) {
        Path staging = null;
        boolean created = !Files.exists(dir);
        try {
            Files.createDirectories(dir);
            staging = Files.createTempDirectory(dir, ".sweep-");
            List<Row> sparkRows = rows.stream().map(SweepOutput::sparkRow).toList();
            spark.createDataFrame(sparkRows, SCHEMA).coalesce(1).write().mode(SaveMode.ErrorIfExists)
                    .parquet(staging.resolve("designs.parquet").toUri().toString());
            StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
            rows.forEach(r -> csv.append(csvLine(r)).append('\n'));
            Files.writeString(staging.resolve("designs.csv"), csv, StandardCharsets.UTF_8);
            Files.writeString(staging.resolve("summary.txt"), summaryText, StandardCharsets.UTF_8);
            Files.writeString(staging.resolve("summary.json"), Json.write(summaryJson(cases)) + "\n",
                    StandardCharsets.UTF_8);
            for (String f : FILES) {
                Path target = dir.resolve(f);
                deleteTree(target);
                Files.move(staging.resolve(f), target, StandardCopyOption.ATOMIC_MOVE);
            }
            deleteTree(staging);
        } catch (IOException | RuntimeException e) {
            try {
                if (staging != null) {
                    deleteTree(staging);
                }
                if (created) {
                    deleteTree(dir);
                }
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof IOException io) {
                throw new UserError("--out " + dir + ": cannot write (" + AtomicFiles.reason(io) + ")");
            }
            throw (RuntimeException) e;
        }
    }

    private static Row sparkRow(DesignRow dr) {
        CaseState cs = dr.cs();
        CaseState.Row r = dr.row();
        Design d = r.design();
        ResourceVector u = d.used();
        DesignResult res = r.result();
        return RowFactory.create(cs.ctx.c.boardName(), cs.ctx.c.model(), cs.ctx.base.weightBits(),
                cs.ctx.c.mode().word(), r.stage() + 1, d.index(), d.family().label(), d.fraction(), d.rows(),
                d.dspCols(), d.dspPacking(), d.dspOrganisation(), d.lutCols(), d.lutOrganisation(),
                d.clockHz() / 1_000_000, d.bufferScale(),
                res == null ? "unmapped" : "mapped", res == null ? null : res.latencyPs(),
                res == null ? null : res.latencyMs(),
                res == null ? null : RunMetrics.framesPerSecond(res.latencyPs()), res == null ? null : res.macs(),
                u.lut(), u.ff(), u.dsp(), u.bram36(), u.uram(), dr.pareto(), r.outcome().bitExact(),
                r.outcome().reason());
    }

    /**
     * One CSV line: board, model, width, then exactly {@code explore --format csv}'s line for the design
     * ({@link ExploreReport#csvRow}; an unmapped design has an empty latency), then stage, status,
     * bit-exact and the reason.
     */
    static String csvLine(DesignRow dr) {
        CaseState cs = dr.cs();
        CaseState.Row r = dr.row();
        String explore;
        if (r.result() != null) {
            explore = ExploreReport.csvRow(r.result(), dr.pareto());
        } else {
            String[] f = ExploreReport.csvRow(new DesignResult(r.design(), 0, 0), false).split(",", -1);
            f[java.util.Arrays.asList(ExploreReport.CSV_HEADER.split(",")).indexOf("latency_ms")] = "";
            explore = String.join(",", f);
        }
        Boolean exact = r.outcome().bitExact();
        return String.join(",", quote(cs.ctx.c.boardName()), quote(cs.ctx.c.model()),
                String.valueOf(cs.ctx.base.weightBits()), explore, String.valueOf(r.stage() + 1),
                r.result() == null ? "unmapped" : "mapped", exact == null ? "" : exact ? "yes" : "no",
                r.outcome().reason() == null ? "" : quote(r.outcome().reason()));
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static List<Object> summaryJson(List<CaseState> cases) {
        List<Object> out = new ArrayList<>();
        for (CaseState cs : cases) {
            Exploration ex = cs.exploration();
            if (ex.results().isEmpty()) {
                out.add(Json.obj("board", cs.ctx.board.id(), "model", cs.ctx.net.name(), "weight_bits",
                        cs.ctx.base.weightBits(), "evaluated", cs.evaluated(), "infeasible", ex.infeasible(),
                        "best", null));
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> j = new LinkedHashMap<>((Map<String, Object>) report(cs).json());
            j.remove("designs");
            out.add(j);
        }
        return out;
    }

    /** {@code explore}'s report of one case. */
    static ExploreReport report(CaseState cs) {
        SweepCase c = cs.ctx.c;
        return new ExploreReport(cs.ctx.board, cs.ctx.base, cs.ctx.net, cs.exploration(), c.grid(),
                new double[] {c.ceilings().lut(), c.ceilings().dsp(), c.ceilings().bram()}, cs.ctx.notes);
    }

    /** Every case's {@code explore} summary, one after another; a case with no mapped design says why. */
    static String summaryText(List<CaseState> cases) {
        StringBuilder sb = new StringBuilder();
        for (CaseState cs : cases) {
            if (sb.length() > 0) {
                sb.append('\n').append("=".repeat(100)).append("\n\n");
            }
            Exploration ex = cs.exploration();
            if (ex.results().isEmpty()) {
                sb.append(String.format(Locale.ROOT, "msqsim sweep: %s on %s, W%d: %s%n", cs.ctx.net.name(),
                        cs.ctx.board.id(), cs.ctx.base.weightBits(), cs.evaluated() == 0
                                ? "no design of the grid fits within the ceilings"
                                : "none of the " + cs.evaluated() + " designs could be mapped"));
            } else {
                sb.append(report(cs).table());
            }
        }
        return sb.toString();
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
