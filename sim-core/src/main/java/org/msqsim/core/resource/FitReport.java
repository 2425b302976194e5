package org.msqsim.core.resource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.msqsim.core.spec.DeviceSpec;

/**
 * Whether a design fits a device: what it uses, what the device has, what it may use (the whole
 * device, or a timing-closure ceiling of it), the utilisation of each resource (used / available,
 * in keys LUT, FF, DSP, BRAM, URAM, in that order) and every resource over its limit, each named as
 * "LUT 61,000 needed / 53,200 available". A design that does not fit is reported, never clamped.
 */
public record FitReport(ResourceVector used, ResourceVector available, ResourceVector allowed,
                        Map<String, Double> utilisation, List<String> overSubscribed) {
    public FitReport {
        if (used == null || available == null || allowed == null || utilisation == null
                || overSubscribed == null) {
            throw new IllegalArgumentException("all fit report fields are required");
        }
        utilisation = Collections.unmodifiableMap(new LinkedHashMap<>(utilisation));
        overSubscribed = List.copyOf(overSubscribed);
    }

    public boolean fits() {
        return overSubscribed.isEmpty();
    }

    /** Against the whole device ({@link ResourceVector#overSubscribed}). */
    static FitReport of(ResourceVector used, DeviceSpec device) {
        ResourceVector avail = ResourceVector.available(device);
        return new FitReport(used, avail, avail, utilisation(used, avail), used.overSubscribed(device));
    }

    /** Against {@code floor(available · ceiling)} per resource, ceilings from the constants. */
    static FitReport withCeilings(ResourceVector used, DeviceSpec device, CostConstants k) {
        ResourceVector avail = ResourceVector.available(device);
        ResourceVector allowed = new ResourceVector(floor(avail.lut(), k.lutCeiling()), floor(avail.ff(), k.ffCeiling()),
                floor(avail.dsp(), k.dspCeiling()), floor(avail.bram18(), k.bramCeiling()),
                floor(avail.uram(), k.uramCeiling()));
        List<String> over = new ArrayList<>();
        check(over, "LUT", used.lut(), allowed.lut(), avail.lut(), k.lutCeiling());
        check(over, "FF", used.ff(), allowed.ff(), avail.ff(), k.ffCeiling());
        check(over, "DSP", used.dsp(), allowed.dsp(), avail.dsp(), k.dspCeiling());
        if (used.bram18() > allowed.bram18()) {
            over.add(String.format(Locale.ROOT, "BRAM36 %.1f needed / %.1f allowed (%.0f %% of %,d available)",
                    used.bram36(), allowed.bram18() / 2.0, k.bramCeiling() * 100, avail.bram18() / 2));
        }
        check(over, "URAM", used.uram(), allowed.uram(), avail.uram(), k.uramCeiling());
        return new FitReport(used, avail, allowed, utilisation(used, avail), over);
    }

    private static long floor(long available, double ceiling) {
        return (long) Math.floor(available * ceiling);
    }

    private static void check(List<String> out, String name, long need, long allowed, long avail, double c) {
        if (need > allowed) {
            out.add(String.format(Locale.ROOT, "%s %,d needed / %,d allowed (%.0f %% of %,d available)", name, need,
                    allowed, c * 100, avail));
        }
    }

    private static Map<String, Double> utilisation(ResourceVector used, ResourceVector avail) {
        Map<String, Double> u = new LinkedHashMap<>();
        u.put("LUT", ratio(used.lut(), avail.lut()));
        u.put("FF", ratio(used.ff(), avail.ff()));
        u.put("DSP", ratio(used.dsp(), avail.dsp()));
        u.put("BRAM", ratio(used.bram18(), avail.bram18()));
        u.put("URAM", ratio(used.uram(), avail.uram()));
        return u;
    }

    /** used / available; 0 when nothing is used, +∞ when something is used of nothing. */
    private static double ratio(long used, long avail) {
        if (used == 0) {
            return 0.0;
        }
        return avail == 0 ? Double.POSITIVE_INFINITY : (double) used / avail;
    }
}
