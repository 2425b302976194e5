package org.msqsim.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.msqsim.cli.io.AtomicFiles;
import org.msqsim.cli.io.UserError;
import org.msqsim.cli.report.ExploreReport;
import org.msqsim.models.explore.DesignFamily;
import org.msqsim.models.explore.DesignResult;
import org.msqsim.models.explore.Exploration;

/**
 * PNG charts of an exploration, drawn with JFreeChart headless: latency and speedup of the best design
 * per SP2 fraction (MSQ against LUT-fixed), and latency against LUT use (all designs, the front of those
 * two axes as a line, the rest of the three-way LUT/DSP/latency front hollow; the latency axis clipped
 * near the best design). Each file is written to a temporary file in the
 * same directory and moved into place, so a reader never sees half a PNG. {@link RunPlots} draws the
 * charts of {@code run} with the same helpers.
 */
public final class Plots {
    static final int WIDTH = 1000;
    public static final int HEIGHT = 620;
    private static final Color MSQ = new Color(0x1f77b4);
    private static final Color FIXED = new Color(0xd62728);
    private static final Color DSP = new Color(0x2ca02c);

    private Plots() {
    }

    /**
     * Makes {@code dir} ready for charts: creates it (and missing parents) if needed, and fails with one
     * clear line if it cannot be created or written. Called before a long run, so that a bad directory
     * is reported at once rather than after the simulation.
     */
    public static void prepareDir(Path dir) {
        if (dir.toString().isBlank()) {
            throw new UserError("--plot '" + dir + "': give the name of a directory to write the charts into");
        }
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new UserError("--plot " + dir + ": exists and is not a directory");
        } catch (IOException | SecurityException e) {
            throw new UserError("--plot " + dir + ": cannot create the directory (" + AtomicFiles.reason(e) + ")");
        }
        try {
            Files.delete(Files.createTempFile(dir, ".msqsim-plot", ".tmp"));
        } catch (IOException | SecurityException e) {
            throw new UserError("--plot " + dir + ": directory is not writable (" + AtomicFiles.reason(e) + ")");
        }
    }

    /** Writes the explore charts; returns the files written. */
    public static List<Path> write(Path dir, ExploreReport report) {
        System.setProperty("java.awt.headless", "true");
        Exploration ex = report.exploration();
        String sub = report.title();
        return List.of(
                save(dir.resolve("explore-latency.png"), latency(ex, sub)),
                save(dir.resolve("explore-speedup.png"), speedup(ex, sub)),
                save(dir.resolve("explore-pareto.png"), pareto(ex, sub)));
    }

    private static JFreeChart latency(Exploration ex, String sub) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(perFraction("MSQ (SP2 shift-adders)", ex.bestPerFraction(DesignFamily.MSQ), null));
        data.addSeries(perFraction("LUT-fixed (FINN-R multipliers)", ex.bestPerFraction(DesignFamily.LUT_FIXED), null));
        JFreeChart c = ChartFactory.createXYLineChart("Best latency per SP2 fraction — " + sub,
                "fraction of weight rows on the LUT core (0 = DSP-only)", "latency per frame (ms)", data,
                PlotOrientation.VERTICAL, true, false, false);
        style(c, true);
        return c;
    }

    /** Hollow, larger than the solid curves' markers: a triangle, a diamond, a square. */
    private static final java.awt.Shape[] DASHED_SHAPES = {
        new java.awt.Polygon(new int[] {0, 7, -7}, new int[] {-7, 6, 6}, 3),
        new java.awt.Polygon(new int[] {0, 7, 0, -7}, new int[] {-7, 0, 7, 0}, 4),
        new Rectangle2D.Double(-6, -6, 12, 12)};

    static JFreeChart speedup(Exploration ex, String sub) {
        Optional<DesignResult> dsp = ex.best(DesignFamily.DSP_ONLY);
        XYSeriesCollection data = new XYSeriesCollection();
        Long ref = dsp.map(DesignResult::latencyPs).orElse(null);
        data.addSeries(perFraction("MSQ (SP2 shift-adders)", ex.bestPerFraction(DesignFamily.MSQ), ref));
        data.addSeries(perFraction("LUT-fixed (FINN-R multipliers)", ex.bestPerFraction(DesignFamily.LUT_FIXED), ref));
        // How much MSQ buys depends on what the DSP-only baseline packs: one dashed curve per packing,
        // MSQ with that packing against DSP-only with that packing.
        List<Exploration.PackingSummary> packings = ex.byPacking();
        for (Exploration.PackingSummary p : packings) {
            p.dspOnly().ifPresent(d -> data.addSeries(perFraction("MSQ vs DSP-only, both " + p.packing()
                    + " product" + (p.packing() == 1 ? "" : "s") + "/DSP", ex.bestPerFraction(DesignFamily.MSQ,
                    p.packing()), d.latencyPs())));
        }
        JFreeChart c = ChartFactory.createXYLineChart("Speedup over the best DSP-only design — " + sub,
                "fraction of weight rows on the LUT core (0 = DSP-only)", "speedup (x; solid: over the best DSP-only design)", data,
                PlotOrientation.VERTICAL, true, false, false);
        style(c, true);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) ((XYPlot) c.getPlot()).getRenderer();
        Color[] shades = {new Color(0x9467bd), new Color(0x8c564b), new Color(0x7f7f7f)};
        for (int i = 2; i < data.getSeriesCount(); i++) {
            r.setSeriesPaint(i, shades[(i - 2) % shades.length]);
            r.setSeriesStroke(i, new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
            r.setSeriesShape(i, DASHED_SHAPES[(i - 2) % DASHED_SHAPES.length]);
            r.setSeriesShapesFilled(i, false);
        }
        // Drawn last, so a dashed curve that coincides with the solid MSQ curve (the best DSP-only design
        // packs that many products) lies on it, hollow markers and all, instead of hiding under it.
        ((XYPlot) c.getPlot()).setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        return c;
    }

    /** Latency per F, or speedup over {@code ref} ps when given. */
    private static XYSeries perFraction(String name, Map<Double, DesignResult> best, Long ref) {
        XYSeries s = new XYSeries(name);
        best.forEach((f, r) -> s.add((double) f, ref == null ? r.latencyMs() : ref / (double) r.latencyPs()));
        return s;
    }

    /** The pareto chart's latency axis ends at this many times the best latency. */
    static final double CLIP_FACTOR = 3.0;
    static final String ALL = "all evaluated designs";
    static final String FRONT_2D = "front in this plane: no design has fewer LUTs and a lower latency";
    static final String FRONT_3D = "on the 3-way front (LUT, DSP, latency) only: ";

    /**
     * Latency against LUT use. The front drawn as a line is the one of these two axes (no other design
     * has both fewer LUTs and a lower latency); designs on the exploration's three-way front (LUT, DSP,
     * latency) that are not on it are drawn hollow, per family: they are there for their lower DSP use,
     * which this chart does not show. The latency axis runs from 0 to {@link #CLIP_FACTOR} × the best
     * latency, where the choice is made; a subtitle counts the slower designs left off the chart.
     */
    static JFreeChart pareto(Exploration ex, String sub) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries all = new XYSeries(ALL);
        ex.results().forEach(r -> all.add(r.design().used().lut() / 1000.0, r.latencyMs()));
        List<DesignResult> plane = front2d(ex.results());
        XYSeries line = new XYSeries(FRONT_2D);
        plane.forEach(r -> line.add(r.design().used().lut() / 1000.0, r.latencyMs()));
        XYSeries[] front = {new XYSeries(FRONT_3D + "DSP-only"), new XYSeries(FRONT_3D + "MSQ"),
            new XYSeries(FRONT_3D + "LUT-fixed")};
        for (DesignResult r : ex.pareto()) {
            if (!plane.contains(r)) {
                front[r.design().family().ordinal()].add(r.design().used().lut() / 1000.0, r.latencyMs());
            }
        }
        data.addSeries(all);
        data.addSeries(line);
        for (XYSeries s : front) {
            data.addSeries(s);
        }
        JFreeChart c = ChartFactory.createScatterPlot("Latency against LUT use — " + sub,
                "LUTs used (thousands)", "latency per frame (ms)", data, PlotOrientation.VERTICAL, true, false,
                false);
        style(c, false);
        XYPlot plot = (XYPlot) c.getPlot();
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
        r.setSeriesPaint(0, new Color(0, 0, 0, 40));
        r.setSeriesShape(0, new Ellipse2D.Double(-2, -2, 4, 4));
        r.setSeriesPaint(1, Color.BLACK);
        r.setSeriesLinesVisible(1, true);
        r.setSeriesStroke(1, new BasicStroke(1.5f));
        r.setSeriesShape(1, new Ellipse2D.Double(-4, -4, 8, 8));
        r.setUseOutlinePaint(false);
        Color[] colours = {DSP, MSQ, FIXED};
        for (int i = 0; i < 3; i++) {
            r.setSeriesPaint(i + 2, colours[i]);
            r.setSeriesShapesFilled(i + 2, false);
            r.setSeriesShape(i + 2, i == 1 ? new Ellipse2D.Double(-5, -5, 10, 10) : new Rectangle2D.Double(-5, -5, 10,
                    10));
        }
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD); // the front over the cloud
        OptionalDouble best = ex.results().stream().mapToDouble(DesignResult::latencyMs).min();
        String note = "line: the front of these two axes; hollow: on the LUT-DSP-latency front for lower DSP use";
        if (best.isPresent() && best.getAsDouble() > 0) {
            double top = CLIP_FACTOR * best.getAsDouble();
            long off = ex.results().stream().filter(x -> x.latencyMs() > top).count();
            plot.getRangeAxis().setRange(0, top);
            if (off > 0) {
                note += String.format(Locale.ROOT, "; latency axis cut at %.0f x the best (%.2f ms): %d of %d designs "
                        + "are slower and not shown", CLIP_FACTOR, best.getAsDouble(), off, ex.results().size());
            }
        }
        c.addSubtitle(new TextTitle(note, new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        return c;
    }

    /** The designs no other beats on both LUT use and latency (equal LUTs: the faster one), in LUT order. */
    static List<DesignResult> front2d(List<DesignResult> results) {
        List<DesignResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparingLong((DesignResult r) -> r.design().used().lut())
                .thenComparing(Exploration.FASTEST));
        List<DesignResult> out = new ArrayList<>();
        long bestPs = Long.MAX_VALUE;
        for (DesignResult r : sorted) {
            if (r.latencyPs() < bestPs) {
                out.add(r);
                bestPs = r.latencyPs();
            }
        }
        return out;
    }

    private static void style(JFreeChart c, boolean lines) {
        XYPlot p = (XYPlot) c.getPlot();
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(Color.LIGHT_GRAY);
        p.setRangeGridlinePaint(Color.LIGHT_GRAY);
        c.getTitle().setFont(c.getTitle().getFont().deriveFont(16f));
        if (lines) {
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
            r.setSeriesPaint(0, MSQ);
            r.setSeriesPaint(1, FIXED);
            r.setSeriesStroke(0, new BasicStroke(2f));
            r.setSeriesStroke(1, new BasicStroke(2f));
            p.setRenderer(r);
        }
    }

    /** Writes a chart of the default size to a temporary file beside {@code target} and moves it into place. */
    static Path save(Path target, JFreeChart chart) {
        return save(target, chart, WIDTH, HEIGHT);
    }

    /** Writes a {@code width × height} chart to a temporary file beside {@code target} and moves it into place. */
    static Path save(Path target, JFreeChart chart, int width, int height) {
        try {
            AtomicFiles.write(target, o -> ChartUtils.writeChartAsPNG(o, chart, width, height));
            return target;
        } catch (IOException e) {
            throw new UserError("--plot " + target.toAbsolutePath().getParent() + ": cannot write "
                    + target.getFileName() + ": " + e.getMessage());
        }
    }
}
