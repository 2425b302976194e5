package org.msqsim.cli.plot;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.msqsim.cli.io.UserError;
import org.msqsim.cli.report.LayerBreakdown;

/**
 * PNG charts of one {@code msqsim run}, drawn with JFreeChart headless: each layer's latency as
 * stacked bars of compute, memory and imbalance ({@link LayerBreakdown}, whose three parts add up to
 * the layer's latency), and each core's utilisation per layer. Layers appear in execution order; the
 * chart widens with the layer count so that every layer keeps a readable label.
 */
public final class RunPlots {
    public static final String LATENCY = "run-latency.png";
    public static final String UTILISATION = "run-utilisation.png";
    private static final Color COMPUTE = new Color(0x1f77b4);
    private static final Color MEMORY = new Color(0xff7f0e);
    private static final Color IMBALANCE = new Color(0xd62728);
    private static final Color DSP = new Color(0x2ca02c);
    private static final Color LUT = new Color(0x9467bd);

    private RunPlots() {
    }

    /** Chart width in pixels for {@code layers} bars: {@link Plots#WIDTH}, or 16 px per layer plus margins. */
    public static int width(int layers) {
        return Math.min(4000, Math.max(Plots.WIDTH, 200 + 16 * layers));
    }

    /** Writes both charts into {@code dir} (which must exist), or neither; returns the files written. */
    public static List<Path> write(Path dir, String subtitle, List<LayerBreakdown> layers) {
        System.setProperty("java.awt.headless", "true");
        int w = width(layers.size());
        Path first = Plots.save(dir.resolve(LATENCY), latency(subtitle, layers), w, Plots.HEIGHT);
        try {
            return List.of(first, Plots.save(dir.resolve(UTILISATION), utilisation(subtitle, layers), w,
                    Plots.HEIGHT));
        } catch (UserError e) {
            try { // both charts or neither: never one of this run beside one of an older run
                Files.deleteIfExists(first);
            } catch (IOException ignored) {
                // the write failure is the one to report
            }
            throw e;
        }
    }

    private static JFreeChart latency(String subtitle, List<LayerBreakdown> layers) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        for (LayerBreakdown l : layers) {
            d.addValue(l.computePs() / 1e6, "compute (every core busy)", l.name());
            d.addValue(l.memoryPs() / 1e6, "memory (cores waiting for input, weights or output)", l.name());
            d.addValue(l.imbalancePs() / 1e6, "imbalance (one core busy, the other waiting for it)", l.name());
        }
        JFreeChart c = ChartFactory.createStackedBarChart("Latency per layer: compute, memory, imbalance",
                "layer (execution order)", "time (\u00b5s, simulated)", d, PlotOrientation.VERTICAL, true, false,
                false);
        style(c, subtitle + "; the three parts of a bar add up to the layer's latency", COMPUTE, MEMORY, IMBALANCE);
        return c;
    }

    private static JFreeChart utilisation(String subtitle, List<LayerBreakdown> layers) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        boolean dsp = layers.stream().anyMatch(l -> !Double.isNaN(l.dspUtilisation()));
        boolean lut = layers.stream().anyMatch(l -> !Double.isNaN(l.lutUtilisation()));
        for (LayerBreakdown l : layers) {
            if (dsp) {
                d.addValue(100 * l.dspUtilisation(), "DSP core", l.name());
            }
            if (lut) {
                d.addValue(100 * l.lutUtilisation(), "LUT core", l.name());
            }
        }
        JFreeChart c = ChartFactory.createBarChart("Core utilisation per layer", "layer (execution order)",
                "utilisation (% of the core's peak MACs)", d, PlotOrientation.VERTICAL, true, false, false);
        style(c, subtitle + "; utilisation = MACs / (peak MACs per cycle x cycles of the layer)",
                dsp ? DSP : LUT, LUT);
        c.getCategoryPlot().getRangeAxis().setRange(0, 100);
        return c;
    }

    private static void style(JFreeChart c, String subtitle, Color... series) {
        c.getTitle().setFont(c.getTitle().getFont().deriveFont(16f));
        c.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        CategoryPlot p = c.getCategoryPlot();
        p.setBackgroundPaint(Color.WHITE);
        p.setRangeGridlinePaint(Color.LIGHT_GRAY);
        CategoryAxis x = p.getDomainAxis();
        // Upright labels fit any number of layers; a few layers read better level.
        x.setCategoryLabelPositions(p.getCategories().size() > 8 ? CategoryLabelPositions.UP_90
                : CategoryLabelPositions.STANDARD);
        x.setMaximumCategoryLabelWidthRatio(0.4f);
        x.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        x.setCategoryMargin(0.15);
        BarRenderer r = (BarRenderer) p.getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setItemMargin(0.0);
        r.setMaximumBarWidth(0.1); // a one-layer run gets a bar, not a wall
        for (int i = 0; i < series.length; i++) {
            r.setSeriesPaint(i, series[i]);
        }
    }
}
