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
 * @param stallCycles the part of {@code busyCycles} the array waited for its buffers' ports
 *                    ({@code FeedStall}: a weight or input buffer narrower than the array reads)
 */
public record CoreStats(String name, long macs, long busyPs, long busyCycles, long peakMacsPerCycle, long clockHz,
                        long stallCycles) {

    /** {@link #stallCycles} in ps of the core's clock, rounded down. */
    public long stallPs() {
        return (long) (stallCycles * 1e12 / clockHz);
    }

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
