package org.msqsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.msqsim.cli.RunCommandTest.board;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.msqsim.cli.io.UserError;
import org.msqsim.models.zoo.ModelZoo;

/**
 * Issue 11, items 7 and 9–14: flags a mode does not use, failed writes of standard output, output
 * paths checked before the work, output permissions, the heap rule's words, and the trace streamed.
 */
class OutputChecksTest {

    private static void assertOneLineError(CliRunner r, String... words) {
        assertEquals(Main.EXIT_USER_ERROR, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        for (String w : words) {
            assertTrue(r.err().contains(w), "'" + w + "' not in: " + r.err());
        }
    }

    private static String[] scaleSim(String... more) {
        Path claims = ValidateCommandTest.claimsDir().resolve("scalesim");
        return Stream.concat(Stream.of("run", "--scalesim-cfg", claims.resolve("scale_4x4_os.cfg").toString(),
                "--scalesim-topology", claims.resolve("tiny.csv").toString()), Stream.of(more)).toArray(String[]::new);
    }

    // item 7
    @Test
    void scaleSimModeRefusesEveryFlagItDoesNotUseInOneLine(@TempDir Path dir) {
        Path t = dir.resolve("t.json");
        CliRunner r = CliRunner.run(scaleSim("--trace", t.toString(), "--model", "vgg16", "--board", "zc706",
                "--bits", "4"));
        assertOneLineError(r, "--trace", "--model", "--board", "--bits", "SCALE-Sim mode");
        assertFalse(Files.exists(t));
        for (String[] flag : List.of(new String[] {"--seed", "3"}, new String[] {"--timing-only"},
                new String[] {"--sp2-fraction", "0.5"}, new String[] {"--layer", "gemm:8x8x8"},
                new String[] {"--weights", dir.toString()}, new String[] {"--plot", dir.toString()})) {
            assertOneLineError(CliRunner.run(scaleSim(flag)), flag[0], "SCALE-Sim mode");
        }
        assertEquals(0, CliRunner.run(scaleSim("--format", "json")).code());
        assertOneLineError(CliRunner.run("run", "--board", board("tiny-z2.yaml"), "--layer", "gemm:8x8x8",
                "--scalesim-gemm"), "--scalesim-gemm");
    }

    // item 9
    @ParameterizedTest
    @ValueSource(strings = {"boards", "run --layer gemm:16x16x16 --timing-only --format json", "models"})
    void aFailedWriteOfStandardOutputIsAnError(String command) {
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        String[] args = command.replace("run ", "run --board " + board("tiny-z2.yaml") + " ").split(" ");
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(full, true), new PrintWriter(err, true));
        assertEquals(Main.EXIT_USER_ERROR, code, err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().contains("standard output"), err.toString());
    }

    // item 10
    @Test
    void weightsWithTimingOnlyIsRefused(@TempDir Path dir) {
        CliRunner r = CliRunner.run("run", "--board", board("tiny-z2.yaml"), "--model", "cifar_net", "--weights",
                dir.toString(), "--timing-only");
        assertOneLineError(r, "--weights", "--timing-only");
    }

    // item 11
    @Test
    void traceToADirectoryOrAnEmptyNameIsRefusedBeforeTheRun(@TempDir Path dir) throws IOException {
        CliRunner r = CliRunner.run("run", "--board", board("tiny-z2.yaml"), "--layer", "gemm:64x64x64", "--trace",
                dir.toString());
        assertOneLineError(r, "--trace " + dir, "is a directory");
        assertFalse(r.err().contains(".tmp"), r.err());
        assertOneLineError(CliRunner.run("run", "--board", board("tiny-z2.yaml"), "--layer", "gemm:64x64x64",
                "--trace", ""), "--trace", "give the name of a file");
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void outputsWhereNoFileCanBeCreatedAreRefusedBeforeTheWork() {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        assertOneLineError(CliRunner.run("run", "--board", board("tiny-z2.yaml"), "--layer", "gemm:64x64x64",
                "--trace", "/proc/t.json"), "--trace /proc/t.json", "cannot create a file in /proc");
        // explore fails before its sweep: the check's own words, not a failed write after it
        assertOneLineError(CliRunner.run("explore", "--board", board("tiny-z2.yaml"), "--model", "cifar_net",
                "--grid", "small", "--save-best", "/proc/best.yaml"), "--save-best /proc/best.yaml",
                "cannot create a file in /proc");
    }

    @Test
    void plotToAnEmptyNameIsRefused() throws IOException {
        Path cwd = Path.of("").toAbsolutePath();
        boolean before = Files.exists(cwd.resolve("run-latency.png"));
        assertOneLineError(CliRunner.run("run", "--board", board("tiny-z2.yaml"), "--layer", "gemm:16x16x16",
                "--plot", ""), "--plot");
        assertOneLineError(CliRunner.run("explore", "--board", board("tiny-z2.yaml"), "--model", "cifar_net",
                "--grid", "small", "--plot", ""), "--plot");
        assertEquals(before, Files.exists(cwd.resolve("run-latency.png")));
    }

    // item 12
    @Test
    void aTraceKeepsTheModeOfTheFileItReplacesAndANewOneIsTheDefault(@TempDir Path dir) throws IOException {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path old = dir.resolve("old.json");
        Files.writeString(old, "old");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-rw-r--"));
        Path fresh = dir.resolve("new.json");
        for (Path t : new Path[] {old, fresh}) {
            CliRunner r = CliRunner.run("run", "--board", board("tiny-z2.yaml"), "--layer", "gemm:16x16x16",
                    "--timing-only", "--trace", t.toString());
            assertEquals(0, r.code(), r.err());
        }
        assertTrue(Files.readString(old).startsWith("{\"displayTimeUnit\""));
        assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(old)));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of("new.json", "old.json"), left.map(p -> p.getFileName().toString()).sorted()
                    .toList(), "no temporary or spool file left");
        }
    }

    // item 13
    @Test
    void theHeapMessageStatesTheRuleItApplies() {
        long max = 1900L << 20;
        UserError e = assertThrows(UserError.class, () -> RunCommand.checkHeap(ModelZoo.get("vgg16"), max));
        String m = e.getMessage();
        assertTrue(m.contains("1,568 MB") && m.contains("1,520 MB it may take") && m.contains("80 % of the 1,900 MB"),
                m);
        RunCommand.checkHeap(ModelZoo.get("vgg16"), 2000L << 20); // 1,600 MB usable: fits
    }

    // item 14
    @Test
    void outOfMemoryAdvisesTimingOnlyOnlyWhenItIsOff() {
        assertFalse(RunCommand.outOfMemory(512L << 20, true).contains("--timing-only"));
        assertTrue(RunCommand.outOfMemory(512L << 20, false).contains("--timing-only"));
        assertTrue(RunCommand.outOfMemory(512L << 20, true).contains("MSQSIM_JAVA_OPTS=-Xmx"));
    }
}
