package org.msqsim.sweep;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.msqsim.core.resource.CostConstants;
import org.msqsim.core.resource.CostModel;
import org.msqsim.models.explore.DesignResult;
import org.msqsim.models.explore.Exploration;
import org.msqsim.models.explore.Explorer;
import org.msqsim.cli.report.ExploreReport;

/** A small sweep the tests share: two boards × a small network, all three stages, and explore's answer. */
final class SweepFixtures {
    /** Two boards, one network, a grid small enough for seconds yet running all four stages. */
    static final String SPEC = """
            boards: [pynq-z2, zc706]
            models: [cifar_net]
            grid:
              fraction_steps: 2
              rows: [8, 16]
              col_levels: [0.5, 1.0]
              buffer_scales: [0.5, 1]
              refine_top: 1
              refine_clocks: true
            """;

    private SweepFixtures() {
    }

    static SweepSpec spec() {
        return SweepSpecReader.parse("fixture.yaml", SPEC, Path.of("."));
    }

    /** What {@code msqsim explore} finds for one case (its own code, 2 threads), as sweep CSV middles. */
    static Explorer.Outcome explore(SweepCase c) {
        CaseContext x = CaseContext.of(c);
        CostModel cost = new CostModel(CostConstants.defaults().withLutCeiling(c.ceilings().lut())
                .withDspCeiling(c.ceilings().dsp()).withBramCeiling(c.ceilings().bram()));
        return new Explorer(x.net, x.board.device().family().dsp(), 2).explore(c.grid(), x.board, x.base, cost,
                null, null);
    }

    /** explore's CSV lines (without header) of an outcome. */
    static List<String> exploreCsv(Explorer.Outcome o) {
        Exploration ex = new Exploration(o.results(), o.infeasible());
        List<Integer> front = ex.pareto().stream().map(r -> r.design().index()).toList();
        List<String> out = new ArrayList<>();
        for (DesignResult r : ex.results()) {
            out.add(ExploreReport.csvRow(r, front.contains(r.design().index())));
        }
        return out;
    }

    /** A writer the tests read back. */
    record Capture(StringWriter buffer, PrintWriter writer) {
        static Capture of() {
            StringWriter b = new StringWriter();
            return new Capture(b, new PrintWriter(b, true));
        }

        String text() {
            writer.flush();
            return buffer.toString();
        }
    }
}
