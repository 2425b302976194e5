package org.msqsim.sweep;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.msqsim.boards.BoardLoader;
import org.msqsim.cli.DesignArgs;
import org.msqsim.core.resource.CostConstants;
import org.msqsim.core.resource.CostModel;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.trace.TraceSink;
import org.msqsim.models.exec.InfeasibleException;
import org.msqsim.models.exec.NetworkRun;
import org.msqsim.models.exec.NetworkRunner;
import org.msqsim.models.explore.Design;
import org.msqsim.models.explore.DesignResult;
import org.msqsim.models.explore.Explorer;
import org.msqsim.models.explore.Search;
import org.msqsim.models.graph.Network;
import org.msqsim.models.zoo.ModelZoo;

/**
 * What one case becomes in a JVM, driver or executor: the board loaded from its text, the design at
 * the case's width, the cost model at its ceilings, the network, the {@link Search} and the
 * {@link Explorer} — the objects {@code msqsim explore} builds from its flags. Built once per case and
 * JVM ({@link #of}) and shared by that JVM's task threads, which, as in {@code explore}'s thread pool,
 * share only immutable specs and the network.
 */
final class CaseContext {
    private static final Map<SweepCase, CaseContext> CACHE = new ConcurrentHashMap<>();

    final SweepCase c;
    final BoardSpec board;
    final AcceleratorSpec base;
    final String notes;
    final CostModel cost;
    final Network net;
    final Search search;
    private final Explorer explorer;

    private CaseContext(SweepCase c) {
        this.c = c;
        this.board = BoardLoader.parse(c.boardName(), c.boardText());
        StringBuilder sb = new StringBuilder();
        this.base = DesignArgs.atBits(board.accelerator(), c.bits() == 0 ? null : c.bits(), sb);
        this.notes = sb.toString();
        this.cost = new CostModel(CostConstants.defaults().withLutCeiling(c.ceilings().lut())
                .withDspCeiling(c.ceilings().dsp()).withBramCeiling(c.ceilings().bram()));
        this.net = ModelZoo.get(c.model());
        this.search = new Search(c.grid().forNetwork(net), board, base, cost);
        this.explorer = new Explorer(net, board.device().family().dsp(), 1);
    }

    /** The context of {@code c} in this JVM, built on first use. */
    static CaseContext of(SweepCase c) {
        return CACHE.computeIfAbsent(c, CaseContext::new);
    }

    /**
     * Evaluates one design: rebuilt from its parameters, then timed by {@link Explorer#timed} (timing
     * mode: the code {@code explore} runs) or run bit-exact by {@link NetworkRunner} (as {@code run}
     * does, with {@code explore}'s seed). A design the mapper cannot tile is an outcome with the reason.
     */
    TaskOutcome evaluate(DesignTask t) {
        Design d = search.rebuild(t.index(), t.family(), t.organisations(), t.fraction(), t.rows(), t.packing(),
                t.dspCols(), t.lutCols(), t.clockHz(), t.bufferScale(), t.engineShare())
                .orElseThrow(() -> new IllegalStateException(
                        "design " + t + " of " + c.boardName() + " no longer builds on this executor"));
        try {
            if (c.mode() == SweepSpec.Mode.TIMING) {
                DesignResult r = explorer.timed(d);
                return new TaskOutcome(c.id(), t.index(), r.latencyPs(), r.macs(), null, null);
            }
            NetworkRun run = new NetworkRunner(d.spec(), board.device().family().dsp())
                    .run(net, new NetworkRunner.Options(d.fraction(), Explorer.SEED, false, TraceSink.NONE, null));
            return new TaskOutcome(c.id(), t.index(), run.latencyPs(), run.macs(), null, run.bitExact());
        } catch (InfeasibleException e) {
            return new TaskOutcome(c.id(), t.index(), -1, 0, String.valueOf(e.getMessage()), null);
        }
    }
}
