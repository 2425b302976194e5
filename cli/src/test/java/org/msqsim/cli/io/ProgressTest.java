package org.msqsim.cli.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 19: the progress bar follows stderr, not stdout's console — shown when stderr leads
 * to a terminal even with stdout redirected (no console), hidden when stderr is a file or a pipe.
 */
class ProgressTest {

    @Test
    void stderrOnATerminalShowsProgressWithoutAConsole(@TempDir Path dir) throws IOException {
        Path pts = Files.createSymbolicLink(dir.resolve("pts"), Path.of("/dev/pts/3"));
        Path tty = Files.createSymbolicLink(dir.resolve("tty"), Path.of("/dev/tty1"));
        assertTrue(Progress.stderrIsTerminal(null, pts, false), "stdout redirected, stderr a terminal");
        assertTrue(Progress.stderrIsTerminal(null, tty, false));
    }

    @Test
    void stderrToAFileOrPipeShowsNoneEvenWithAConsole(@TempDir Path dir) throws IOException {
        Path file = Files.createSymbolicLink(dir.resolve("file"), dir.resolve("err.txt"));
        Path pipe = Files.createSymbolicLink(dir.resolve("pipe"), Path.of("pipe:[12345]"));
        assertFalse(Progress.stderrIsTerminal(null, file, true), "2> err.txt");
        assertFalse(Progress.stderrIsTerminal(null, pipe, true), "2>&1 | less");
    }

    @Test
    void withoutProcTheConsoleDecidesAndTheEnvironmentOverrides(@TempDir Path dir) throws IOException {
        Path none = dir.resolve("no-such-link");
        assertTrue(Progress.stderrIsTerminal(null, none, true));
        assertFalse(Progress.stderrIsTerminal(null, none, false));
        Path pts = Files.createSymbolicLink(dir.resolve("pts"), Path.of("/dev/pts/0"));
        assertFalse(Progress.stderrIsTerminal("0", pts, true));
        assertTrue(Progress.stderrIsTerminal("1", none, false));
        assertTrue(Progress.stderrIsTerminal("", pts, false), "an empty MSQSIM_PROGRESS does not override");
    }
}
