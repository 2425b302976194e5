package org.msqsim.sweep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.msqsim.models.explore.Design;
import org.msqsim.models.explore.DesignResult;
import org.msqsim.models.explore.Exploration;

/**
 * The driver's record of one case while the sweep runs: every design the search generated, the mapped
 * results the next stage is generated from (exactly {@code Explorer.explore}'s {@code all.results()}),
 * and the designs the mapper could not tile, with the reason.
 */
final class CaseState {
    final CaseContext ctx;
    private final Map<Integer, Design> designs = new HashMap<>();
    private final Map<Integer, Integer> stageOf = new HashMap<>();
    private final List<DesignResult> results = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();

    /** One evaluated design: the result (null when unmapped), its stage, and the outcome. */
    record Row(Design design, int stage, DesignResult result, TaskOutcome outcome) {
    }

    CaseState(CaseContext ctx) {
        this.ctx = ctx;
    }

    /** Designs evaluated so far, mapped or not: the first index of the next stage. */
    int evaluated() {
        return rows.size();
    }

    /** The next stage's designs, as tasks, remembered here by index. */
    List<DesignTask> nextStage(int stage) {
        List<DesignTask> out = new ArrayList<>();
        for (Design d : ctx.search.designs(stage, results, evaluated())) {
            designs.put(d.index(), d);
            stageOf.put(d.index(), stage);
            out.add(DesignTask.of(ctx.c.id(), stage, d, ctx.search.packing(d)));
        }
        return out;
    }

    /** Records the outcomes of one stage (in task order). */
    void accept(TaskOutcome o) {
        Design d = designs.remove(o.index());
        if (d == null) {
            throw new IllegalStateException("outcome for design " + o.index() + " of case " + o.caseId()
                    + " that was not pending");
        }
        DesignResult r = o.mapped() ? new DesignResult(d, o.latencyPs(), o.macs()) : null;
        if (r != null) {
            results.add(r);
        }
        rows.add(new Row(d, stageOf.get(o.index()), r, o));
    }

    /** The exploration of this case, as {@code explore} builds it from the same results. */
    Exploration exploration() {
        return new Exploration(results, rows.size() - results.size());
    }

    /** Every evaluated design in index order. */
    List<Row> rows() {
        return rows.stream().sorted(java.util.Comparator.comparingInt(r -> r.design().index())).toList();
    }
}
