package org.msqsim.core.hw.accel;

/**
 * Counters of one core over a run.
 *
 * @param name        the core's name
 * @param macs        multiply-accumulates performed
 * @param busyPs      time with a tile in flight
 * @param busyCycles  cycles of the core's own clock with a tile in flight
 * @param peakMacsPerCycle products per cycle at full occupancy
 * @param clockHz     the core's clock
 */
public record CoreStats(String name, long macs, long busyPs, long busyCycles, long peakMacsPerCycle, long clockHz) {

    /** Fraction of the core's peak used over {@code elapsedPs}: MACs / (peak per cycle × cycles). */
    public double utilisation(long elapsedPs) {
        return utilisation(macs, peakMacsPerCycle, clockHz, elapsedPs);
    }

    /**
     * {@code macs} over (peak per cycle × the cycles of a {@code clockHz} clock in {@code elapsedPs});
     * 0 over no time or without a peak. The one utilisation formula (run metrics use it too).
     */
    public static double utilisation(long macs, long peakMacsPerCycle, long clockHz, long elapsedPs) {
        double cycles = elapsedPs * (double) clockHz / 1e12;
        return cycles <= 0 || peakMacsPerCycle == 0 ? 0 : macs / (peakMacsPerCycle * cycles);
    }
}
