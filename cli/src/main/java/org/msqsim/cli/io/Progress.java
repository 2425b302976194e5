package org.msqsim.cli.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A progress bar on stderr for long work: it appears only when stderr is a terminal and the work
 * has already taken a second, so quick runs and pipes stay clean.
 *
 * <p>Java 17 can ask only whether the process has a console ({@link System#console()}: stdin and
 * stdout both terminals), not about stderr, so stderr is judged by where file descriptor 2 leads
 * ({@link #stderrIsTerminal}): on Linux {@code /proc/self/fd/2} links to {@code /dev/pts/N} or
 * {@code /dev/tty…} when it is a terminal. Where there is no {@code /proc} (macOS) the console
 * decides. {@code MSQSIM_PROGRESS=1} forces the bar on and {@code MSQSIM_PROGRESS=0} off.
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
        this.terminal = stderrIsTerminal(System.getenv("MSQSIM_PROGRESS"), Path.of("/proc/self/fd/2"),
                System.console() != null);
    }

    /**
     * Whether to show progress on stderr: {@code override} ({@code MSQSIM_PROGRESS}) "1" or "0" decides
     * when set; otherwise whether {@code fd2} (a link to where stderr leads) points to a terminal
     * device, {@code /dev/pts/…} or {@code /dev/tty…}; otherwise, when {@code fd2} cannot be read,
     * whether the process has a console.
     */
    static boolean stderrIsTerminal(String override, Path fd2, boolean console) {
        if ("1".equals(override) || "0".equals(override)) {
            return "1".equals(override);
        }
        try {
            String target = Files.readSymbolicLink(fd2).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return console;
        }
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
