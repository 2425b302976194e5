package org.msqsim.models.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.msqsim.core.fixed.DspKind;
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
    }

    /** Evaluates every design; {@code progress} (may be null) gets the count done, from any thread. */
    public Outcome evaluate(List<Design> designs, IntConsumer progress) {
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
                    slots[slot] = evaluate(designs.get(slot));
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

    /** One design, timing-only; null when the mapper finds a layer infeasible on it. */
    public DesignResult evaluate(Design d) {
        try {
            NetworkRun run = new NetworkRunner(d.spec(), dspKind)
                    .run(net, new NetworkRunner.Options(d.fraction(), SEED, true, TraceSink.NONE, null));
            return new DesignResult(d, run.latencyPs(), run.macs());
        } catch (InfeasibleException e) {
            return null;
        }
    }
}
