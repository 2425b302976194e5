package org.msqsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden reference files: what msqsim prints for the timing-only run of every built-in model on every
 * built-in board, the README's worked examples, {@code explore}'s summaries for ZC706 and PYNQ-Z2 and
 * the other commands' listings, kept in {@code golden/} and compared byte for byte. A change to a
 * simulated number shows as a diff of these files in the commit that causes it.
 *
 * <p>Runs with the repository root as working directory (its own surefire execution in
 * {@code cli/pom.xml}), so the paths in the commands are the README's. {@code mvn -B verify
 * -Dgolden.update=true} rewrites the files instead of comparing (golden/README.md).
 */
class GoldenFilesTest {
    static final Path DIR = Path.of("golden");
    static final boolean UPDATE = Boolean.getBoolean("golden.update");

    /**
     * The golden execution of surefire runs these tests from the repository root; the default one
     * (cli/) excludes them, and when a -Dtest pattern selects them there anyway they are skipped.
     */
    static void atRepositoryRoot() {
        Assumptions.assumeTrue(Files.isRegularFile(DIR.resolve("README.md")),
                "not at the repository root: the golden execution of surefire runs this test");
    }

    /**
     * Whether to run the eight default derivations ({@link GoldenCase#derivation}): {@code
     * -Dgolden.derive=true} always, {@code false} never (a rewrite of the other files only), unset only
     * when rewriting.
     */
    static final String DERIVE = System.getProperty("golden.derive", "");

    static Stream<GoldenCase> cases() {
        boolean derive = DERIVE.equals("true") || (UPDATE && !DERIVE.equals("false"));
        return GoldenCase.all().stream().filter(c -> derive || !c.derivation());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void outputMatchesGoldenFile(GoldenCase c) throws IOException {
        atRepositoryRoot();
        String actual = c.record();
        Path file = DIR.resolve(c.file());
        if (UPDATE) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            for (GoldenCase.Artifact a : c.artifacts()) {
                Files.writeString(DIR.resolve(a.goldenFile()), Files.readString(a.written()), StandardCharsets.UTF_8);
            }
            return;
        }
        assertTrue(Files.isRegularFile(file), () -> file + " is missing; regenerate with mvn -B verify -Dgolden.update=true");
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual,
                () -> "msqsim " + String.join(" ", c.args()) + " no longer prints " + file);
        for (GoldenCase.Artifact a : c.artifacts()) {
            assertEquals(Files.readString(DIR.resolve(a.goldenFile())), Files.readString(a.written()),
                    () -> a.written() + " differs from " + DIR.resolve(a.goldenFile()));
        }
    }

    @Test
    void everyGoldenFileHasACase() throws IOException {
        atRepositoryRoot();
        if (UPDATE) {
            return;
        }
        List<String> known = GoldenCase.all().stream()
                .flatMap(c -> Stream.concat(Stream.of(c.file()), c.artifacts().stream().map(GoldenCase.Artifact::goldenFile)))
                .toList();
        try (Stream<Path> files = Files.walk(DIR)) {
            List<String> orphans = files.filter(Files::isRegularFile)
                    .map(p -> DIR.relativize(p).toString())
                    .filter(n -> !n.equals("README.md") && !known.contains(n))
                    .toList();
            assertEquals(List.of(), orphans, "golden files no case produces (delete them or add a case)");
        }
    }
}
