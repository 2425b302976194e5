package org.msqsim.cli.io;

import java.util.function.IntConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A progress bar on stderr for long work: it appears only when stderr is a terminal and the work
 * has already taken a second, so quick runs and pipes stay clean.
 */
public final class Progress implements IntConsumer, AutoCloseable {
    private static final long SHOW_AFTER_NANOS = 1_000_000_000L;
    private final String task;
    private int total;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private ProgressBar bar;

    public Progress(String task, int total) {
        this.task = task;
        this.total = total;
        this.terminal = System.console() != null;
    }

    /** A new total: the work grew (e.g. a second stage). */
    public void total(int n) {
        total = n;
        if (bar != null) {
            bar.maxHint(n);
        }
    }

    @Override
    public void accept(int done) {
        if (!terminal) {
            return;
        }
        if (bar == null && System.nanoTime() - start > SHOW_AFTER_NANOS) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        }
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
