package org.msqsim.models.exec;

import java.util.Optional;
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

    /**
     * The fraction a run of {@code spec} takes when none is given: the design's own
     * ({@code accelerator.sp2_fraction}, which a default derived by {@code explore} carries: the fraction
     * it was found fastest at), else the balanced one.
     */
    public static double defaultFraction(AcceleratorSpec spec) {
        return spec.sp2Fraction().isPresent() ? spec.sp2Fraction().getAsDouble() : balancedFraction(spec);
    }

    public static double balancedFraction(AcceleratorSpec spec) {
        double d = spec.dspCore().map(MsqBalance::peak).orElse(0.0);
        double l = spec.lutCore().map(MsqBalance::peak).orElse(0.0);
        return l / (l + d);
    }

    /**
     * The core a fraction needs that the design lacks: SP2 rows ({@code f > 0}) run on the LUT core,
     * fixed-point rows ({@code f < 1}) on the DSP core. Empty when the design has what {@code f} needs.
     */
    public static Optional<String> missingCore(AcceleratorSpec spec, double f) {
        if (f > 0 && spec.lutCore().isEmpty()) {
            return Optional.of("a LUT core");
        }
        if (f < 1 && spec.dspCore().isEmpty()) {
            return Optional.of("a DSP core");
        }
        return Optional.empty();
    }

    private static double peak(PeArraySpec c) {
        return (double) c.peakMacsPerCycle() * c.clockHz();
    }
}
