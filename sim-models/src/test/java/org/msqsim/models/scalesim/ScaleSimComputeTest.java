package org.msqsim.models.scalesim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Compute cycles against SCALE-Sim's own reports and against its demand-matrix construction. */
class ScaleSimComputeTest {
    private static final double EPS = 1e-9;

    static Stream<Arguments> goldenReports() {
        return Resources.rows("golden_reports.csv").stream().map(r -> Arguments.of((Object) r));
    }

    /** SCALE-Sim's committed golden COMPUTE_REPORT.csv files: cycles, stalls and all three utilisations. */
    @ParameterizedTest(name = "{index}: golden {0}")
    @MethodSource("goldenReports")
    void matchesScaleSimGoldenReports(String[] r) {
        ScaleSimTopology.Form form = ScaleSimTopology.Form.valueOf(r[2]);
        List<ScaleSimLayer> layers = ScaleSimTopology.read(Resources.path(r[1]), form);
        ScaleSimDataflow df = ScaleSimDataflow.fromKey(r[3]).orElseThrow();
        ScaleSimConfig cfg = ScaleSimConfig.of(Integer.parseInt(r[4]), Integer.parseInt(r[5]), df);
        LayerCycles line = ScaleSimCompute.run(cfg, layers).get(0);
        long total = Long.parseLong(r[6]);
        long stall = Long.parseLong(r[7]);
        assertEquals(total - stall, line.computeCycles(), r[0]);
        // SCALE-Sim's overall util divides by its total, stalls included
        double overall = 100.0 * line.macs() / ((double) total * cfg.arrayHeight() * cfg.arrayWidth());
        assertEquals(Double.parseDouble(r[8]), overall, EPS, r[0]);
        if (stall == 0) {
            assertEquals(Double.parseDouble(r[8]), line.overallUtilPercent(), EPS, r[0]);
        }
        assertEquals(Double.parseDouble(r[9]), line.mappingEfficiencyPercent(), EPS, r[0]);
        assertEquals(Double.parseDouble(r[10]), line.computeUtilPercent(), EPS, r[0]);
    }

    static Stream<Arguments> demandMatrixCases() {
        return Resources.rows("demand_matrix_cycles.csv").stream().map(r -> Arguments.of((Object) r));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("demandMatrixCases")
    void matchesTranscribedDemandMatrices(String[] r) {
        int[] v = new int[12];
        for (int i = 1; i <= 7; i++) {
            v[i] = Integer.parseInt(r[i]);
        }
        ScaleSimLayer layer = new ScaleSimLayer(r[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[7]);
        ScaleSimDataflow df = ScaleSimDataflow.fromKey(r[8]).orElseThrow();
        LayerCycles line = ScaleSimCompute.layer(Integer.parseInt(r[9]), Integer.parseInt(r[10]), df, layer);
        assertEquals(Long.parseLong(r[11]), line.computeCycles(), String.join(",", r));
    }

    @Test
    void resnet18On32x32OutputStationaryMatchesPinnedFigures() {
        ScaleSimConfig cfg = ScaleSimConfigReader.read(Resources.path("scale_32x32_os.cfg"));
        List<LayerCycles> lines = ScaleSimCompute.run(cfg, ScaleSimTopology.readConv(Resources.path("resnet18.csv")));
        List<String[]> pinned = Resources.rows("resnet18_os_32x32_cycles.csv");
        assertEquals(pinned.size(), lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String[] p = pinned.get(i);
            LayerCycles l = lines.get(i);
            assertEquals(p[0], l.name());
            assertEquals(Long.parseLong(p[3]), l.sr(), p[0]);
            assertEquals(Long.parseLong(p[4]), l.sc(), p[0]);
            assertEquals(Long.parseLong(p[5]), l.t(), p[0]);
            assertEquals(Long.parseLong(p[6]), l.folds(), p[0]);
            assertEquals(Long.parseLong(p[7]), l.computeCycles(), p[0]);
            assertEquals(Long.parseLong(p[8]), l.macs(), p[0]);
        }
        assertEquals(1_718_353L, ScaleSimCompute.totalCycles(lines));
    }

    /** A GEMM row and the 1x1 convolution it stands for map identically in every dataflow. */
    @Test
    void gemmFormEqualsEquivalentConvolution() {
        ScaleSimLayer gemm = ScaleSimLayer.gemm("g", 196, 256, 128);
        ScaleSimLayer conv = new ScaleSimLayer("c", 14, 14, 1, 1, 128, 256, 1, 1);
        for (ScaleSimDataflow df : ScaleSimDataflow.values()) {
            for (int[] a : new int[][] {{32, 32}, {8, 16}, {128, 4}}) {
                LayerCycles g = ScaleSimCompute.layer(a[0], a[1], df, gemm);
                LayerCycles c = ScaleSimCompute.layer(a[0], a[1], df, conv);
                assertEquals(c.computeCycles(), g.computeCycles(), df + " " + a[0] + "x" + a[1]);
                assertEquals(c.macs(), g.macs());
                assertEquals(c.mappingEfficiencyPercent(), g.mappingEfficiencyPercent(), EPS);
            }
        }
        assertEquals(196L * 256 * 128, gemm.macs());
    }

    /** Mapping efficiency as SCALE-Sim averages it fold by fold, against the closed form. */
    @Test
    void mappingEfficiencyEqualsPerFoldAverage() {
        ScaleSimLayer layer = new ScaleSimLayer("odd", 31, 29, 3, 5, 7, 45, 2, 2);
        int rows = 16;
        int cols = 12;
        for (ScaleSimDataflow df : ScaleSimDataflow.values()) {
            LayerCycles l = ScaleSimCompute.layer(rows, cols, df, layer);
            double sum = 0;
            for (long r0 = 0; r0 < l.sr(); r0 += rows) {
                for (long c0 = 0; c0 < l.sc(); c0 += cols) {
                    sum += (double) Math.min(rows, l.sr() - r0) * Math.min(cols, l.sc() - c0) / (rows * cols);
                }
            }
            assertEquals(100.0 * sum / l.folds(), l.mappingEfficiencyPercent(), EPS, df.key());
        }
    }

    /** Invariants over a grid of shapes: every fold pays at least T, full arrays, counted MACs. */
    @Test
    void invariantsOverShapeGrid() {
        int[] sizes = {1, 2, 3, 7, 32};
        for (ScaleSimDataflow df : ScaleSimDataflow.values()) {
            for (int rows : sizes) {
                for (int cols : sizes) {
                    for (int stride = 1; stride <= 3; stride++) {
                        ScaleSimLayer layer = new ScaleSimLayer("x", 9, 8, 3, 2, 5, 11, stride, stride);
                        LayerCycles l = ScaleSimCompute.layer(rows, cols, df, layer);
                        assertEquals(l.folds() * l.foldCycles() - 1, l.computeCycles());
                        assertTrue(l.foldCycles() >= l.t() + rows + cols - 2);
                        assertEquals(layer.macs(), l.sr() * l.sc() * l.t());
                        assertTrue(l.computeCycles() + 1 >= ceil(layer.macs(), (long) rows * cols), "peak bound");
                        assertTrue(l.mappingEfficiencyPercent() <= 100.0 + EPS);
                        assertTrue(l.computeUtilPercent() <= 100.0 + EPS);
                    }
                }
            }
        }
    }

    @Test
    void ofmapSizeKeepsScaleSimsPartialLastWindow() {
        ScaleSimLayer alex = new ScaleSimLayer("Conv1", 224, 224, 11, 11, 3, 96, 4, 4);
        assertEquals(55, alex.ofmapHeight()); // ceil(213/4)+1; a physical unpadded conv has 54
        ScaleSimLayer exact = new ScaleSimLayer("e", 56, 56, 3, 3, 64, 64, 1, 1);
        assertEquals(54, exact.ofmapWidth());
        assertEquals(110, new ScaleSimLayer("r", 224, 224, 7, 7, 3, 64, 2, 2).ofmapHeight());
    }

    private static long ceil(long a, long b) {
        return (a + b - 1) / b;
    }
}
