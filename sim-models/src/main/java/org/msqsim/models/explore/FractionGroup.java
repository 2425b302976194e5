package org.msqsim.models.explore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The designs of one family at one SP2 fraction: the groups whose best designs stages 2 and 3 refine. */
record FractionGroup(DesignFamily family, double fraction) {

    static FractionGroup of(Design d) {
        return new FractionGroup(d.family(), d.fraction());
    }

    /** The {@code top} fastest designs ({@link Exploration#FASTEST}) of each group, by index. */
    static Map<Integer, Design> fastest(List<DesignResult> results, int top) {
        Map<FractionGroup, List<DesignResult>> groups = new LinkedHashMap<>();
        for (DesignResult r : results) {
            groups.computeIfAbsent(of(r.design()), k -> new ArrayList<>()).add(r);
        }
        Map<Integer, Design> chosen = new TreeMap<>();
        for (List<DesignResult> g : groups.values()) {
            g.stream().sorted(Exploration.FASTEST).limit(top).forEach(r -> chosen.put(r.design().index(),
                    r.design()));
        }
        return chosen;
    }
}
