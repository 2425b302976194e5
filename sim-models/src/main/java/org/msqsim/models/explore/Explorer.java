package org.msqsim.models.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.msqsim.core.fixed.DspKind;
import org.msqsim.core.resource.CostModel;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.trace.TraceSink;
import org.msqsim.models.exec.InfeasibleException;
import org.msqsim.models.exec.NetworkRun;
import org.msqsim.models.exec.NetworkRunner;
import org.msqsim.models.graph.Network;

/**
 * Evaluates designs timing-only on a network, in parallel on a fixed pool of {@code jobs} threads.
 * Each evaluation builds its own {@link NetworkRunner} (and so its own accelerator models); the
 * threads share only the immutable network and specs. Results land in a slot per design index, so
 * the output is the same whatever the thread count and completion order. A design the mapper cannot
 * tile (a buffer too small for even a 1×1×1 tile) is dropped and counted, not fatal.
 */
public final class Explorer {
    /** The seed of the synthetic weights; timing-only runs use only the row counts, not the values. */
    public static final long SEED = 1;

    private final Network net;
    private final DspKind dspKind;
    private final int jobs;

    public Explorer(Network net, DspKind dspKind, int jobs) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be >= 1, got " + jobs);
        }
        this.net = net;
        this.dspKind = dspKind;
        this.jobs = jobs;
    }

    /** What came back: the evaluated designs in design-index order, and how many could not be mapped. */
    public record Outcome(List<DesignResult> results, int infeasible) {
        public Outcome {
            results = List.copyOf(results);
        }

        /** Designs evaluated, mapped or not. */
        public int evaluated() {
            return results.size() + infeasible;
        }
    }

    /** Evaluates every design; {@code progress} (may be null) gets the count done, from any thread. */
    public Outcome evaluate(List<Design> designs, IntConsumer progress) {
        // One slot per design, left null when the mapper could not tile the design.
        DesignResult[] slots = new DesignResult[designs.size()];
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "explore");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < designs.size(); i++) {
                int slot = i;
                futures.add(pool.submit(() -> {
                    slots[slot] = evaluate(designs.get(slot)).orElse(null);
                    int n = done.incrementAndGet();
                    if (progress != null) {
                        synchronized (progress) {
                            progress.accept(n);
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("exploration interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("evaluating a design failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        List<DesignResult> out = new ArrayList<>();
        int infeasible = 0;
        for (DesignResult r : slots) {
            if (r == null) {
                infeasible++;
            } else {
                out.add(r);
            }
        }
        return new Outcome(out, infeasible);
    }

    /**
     * The three stages of {@code grid} ({@link Search}): the stage-1 shapes, the polish of
     * the best of them, then their clocks and buffers. {@code total} (may be null) hears the number of
     * designs to evaluate, again when a later stage adds to it; {@code progress} (may be null) the
     * number done. Deterministic: each stage depends only on the results before it, which do not depend
     * on the thread count. Nothing evaluated ({@link Outcome#evaluated()} 0) means no design of the grid
     * fits the board (the later stages refine only what stage 1 found, so they add nothing then).
     */
    public Outcome explore(ExploreGrid grid, BoardSpec board, AcceleratorSpec base, CostModel model,
                           IntConsumer total, IntConsumer progress) {
        // The search runs on the base design's memory. A board's other memory (ZC706's PS DDR3 beside
        // its PL DDR3, BoardSpec#altDdr) is priced and can be run, but not yet searched here: the
        // sweep's Search rebuilds designs from parameters that do not carry the memory.
        // depthwise engines only for a network with depthwise layers (ExploreGrid#forNetwork)
        return exploreAsGiven(grid.forNetwork(net), board, base, model, total, progress);
    }

    /**
     * As {@link #explore}, with the grid's depthwise engines kept whatever the network: for a design
     * meant to run every network (a board's default, derived on ResNet-18, which has no depthwise
     * layer, must still carry the engine MobileNet needs).
     */
    public Outcome exploreAsGiven(ExploreGrid grid, BoardSpec board, AcceleratorSpec base, CostModel model,
                                  IntConsumer total, IntConsumer progress) {
        Outcome all = new Outcome(List.of(), 0);
        Search search = new Search(grid, board, base, model);
        for (int stage = 0; stage < search.stages(); stage++) {
            int before = all.evaluated();
            List<Design> more = search.designs(stage, all.results(), before);
            if (more.isEmpty()) {
                continue;
            }
            if (total != null) {
                total.accept(before + more.size());
            }
            IntConsumer stageProgress = progress == null || before == 0 ? progress : n -> progress.accept(before + n);
            Outcome next = evaluate(more, stageProgress);
            List<DesignResult> merged = new ArrayList<>(all.results());
            merged.addAll(next.results());
            all = new Outcome(merged, all.infeasible() + next.infeasible());
        }
        return all;
    }

    /** One design, timing-only; empty when the mapper finds a layer infeasible on it. */
    public Optional<DesignResult> evaluate(Design d) {
        try {
            return Optional.of(timed(d));
        } catch (InfeasibleException e) {
            return Optional.empty();
        }
    }

    /**
     * One design, timing-only, for callers that keep the reason a design could not be mapped
     * ({@code msqsim sweep} writes it as a row).
     *
     * @throws InfeasibleException saying which layer cannot be tiled on the design, and why
     */
    public DesignResult timed(Design d) {
        NetworkRun run = new NetworkRunner(d.spec(), dspKind)
                .run(net, new NetworkRunner.Options(d.fraction(), SEED, true, TraceSink.NONE, null));
        return new DesignResult(d, run.latencyPs(), run.macs());
    }
}
