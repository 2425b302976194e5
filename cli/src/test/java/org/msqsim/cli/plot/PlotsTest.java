package org.msqsim.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.msqsim.boards.BoardCatalog;
import org.msqsim.core.resource.ResourceVector;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.models.explore.Design;
import org.msqsim.models.explore.DesignFamily;
import org.msqsim.models.explore.DesignResult;
import org.msqsim.models.explore.Exploration;

/** The explore charts' content (axis range, series, subtitles), without comparing pixels. */
class PlotsTest {
    private static final AcceleratorSpec ZC706 = BoardCatalog.get("zc706", "budget-rule").accelerator();

    private static DesignResult r(int index, DesignFamily fam, double f, double ms, long lut, long dsp) {
        return new DesignResult(new Design(index, fam, f, fam == DesignFamily.MSQ || fam == DesignFamily.DSP_ONLY
                ? ZC706 : null, 8, 1, 1, 100_000_000L, 1.0, new ResourceVector(lut, 0, dsp, 0, 0)),
                Math.round(ms * 1e9), 0);
    }

    private static String subtitles(JFreeChart c) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < c.getSubtitleCount(); i++) {
            if (c.getSubtitle(i) instanceof TextTitle t) {
                sb.append(t.getText()).append('\n');
            }
        }
        return sb.toString();
    }

    private static List<String> keys(JFreeChart c) {
        XYSeriesCollection d = (XYSeriesCollection) ((XYPlot) c.getPlot()).getDataset();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < d.getSeriesCount(); i++) {
            out.add((String) d.getSeriesKey(i));
        }
        return out;
    }

    private static Exploration sample() {
        return new Exploration(List.of(
                r(0, DesignFamily.DSP_ONLY, 0, 240, 40_000, 700), // far off-scale
                r(1, DesignFamily.MSQ, 0.2, 5, 150_000, 700),     // best
                r(2, DesignFamily.MSQ, 0.5, 6, 120_000, 600),
                r(3, DesignFamily.MSQ, 0.5, 7, 130_000, 300),     // 3-way front only (fewer DSPs)
                r(4, DesignFamily.LUT_FIXED, 0.5, 9, 140_000, 700), // dominated
                r(5, DesignFamily.DSP_ONLY, 0, 20, 60_000, 700)),  // off-scale, on both fronts
                0);
    }

    @Test
    void paretoAxisStopsAtAFewTimesTheBestAndCountsTheRest() {
        JFreeChart c = Plots.pareto(sample(), "test");
        XYPlot p = (XYPlot) c.getPlot();
        assertEquals(0, p.getRangeAxis().getLowerBound(), 1e-9);
        assertEquals(Plots.CLIP_FACTOR * 5, p.getRangeAxis().getUpperBound(), 1e-9);
        assertTrue(subtitles(c).contains("2 of 6 designs are slower and not shown"), subtitles(c));
    }

    @Test
    void paretoDrawsTheFrontOfItsOwnAxes() {
        Exploration ex = sample();
        assertEquals(List.of(0, 5, 2, 1), Plots.front2d(ex.results()).stream().map(x -> x.design().index()).toList());
        JFreeChart c = Plots.pareto(ex, "test");
        List<String> keys = keys(c);
        assertEquals(Plots.ALL, keys.get(0));
        assertEquals(Plots.FRONT_2D, keys.get(1));
        XYSeriesCollection d = (XYSeriesCollection) ((XYPlot) c.getPlot()).getDataset();
        assertEquals(4, d.getSeries(1).getItemCount());
        // design 3 is on the three-way front for its DSPs alone: drawn hollow in the MSQ series
        int msq = keys.indexOf(Plots.FRONT_3D + "MSQ");
        assertEquals(1, d.getSeries(msq).getItemCount());
        assertEquals(130.0, d.getSeries(msq).getX(0).doubleValue(), 1e-9);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) ((XYPlot) c.getPlot()).getRenderer();
        assertTrue(r.getSeriesLinesVisible(1));
        assertFalse(r.getSeriesShapesFilled(msq));
    }

    @Test
    void speedupDrawsThePerPackingCurvesOverTheSolidOnes() {
        JFreeChart c = Plots.speedup(sample(), "test");
        XYPlot p = (XYPlot) c.getPlot();
        assertEquals(SeriesRenderingOrder.FORWARD, p.getSeriesRenderingOrder(), "later (dashed) series on top");
        List<String> keys = keys(c);
        assertTrue(keys.get(0).startsWith("MSQ"), keys.toString());
        assertTrue(keys.contains("MSQ vs DSP-only, both 4 products/DSP"), keys.toString());
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) p.getRenderer();
        int four = keys.indexOf("MSQ vs DSP-only, both 4 products/DSP");
        assertFalse(r.getSeriesShapesFilled(four), "hollow markers");
        assertNotEquals(r.getSeriesPaint(0), r.getSeriesPaint(four));
        assertNotEquals(r.getSeriesShape(0), r.getSeriesShape(four));
    }
}
