package org.msqsim.models.explore;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The organisation of each core of one design: the DSP core's and the LUT core's
 * ({@link CoreOrganisation}). A core a design does not have keeps its entry (the base design's), so
 * that a pair is always complete; {@link #pairs} generates only the pairs that differ in a core the
 * family has.
 */
public record Organisations(CoreOrganisation dsp, CoreOrganisation lut) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Organisations {
        if (dsp == null || lut == null) {
            throw new IllegalArgumentException("both cores need an organisation");
        }
    }

    /**
     * The organisation pairs to try for a design of {@code family} at SP2 fraction {@code f}: every
     * organisation of {@code list} for each core the design has (DSP-only: the DSP core's, the LUT
     * core at {@code base.lut()}; LUT-only, F = 1: the LUT core's; otherwise every pair), in list order,
     * DSP core outer. An empty list means {@code base} only.
     */
    static List<Organisations> pairs(List<CoreOrganisation> list, Organisations base, DesignFamily family, double f) {
        if (list.isEmpty()) {
            return List.of(base);
        }
        List<CoreOrganisation> dsps = f == 1 ? List.of(base.dsp()) : list;
        List<CoreOrganisation> luts = family == DesignFamily.DSP_ONLY ? List.of(base.lut()) : list;
        List<Organisations> out = new ArrayList<>();
        for (CoreOrganisation d : dsps) {
            for (CoreOrganisation l : luts) {
                out.add(new Organisations(d, l));
            }
        }
        return out;
    }

    /** {@code dsp/lut}, e.g. {@code os/dot}. */
    public String label() {
        return dsp.label() + "/" + lut.label();
    }
}
