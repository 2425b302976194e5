package org.msqsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msqsim.cli.plot.Plots;
import org.msqsim.cli.plot.RunPlots;
import org.msqsim.models.zoo.ModelZoo;

/** {@code run --plot}: the PNG files and the directory errors (the breakdown's invariants: LayerBreakdownTest). */
class RunPlotTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Test
    void oneLayerPlotsAreValidPngsOfTheExpectedSize(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("new/plots"); // created, parents too
        CliRunner r = CliRunner.run("run", "--board", RunCommandTest.board("tiny-z2.yaml"), "--layer",
                "conv:12x12x8->16,3x3,s1,p1", "--plot", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("bit-exact: yes"), r.out());
        assertPngs(dir, RunPlots.width(1));
    }

    @Test
    void networkPlotsAreValidPngsBitExactAndTimingOnly(@TempDir Path tmp) throws IOException {
        int layers = ModelZoo.get("cifar_net").nodes().size();
        for (boolean timingOnly : new boolean[] {false, true}) {
            Path dir = tmp.resolve(timingOnly ? "timing" : "exact");
            String[] args = {"run", "--board", "pynq-z2", "--model", "cifar_net", "--plot", dir.toString(),
                "--format", "json"};
            if (timingOnly) {
                args = Arrays.copyOf(args, args.length + 1);
                args[args.length - 1] = "--timing-only";
            }
            CliRunner r = CliRunner.run(args);
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().startsWith("{"), "stdout stays JSON: " + r.out());
            assertPngs(dir, RunPlots.width(layers));
        }
        assertEquals(RunPlots.width(64), 200 + 16 * 64, "MobileNet-v2's 64 layers widen the chart");
    }

    private static void assertPngs(Path dir, int width) throws IOException {
        for (String name : List.of(RunPlots.LATENCY, RunPlots.UTILISATION)) {
            Path p = dir.resolve(name);
            byte[] bytes = Files.readAllBytes(p);
            assertArrayEquals(PNG, Arrays.copyOf(bytes, 8), name);
            BufferedImage img = ImageIO.read(p.toFile());
            assertNotNull(img, name);
            assertEquals(width, img.getWidth(), name);
            assertEquals(Plots.HEIGHT, img.getHeight(), name);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void unusableDirectoryIsOneLineAndExitTwo(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        String[][] bad = {
            {"run", "--layer", "gemm:64x64x64", "--plot", file.toString()},
            {"run", "--layer", "gemm:64x64x64", "--plot", file.resolve("sub").toString()},
            {"run", "--scalesim-cfg", "x.cfg", "--scalesim-topology", "t.csv", "--plot", tmp.toString()},
        };
        for (String[] args : bad) {
            CliRunner r = CliRunner.run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("--plot"), r.err());
            assertEquals("", r.out());
        }
        assertFalse(Files.exists(tmp.resolve("run-latency.png")));
    }

    @Test
    void readOnlyDirectoryIsRefused(@TempDir Path tmp) throws IOException {
        Path ro = Files.createDirectory(tmp.resolve("ro"));
        assertTrue(ro.toFile().setWritable(false, false));
        Assumptions.assumeFalse(Files.isWritable(ro), "running as root: permissions ignored");
        CliRunner r = CliRunner.run("run", "--layer", "gemm:64x64x64", "--plot", ro.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().strip().startsWith("msqsim: --plot " + ro + ": directory is not writable"), r.err());
    }
}
