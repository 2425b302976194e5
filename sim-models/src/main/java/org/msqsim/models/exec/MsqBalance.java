package org.msqsim.models.exec;

import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.PeArraySpec;

/**
 * The SP2 fraction at which both cores would finish together at peak throughput: the LUT core's
 * share of the design's peak MAC rate, {@code F = L / (L + D)} with each core's peak =
 * products per cycle × clock. This is the paper's rule of choosing the SP2:fixed ratio from the
 * hardware, evaluated on the design's own cores; fill and drain shift the real optimum slightly, and
 * {@code explore} finds it by simulation.
 */
public final class MsqBalance {
    private MsqBalance() {
    }

    public static double balancedFraction(AcceleratorSpec spec) {
        double d = spec.dspCore().map(MsqBalance::peak).orElse(0.0);
        double l = spec.lutCore().map(MsqBalance::peak).orElse(0.0);
        return l / (l + d);
    }

    private static double peak(PeArraySpec c) {
        return (double) c.peakMacsPerCycle() * c.clockHz();
    }
}
