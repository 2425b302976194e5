package org.msqsim.core.resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.msqsim.core.spec.DeviceSpec;

/**
 * Amounts of each FPGA resource. Block RAM is counted in RAMB18 halves so that an 18 Kb buffer is
 * not rounded up to a whole RAMB36; {@link #bram36()} reports it in RAMB36 units as datasheets do.
 */
public record ResourceVector(long lut, long ff, long dsp, long bram18, long uram) {
    public static final ResourceVector ZERO = new ResourceVector(0, 0, 0, 0, 0);

    public ResourceVector {
        if (lut < 0 || ff < 0 || dsp < 0 || bram18 < 0 || uram < 0) {
            throw new IllegalArgumentException("resources cannot be negative: " + lut + "/" + ff + "/" + dsp
                    + "/" + bram18 + "/" + uram);
        }
    }

    public static ResourceVector ofLut(long lut, long ff) {
        return new ResourceVector(lut, ff, 0, 0, 0);
    }

    public ResourceVector plus(ResourceVector o) {
        return new ResourceVector(lut + o.lut, ff + o.ff, dsp + o.dsp, bram18 + o.bram18, uram + o.uram);
    }

    public ResourceVector times(long n) {
        return new ResourceVector(lut * n, ff * n, dsp * n, bram18 * n, uram * n);
    }

    /** Block RAM in RAMB36 units (half units where a RAMB18 is used alone). */
    public double bram36() {
        return bram18 / 2.0;
    }

    /** The device's resources as a vector. */
    public static ResourceVector available(DeviceSpec d) {
        return new ResourceVector(d.lut(), d.ff(), d.dsp(), d.bram36() * 2, d.uram());
    }

    /** Each resource this vector needs beyond the device, as "LUT 61,000 needed / 53,200 available". */
    public List<String> overSubscribed(DeviceSpec d) {
        List<String> out = new ArrayList<>();
        check(out, "LUT", lut, d.lut());
        check(out, "FF", ff, d.ff());
        check(out, "DSP", dsp, d.dsp());
        if (bram18 > d.bram36() * 2) {
            out.add(String.format(Locale.ROOT, "BRAM36 %.1f needed / %,d available", bram36(), d.bram36()));
        }
        check(out, "URAM", uram, d.uram());
        return out;
    }

    private static void check(List<String> out, String name, long need, long have) {
        if (need > have) {
            out.add(String.format(Locale.ROOT, "%s %,d needed / %,d available", name, need, have));
        }
    }
}
