package org.msqsim.models.scalesim;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-layer compute cycles exactly as SCALE-Sim v2 reports them, in closed form.
 *
 * <p>SCALE-Sim builds, for each fold, three demand matrices (ifmap, filter, ofmap) with one row per
 * cycle, concatenates the folds, and streams the rows through its memory model; a layer's "Total
 * Cycles" is the cycle stamped on the <i>last</i> ofmap row ({@code scalesim/memory/
 * double_buffered_scratchpad_mem.py}, {@code service_memory_requests}: {@code total_cycles =
 * ofmap_serviced_cycles[-1]}). Row {@code i} is stamped {@code i + stalls}, so a stall-free layer
 * reports {@code rows − 1}. Here, for an {@code H×W} array (H = ArrayHeight rows, W = ArrayWidth
 * columns):
 *
 * <pre>
 *   os: S_r = ofmap pixels, S_c = filters, T = window   fold = T + H + W − 2
 *   ws: S_r = window,       S_c = filters, T = ofmap px  fold = T + 2H + W − 2
 *   is: S_r = window,       S_c = ofmap px, T = filters  fold = T + 2H + W − 2
 *   folds = ceil(S_r / H) · ceil(S_c / W)                computeCycles = folds · fold − 1
 * </pre>
 *
 * Sources ({@code scalesim/compute/}): S_r, S_c, T from {@code systolic_compute_*.py}
 * {@code set_params} (same as {@code topology_utils.py} {@code calc_spatio_temporal_params}).
 * OS ({@code systolic_compute_os.py}): ifmap fold = T rows + (W − 1) drain rows, skewed over H
 * columns (+H − 1); filter = T + (H − 1), skewed over W (+W − 1); ofmap = (T − 1) + H, skewed over W.
 * WS ({@code systolic_compute_ws.py}): filter fold = H weight-load rows + (H + W + T − 2); ifmap =
 * H + T + (W − 1), skewed over H; ofmap = (2H − 1) + T, skewed over W. IS ({@code systolic_compute_is.py}):
 * ifmap fold = H + (H + W + T − 2), not skewed; filter = H + T + (W − 1), skewed over H; ofmap =
 * (2H − 1) + T, skewed over W. In each dataflow the three agree (SCALE-Sim asserts it).
 *
 * <p>Conventions where SCALE-Sim differs from a physical reading, and from msqsim's native
 * {@code org.msqsim.core.hw.compute.ArrayTiming} (OS fold = {@code k + 2r + c − 2} with the <i>used</i>
 * rows r and columns c; WS fold = {@code n + 2r + c − 2}):
 * <ul>
 *   <li><b>Partial folds are charged the full array.</b> Unused rows and columns are padded with
 *       null requests but still skew and drain, so an edge fold costs as much as a full one.
 *   <li><b>OS drain is W − 1 rows, not H.</b> SCALE-Sim's OS fold is {@code T + H + W − 2}, not the
 *       {@code 2·S_r + S_c + T − 2} of its ISPASS 2020 paper; its output shift-out overlaps the skew.
 *   <li><b>Off by one.</b> The reported figure is the index of the last cycle, one less than the
 *       number of cycles (scalesim-project/SCALE-Sim#125: a 4×4 OS case reports 9, not 10).
 *   <li><b>No padding</b>, and a last partial window is kept (see {@link ScaleSimLayer}).
 *   <li><b>Folds are serial</b>: no overlap of one fold's drain with the next fold's fill.
 *   <li><b>Stalls are not modelled.</b> In CALC mode SCALE-Sim's golden runs report 0 stall cycles
 *       and "Total Cycles" equals this figure; in USER mode SCALE-Sim's "Total Cycles" is this figure
 *       plus its "Stall Cycles".
 * </ul>
 *
 * <p>Utilisations follow SCALE-Sim's report ({@code single_layer_sim.py} {@code calc_report_data} and
 * the per-fold lists in {@code systolic_compute_*.py}). Mapping efficiency averages used/all PEs over
 * folds, which sums to {@code S_r·S_c / (H·W·folds)}. Compute util averages
 * {@code used·T / (H·W·c_f)} where SCALE-Sim's per-fold cycle count {@code c_f} is {@code T + H + W − 2}
 * for OS but {@code T + 2H + 2W − 3} for WS and IS (it measures the un-skewed matrix plus its width,
 * one skew more than the fold really takes). Overall util divides by the reported (off-by-one) cycles.
 */
public final class ScaleSimCompute {
    private ScaleSimCompute() {
    }

    /** One line per layer, in order, for the configuration's array and dataflow. */
    public static List<LayerCycles> run(ScaleSimConfig config, List<ScaleSimLayer> layers) {
        List<LayerCycles> out = new ArrayList<>(layers.size());
        for (ScaleSimLayer layer : layers) {
            out.add(layer(config.arrayHeight(), config.arrayWidth(), config.dataflow(), layer));
        }
        return List.copyOf(out);
    }

    /** Sum of {@link LayerCycles#computeCycles()} (what SCALE-Sim's {@code get_total_cycles} adds up). */
    public static long totalCycles(List<LayerCycles> lines) {
        return lines.stream().mapToLong(LayerCycles::computeCycles).sum();
    }

    public static LayerCycles layer(int rows, int cols, ScaleSimDataflow df, ScaleSimLayer layer) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("array must be at least 1x1, got " + rows + "x" + cols);
        }
        long px = layer.ofmapPixels();
        long window = layer.windowSize();
        long filters = layer.numFilters();
        long sr = df == ScaleSimDataflow.OUTPUT_STATIONARY ? px : window;
        long sc = df == ScaleSimDataflow.INPUT_STATIONARY ? px : filters;
        long t = switch (df) {
            case OUTPUT_STATIONARY -> window;
            case WEIGHT_STATIONARY -> px;
            case INPUT_STATIONARY -> filters;
        };
        long rowFolds = ceilDiv(sr, rows);
        long colFolds = ceilDiv(sc, cols);
        long folds = Math.multiplyExact(rowFolds, colFolds);
        long fold = df == ScaleSimDataflow.OUTPUT_STATIONARY ? t + rows + cols - 2 : t + 2L * rows + cols - 2;
        long cycles = Math.multiplyExact(folds, fold) - 1;
        long pes = (long) rows * cols;
        long macs = layer.macs();
        long utilFold = df == ScaleSimDataflow.OUTPUT_STATIONARY ? fold : t + 2L * rows + 2L * cols - 3;
        double mapping = 100.0 * ((double) sr * sc) / ((double) pes * folds);
        double compute = 100.0 * ((double) sr * sc * t) / ((double) pes * utilFold * folds);
        double overall = cycles == 0 ? 0.0 : 100.0 * macs / ((double) cycles * pes);
        return new LayerCycles(layer.name(), df, sr, sc, t, rowFolds, colFolds, fold, cycles, macs,
                overall, mapping, compute);
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
