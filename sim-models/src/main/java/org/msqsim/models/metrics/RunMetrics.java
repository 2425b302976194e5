package org.msqsim.models.metrics;

import java.util.Optional;
import org.msqsim.core.hw.accel.AcceleratorRun;
import org.msqsim.core.hw.accel.CoreStats;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.PeArraySpec;
import org.msqsim.models.exec.LayerResult;
import org.msqsim.models.exec.NetworkRun;

/**
 * What one run — a GEMM on the accelerator, a network layer or a whole network — is reported by.
 * The record holds the measured counts; the rates derive from them in one place each.
 *
 * <p>A MAC counts as 2 operations (multiply and add). A core's utilisation is its MACs over (its peak
 * MACs per cycle × its cycles in the latency); NaN when the design has no such core, 0 over no time.
 *
 * @param latencyPs      the run's latency
 * @param controlCycles  the latency in cycles of the controller clock (rounded up)
 * @param macs           multiply-accumulates of both cores
 * @param dspMacs        of the DSP core
 * @param lutMacs        of the LUT core
 * @param ddrBytes       bytes read from and written to DDR
 * @param dspUtilisation the DSP core's utilisation, NaN without a DSP core
 * @param lutUtilisation the LUT core's utilisation, NaN without a LUT core
 */
public record RunMetrics(long latencyPs, long controlCycles, long macs, long dspMacs, long lutMacs, long ddrBytes,
                         double dspUtilisation, double lutUtilisation) {

    /** One GEMM on the accelerator, from its own counters. */
    public static RunMetrics of(AcceleratorRun run) {
        long ps = run.latencyPs();
        return new RunMetrics(ps, run.controlCycles(), run.macs(), run.dsp().map(CoreStats::macs).orElse(0L),
                run.lut().map(CoreStats::macs).orElse(0L), run.ddrBytesRead() + run.ddrBytesWritten(),
                run.dsp().map(c -> c.utilisation(ps)).orElse(Double.NaN),
                run.lut().map(c -> c.utilisation(ps)).orElse(Double.NaN));
    }

    /** One layer of a network run on {@code acc}. */
    public static RunMetrics of(LayerResult l, AcceleratorSpec acc) {
        long ps = l.latencyPs();
        return new RunMetrics(ps, cycles(ps, acc.controlClockHz()), l.macs(), l.dspMacs(), l.lutMacs(),
                l.ddrBytes(), utilisation(l.dspMacs(), acc.dspCore(), ps), utilisation(l.lutMacs(), acc.lutCore(), ps));
    }

    /** A whole network run on {@code acc}: its layers one after another. */
    public static RunMetrics of(NetworkRun run, AcceleratorSpec acc) {
        long ps = run.latencyPs();
        long dsp = run.layers().stream().mapToLong(LayerResult::dspMacs).sum();
        long lut = run.layers().stream().mapToLong(LayerResult::lutMacs).sum();
        return new RunMetrics(ps, cycles(ps, acc.controlClockHz()), run.macs(), dsp, lut, run.ddrBytes(),
                utilisation(dsp, acc.dspCore(), ps), utilisation(lut, acc.lutCore(), ps));
    }

    public double latencyMs() {
        return latencyPs / 1e9;
    }

    /** Giga-operations per second, 2 per MAC; 0 over no time. */
    public double gops() {
        return gops(macs, latencyPs);
    }

    /** Frames per second when the run is one frame. */
    public double fps() {
        return framesPerSecond(latencyPs);
    }

    /** Average DDR bandwidth over the latency, GB/s. */
    public double ddrGbps() {
        return ddrBytes / (latencyPs / 1e12) / 1e9;
    }

    /** Giga-operations per second of {@code macs} in {@code ps}, 2 per MAC; 0 over no time. */
    public static double gops(long macs, long ps) {
        return ps == 0 ? 0 : 2.0 * macs / (ps / 1e12) / 1e9;
    }

    /** Frames per second at {@code ps} per frame. */
    public static double framesPerSecond(long ps) {
        return 1e12 / ps;
    }

    /** Cycles of a {@code clockHz} clock covering {@code ps}, rounded up. */
    public static long cycles(long ps, long clockHz) {
        return (long) Math.ceil(ps * (double) clockHz / 1e12);
    }

    /** {@code macs} over (the core's peak MACs per cycle × its cycles in {@code ps}); NaN without the core. */
    public static double utilisation(long macs, Optional<PeArraySpec> core, long ps) {
        return core.map(c -> CoreStats.utilisation(macs, c.peakMacsPerCycle(), c.clockHz(), ps)).orElse(Double.NaN);
    }
}
