package org.msqsim.cli.report;

import org.msqsim.core.hw.accel.AcceleratorRun;
import org.msqsim.core.hw.accel.StallBreakdown;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.models.exec.LayerResult;
import org.msqsim.models.exec.LayerRun;
import org.msqsim.models.metrics.RunMetrics;

/**
 * One layer's latency split into three disjoint parts, for {@code run --plot}; all times in ps.
 *
 * <p>The tile loop alternates between two states: compute idle, waiting for a tile's inputs or
 * weights to arrive, for a free output half, or, after the last step, for the last stores to reach
 * DDR ({@link StallBreakdown#memory()}), and a step in flight on both cores, which lasts
 * until the slower core finishes; within a step the faster core waits for the slower one
 * ({@link StallBreakdown#imbalance()}, at most the step's length). Those intervals never overlap, so
 * <ul>
 *   <li><b>memory</b> = compute waiting for data, output space or the final stores (all of an
 *       element-wise layer), less what the output stage's lanes held alone (which, as in a network
 *       layer's {@code LayerResult.memoryPs}, is not memory time and falls in compute here),</li>
 *   <li><b>imbalance</b> = one core waiting for the other,</li>
 *   <li><b>compute</b> = latency − memory − imbalance</li>
 * </ul>
 * add up to the latency exactly, in integer ps. Compute is thereby the time every core of the design
 * works (a design with one core never shows imbalance; a design with two cores run at SP2 fraction 0
 * or 1 shows the idle core's whole time as imbalance, as the report's {@code bound} column does).
 * The same rule serves one-layer runs and network layers, so a layer plots the same either way.
 *
 * <p>Invariants (checked on construction): every part ≥ 0 and the parts sum to the latency.
 *
 * @param dspUtilisation the DSP core's utilisation in the layer ({@link RunMetrics}), NaN without a DSP
 *                       core
 * @param lutUtilisation the same for the LUT core
 */
public record LayerBreakdown(String name, long latencyPs, long memoryPs, long imbalancePs, double dspUtilisation,
                      double lutUtilisation) {
    public LayerBreakdown {
        if (latencyPs < 0 || memoryPs < 0 || imbalancePs < 0 || memoryPs + imbalancePs > latencyPs) {
            throw new IllegalStateException(name + ": stalls (memory " + memoryPs + " ps, imbalance " + imbalancePs
                    + " ps) do not fit the latency " + latencyPs + " ps; the tile loop's stall accounting is broken");
        }
    }

    public long computePs() {
        return latencyPs - memoryPs - imbalancePs;
    }

    /** A network layer. */
    static LayerBreakdown of(LayerResult l, AcceleratorSpec acc) {
        RunMetrics m = RunMetrics.of(l, acc);
        return new LayerBreakdown(l.name(), l.latencyPs(), l.memoryPs(), l.imbalancePs(), m.dspUtilisation(),
                m.lutUtilisation());
    }

    /** A one-layer run. */
    static LayerBreakdown of(LayerRun lr) {
        AcceleratorRun r = lr.run();
        StallBreakdown s = r.stalls();
        RunMetrics m = RunMetrics.of(r);
        return new LayerBreakdown(lr.layer().describe(), r.latencyPs(), s.memory(), s.imbalance(), m.dspUtilisation(),
                m.lutUtilisation());
    }
}
