package org.msqsim.models.explore;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.msqsim.core.spec.AcceleratorSpec;

/**
 * What tells two designs apart for the search: family, fraction and the spec itself (a record: its
 * shape, packing, LUT kind, clocks and buffers, compared by value). Stages 2 and 3 skip a design whose
 * key an earlier design already has.
 */
record DesignKey(DesignFamily family, double fraction, AcceleratorSpec spec) {

    static DesignKey of(Design d) {
        return new DesignKey(d.family(), d.fraction(), d.spec());
    }

    /** The keys of the designs evaluated so far, in a set a stage adds its own designs to. */
    static Set<DesignKey> evaluated(List<DesignResult> done) {
        Set<DesignKey> seen = new HashSet<>();
        done.forEach(r -> seen.add(of(r.design())));
        return seen;
    }
}
