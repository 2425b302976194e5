package org.msqsim.sweep;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of one stage on stderr, as plain lines (they read the same in a terminal, a pipe or a CI
 * log): one when the stage starts, one every {@code everyMillis} while the count of designs done moves,
 * one when it ends. The count comes from a Spark accumulator, which the driver sees as tasks finish.
 */
final class StageProgress implements AutoCloseable {
    private final PrintWriter err;
    private final String label;
    private final long total;
    private final LongSupplier done;
    private final long start = System.nanoTime();
    private final Thread ticker;
    private long shown = -1;

    StageProgress(PrintWriter err, String label, long total, int tasks, LongSupplier done, long everyMillis) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.done = done;
        line(String.format(Locale.ROOT, "%s: %,d designs in %,d tasks", label, total, tasks));
        ticker = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(everyMillis);
                    tick();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sweep-progress");
        ticker.setDaemon(true);
        ticker.start();
    }

    private synchronized void tick() {
        long n = done.getAsLong();
        if (n != shown && n < total) {
            shown = n;
            line(String.format(Locale.ROOT, "%s: %,d / %,d designs", label, n, total));
        }
    }

    private synchronized void line(String s) {
        err.println("msqsim sweep: " + s);
        err.flush();
    }

    /** Seconds since the stage started. */
    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    @Override
    public void close() {
        ticker.interrupt();
        try {
            ticker.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double s = seconds();
        line(String.format(Locale.ROOT, "%s: %,d / %,d designs, done in %.1f s (%,.0f designs/s)", label,
                done.getAsLong(), total, s, total / Math.max(s, 1e-9)));
    }
}
