package org.msqsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 27: every input file a README example reads ships in the repository (a fresh clone
 * runs them all), and the shipped example weights are the files their README describes, with their
 * licence beside them.
 */
class ReadmeInputsTest {
    private static final Set<String> INPUT_FLAGS = Set.of("--weights", "--scalesim-cfg", "--scalesim-topology",
            "--board");

    @Test
    void everyReadmeExampleReadsOnlyFilesOfTheRepository() throws IOException {
        GoldenFilesTest.atRepositoryRoot();
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        assertFalse(readme.contains("../shared/data"), "README.md refers to ../shared/data, which a clone lacks");
        Set<String> written = new HashSet<>(); // files an earlier example writes (--save-best)
        int inputs = 0;
        for (ReadmeExamplesTest.Example ex : ReadmeExamplesTest.examples(List.of(readme.split("\n", -1)))) {
            List<String> a = ex.args();
            for (int i = 0; i < a.size(); i++) {
                String arg = a.get(i);
                boolean input = i > 0 && INPUT_FLAGS.contains(a.get(i - 1)) && (arg.contains("/") || arg.contains("."))
                        || a.get(0).equals("validate") && i > 0 && !arg.startsWith("-");
                if (i > 0 && a.get(i - 1).equals("--save-best")) {
                    written.add(arg);
                } else if (input && !written.contains(arg)) {
                    inputs++;
                    assertTrue(Files.isRegularFile(Path.of(arg)), "README.md:" + ex.line() + ": " + arg
                            + " is not a file of the repository");
                }
            }
        }
        assertTrue(inputs >= 4, "input files found in README examples: " + inputs);
    }

    @Test
    void exampleWeightsAreTheDescribedFilesWithTheirLicence() throws IOException, NoSuchAlgorithmException {
        GoldenFilesTest.atRepositoryRoot();
        Path dir = Path.of("examples/weights");
        String doc = Files.readString(dir.resolve("README.md"), StandardCharsets.UTF_8);
        assertTrue(Files.readString(dir.resolve("LICENSE.nsfwjs")).startsWith("MIT License"));
        Matcher m = Pattern.compile("`([\\w.]+\\.npy)` \\|[^|]*\\|[^|]*\\| `([0-9a-f]{64})`").matcher(doc);
        int files = 0;
        while (m.find()) {
            files++;
            byte[] bytes = Files.readAllBytes(dir.resolve(m.group(1)));
            assertEquals(m.group(2), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
                    m.group(1));
        }
        try (var listed = Files.list(dir)) {
            assertEquals(files, listed.filter(p -> p.toString().endsWith(".npy")).count(), "every .npy is described");
        }
        assertEquals(2, files);
    }
}
