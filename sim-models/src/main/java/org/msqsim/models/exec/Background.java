package org.msqsim.models.exec;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Work a bit-exact run does beside the simulation (the golden network's GEMMs, the next layer's
 * weights), each on its own daemon thread, so a failed run never waits for it to end. Only values
 * that do not depend on the thread count are made this way.
 */
final class Background {
    private static final Executor DAEMON = r -> {
        Thread t = new Thread(r, "msqsim-background");
        t.setDaemon(true);
        t.start();
    };

    private Background() {
    }

    static <T> CompletableFuture<T> supply(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, DAEMON);
    }

    /** The future's value; its failure rethrown as it was thrown, not wrapped. */
    static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
