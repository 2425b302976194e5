package org.msqsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msqsim.models.quant.DiskScaleCache;
import org.msqsim.models.quant.ScaleCache;

/**
 * The program's output does not depend on the disk cache of weight scales: a bit-exact network run,
 * {@code quantize --model} and {@code accuracy}'s quantized path print the same bytes with no cache,
 * with an empty cache (first run, which fills it) and with a full one (later runs). The cache lives in
 * a temp dir; the process default is restored after.
 */
class ScaleCacheRunTest {
    @TempDir
    Path tmp;

    private static String out(String... args) {
        CliRunner r = CliRunner.run(args);
        assertEquals(0, r.code(), r.err());
        return r.out();
    }

    @Test
    void outputsAreTheSameWithoutTheCacheOnAFirstRunAndFromTheCache() throws IOException {
        String[][] commands = {
            {"run", "--board", RunCommandTest.board("tiny-z2.yaml"), "--model", "cifar_net", "--format", "json"},
            {"run", "--board", "zc706", "--model", "cifar_net", "--sp2-fraction", "0.3"},
            {"quantize", "--model", "cifar_net", "--format", "json"},
        };
        ScaleCache before = ScaleCache.processDefault();
        try {
            for (String[] cmd : commands) {
                ScaleCache.setProcessDefault(ScaleCache.OFF);
                String plain = out(cmd);
                ScaleCache.setProcessDefault(new DiskScaleCache(tmp.resolve(cmd[0] + cmd.length)));
                assertEquals(plain, out(cmd), "first run (fills the cache): " + String.join(" ", cmd));
                try (Stream<Path> entries = Files.list(tmp.resolve(cmd[0] + cmd.length)
                        .resolve("scales-v" + org.msqsim.models.quant.MsqAssigner.QUANTIZER_VERSION))) {
                    assertTrue(entries.count() > 0, "entries written");
                }
                assertEquals(plain, out(cmd), "run from the cache: " + String.join(" ", cmd));
            }
        } finally {
            ScaleCache.setProcessDefault(before);
        }
    }
}
