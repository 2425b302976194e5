package org.msqsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.msqsim.cli.claims.Claim;
import org.msqsim.cli.claims.ClaimsFile;

/** {@code msqsim validate}: the shipped claims hold, a wrong one fails readably, and errors are reported. */
class ValidateCommandTest {

    /** The repository's claims/ directory (tests run in cli/). */
    static Path claimsDir() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("claims")) && Files.isRegularFile(p.resolve("claims/README.md"))) {
                return p.resolve("claims");
            }
        }
        throw new IllegalStateException("no claims/ directory above " + here);
    }

    /** Every shipped claims file: claims/**.yaml except the deliberately wrong examples/. */
    static List<Path> shippedClaimsFiles() {
        Path dir = claimsDir();
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !dir.relativize(p).startsWith("examples")).sorted().toList();
            assertTrue(files.size() >= 3, files.toString());
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedClaimsFiles")
    void everyShippedClaimPasses(Path file) throws IOException {
        CliRunner r = CliRunner.run("validate", file.toString(), "--format", "json");
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("", r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(0, j.get("exit_code").asInt());
        assertEquals(0, j.get("failed").asInt());
        assertEquals(0, j.get("errors").asInt());
        // A shipped file may keep a known miss (with its reason), but not a stale mark on a claim that passes.
        assertEquals(0, j.get("unexpected_passes").asInt(), "remove known_miss from the claims that pass");
        for (JsonNode c : j.get("claims")) {
            String status = c.get("status").asText();
            assertTrue(status.equals("pass") || status.equals("known_miss"), c.toString());
            assertEquals(status.equals("known_miss"), !c.get("known_miss").isNull(), c.toString());
            assertFalse(c.get("source").asText().isBlank(), c.toString());
        }
    }

    @Test
    void theWrongClaimFailsWithExitCode1AndAReadableTable() {
        CliRunner r = CliRunner.run("validate", claimsDir().resolve("examples/wrong.yaml").toString());
        assertEquals(ValidateCommand.EXIT_CLAIM_FAILED, r.code(), r.err());
        assertEquals("", r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("msqsim validate: "), lines.get(0));
        String header = lines.get(2);
        for (String col : new String[] {"id", "metric", "expected", "simulated", "deviation", "dev %", "tolerance",
            "result", "source"}) {
            assertTrue(header.contains(col), header);
        }
        String wrong = lines.stream().filter(l -> l.startsWith("resnet18.macs.confused_with_flops ")).findFirst()
                .orElseThrow();
        assertTrue(wrong.contains(" FAIL "), wrong);
        assertTrue(wrong.contains("3,600,000,000") && wrong.contains("1,814,073,344")
                && wrong.contains("-1,785,926,656") && wrong.contains("-49.609"), wrong);
        String right = lines.stream().filter(l -> l.startsWith("zc706.ddr_peak ")).findFirst().orElseThrow();
        assertTrue(right.contains(" PASS "), right);
        assertEquals("1 pass, 1 FAIL, 0 ERROR — exit code 1", lines.get(lines.size() - 1));
    }

    @Test
    void jsonCarriesEveryFieldOfAClaim() throws IOException {
        CliRunner r = CliRunner.run("validate", claimsDir().resolve("examples/wrong.yaml").toString(), "--format",
                "json");
        assertEquals(1, r.code());
        JsonNode c = new ObjectMapper().readTree(r.out()).get("claims").get(0);
        assertEquals("fail", c.get("status").asText());
        assertEquals(3.6e9, c.get("expected").asDouble());
        assertEquals(1_814_073_344L, c.get("simulated").asLong());
        assertEquals(-1_785_926_656L, c.get("deviation").asLong());
        assertEquals("relative", c.get("tolerance").get("kind").asText());
        assertEquals(0.01, c.get("tolerance").get("value").asDouble());
        assertEquals("models", c.get("command").asText());
        assertTrue(c.get("error").isNull());
    }

    @Test
    void claimsThatCannotBeEvaluatedAreErrorsWithTheReasonAndOthersStillRun(@TempDir Path dir) throws IOException {
        Path f = write(dir, "errors.yaml", """
                claims:
                  - {id: a, description: d, source: s, command: run, args: {layer: "gemm:8x8x8", timing_only: true},
                     metric: bit_exact, expected: false}
                  - {id: b, description: d, source: s, command: run, args: {layer: "gemm:8x8x8", timing_only: true},
                     metric: bit_exact, expected: true}
                  - {id: c, description: d, source: s, command: run, args: {layer: "gemm:8x8x8", timing_only: true},
                     metric: cores.dsp.nope, expected: 1}
                  - {id: d, description: d, source: s, command: run, args: {layer: "gemm:8x8x0"},
                     metric: cycles, expected: 1}
                  - {id: e, description: d, source: s, command: run, args: {layer: "gemm:8x8x8", timing_only: true},
                     metric: macs, expected: 512}
                """);
        CliRunner r = CliRunner.run("validate", f.toString());
        assertEquals(1, r.code(), r.err());
        List<String> reasons = r.out().lines().filter(l -> l.matches("[a-e]: error: .*")).toList();
        assertEquals(List.of(
                "a: error: metric bit_exact is null, not true/false",
                "b: error: metric bit_exact is null, not true/false",
                "c: error: metric cores.dsp.nope: 'cores.dsp' has no key 'nope' (keys: name, mac, dataflow, rows, "
                        + "cols, multipliers, packing, peak_macs_per_cycle, clock_mhz, vector_lanes, double_pumped, dsp_accumulators, drain, macs, busy_ps, "
                        + "busy_cycles, "
                        + "utilisation)",
                "d: error: 'msqsim run --layer gemm:8x8x0 --format json' exited with 2: msqsim: --layer: layer "
                        + "'gemm:8x8x0': GEMM dimensions must be >= 1, got 8x8x0"), reasons);
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("e ") && l.contains(" PASS ")), r.out());
    }

    @Test
    void aMalformedFileIsRejectedWholeWithEveryProblemNamingFileAndKeyPath(@TempDir Path dir) throws IOException {
        Path f = write(dir, "bad.yaml", """
                claims:
                  - id: ok.one
                    description: fine
                    source: He et al. 2016
                    command: models
                    metric: "[name=resnet18].macs"
                    expected: 1.8e9
                    tolerance: {relative: 0.01}
                  - id: Bad Id
                    description: ""
                    command: runn
                    metric: "layers[3"
                    expected: "5 ms"
                    tolerance: {relative: -1}
                    sourse: x
                  - id: two
                    description: d
                    source: s
                    command: run
                    args: {timing_onyl: true, bits: true, format: json, scalesim_cfg: nope.cfg, trace: t.json}
                    metric: cycles
                    expected: 1
                    tolerance: {absolute: 1, relative: 0.1}
                  - id: ok.one
                    description: d
                    source: s
                    command: boards
                    metric: [id=zc706]
                    expected: true
                    tolerance: {absolute: 0}
                  - id: three
                    description: d
                    source: s
                    command: models
                    args: [board, zc706]
                    metric: macs
                    expected: 0
                    tolerance: {relative: 0.5, absolut: 1}
                    note: 3
                  - just a string
                extra: 1
                """);
        CliRunner r = CliRunner.run("validate", f.toString());
        assertEquals(Main.EXIT_USER_ERROR, r.code());
        assertEquals("", r.out(), "nothing runs");
        String p = "msqsim: " + f + ":";
        assertEquals(List.of(
                p + "extra: unknown key (a claims file has one key, 'claims')",
                p + "claims[1].sourse: unknown key; did you mean 'source'? (keys: id, description, source, command, "
                        + "args, metric, expected, tolerance, note, known_miss)",
                p + "claims[1].source: missing — required: a citation (paper and table, datasheet, or URL) for the "
                        + "expected value",
                p + "claims[1].id: \"Bad Id\" — lower-case letters, digits, '.', '-' or '_', starting with a letter "
                        + "or digit",
                p + "claims[1].description: \"\" — must not be empty",
                p + "claims[1].command: \"runn\" — not a command a claim can use; did you mean 'run'? (commands: run, "
                        + "boards, models, explore)",
                p + "claims[1].metric: \"layers[3\" — not a path: '[' at 7 is not closed by ']' (e.g. latency_ms, "
                        + "layers[3].cycles, [id=zc706].ddr_peak_gbps)",
                p + "claims[1].expected: \"5 ms\" — must be a number or true/false (unquoted, without units: the "
                        + "metric's unit is the command's)",
                p + "claims[1].tolerance.relative: -1 — a tolerance cannot be negative",
                p + "claims[2].args.timing_onyl: true — not a flag of 'msqsim run'; did you mean 'timing_only'? "
                        + "(flags: board, design, clock_mhz, model, input_shape, layer, sp2_fraction, bits, seed, weights, "
                        + "weights_layout, bn_epsilon, timing_only, scalesim_cfg, scalesim_topology, scalesim_gemm)",
                p + "claims[2].args.bits: true — --bits takes a value, not true/false",
                p + "claims[2].args.format: \"json\" — not allowed in a claim: validate always runs the command with "
                        + "--format json",
                p + "claims[2].args.scalesim_cfg: \"nope.cfg\" — no such file (resolved against the claims file's "
                        + "directory: " + dir.resolve("nope.cfg") + ")",
                p + "claims[2].args.trace: \"t.json\" — not allowed in a claim: writes a file; a claim only reads the "
                        + "command's output",
                p + "claims[2].tolerance: give absolute or relative, not both",
                p + "claims[3].id: \"ok.one\" — duplicate id; claims[0] has it already",
                p + "claims[3].metric: […] — YAML read a list: quote a path that starts with '[', e.g. metric: "
                        + "\"[id=zc706].ddr_peak_gbps\"",
                p + "claims[3].tolerance: a true/false claim is compared exactly; remove the tolerance",
                p + "claims[4].args: […] — must be a mapping of flags to values, e.g. {board: zc706}",
                p + "claims[4].tolerance.relative: 0.5 — a relative tolerance of an expected 0 accepts only 0; use "
                        + "absolute",
                p + "claims[4].tolerance.absolut: unknown key; did you mean 'absolute'? (a tolerance is absolute or "
                        + "relative)",
                p + "claims[4].note: 3 — must be a string",
                p + "claims[5]: \"just a string\" — a claim is a mapping of id, description, source, command, args, "
                        + "metric, expected, tolerance, note, known_miss"),
                r.err().lines().toList());
    }

    @Test
    void syntaxErrorsEmptyAndMissingFilesAreOneLineEach(@TempDir Path dir) throws IOException {
        Path syntax = write(dir, "syntax.yaml", "claims:\n  - id: a\n   b: c\n");
        CliRunner r = CliRunner.run("validate", syntax.toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("msqsim: " + syntax + ":3:4: YAML syntax error: "), r.err());

        Path dup = write(dir, "dup.yaml", "claims: []\nclaims: []\n");
        r = CliRunner.run("validate", dup.toString());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("Duplicate field 'claims'"), r.err());

        Path empty = write(dir, "empty.yaml", "");
        r = CliRunner.run("validate", empty.toString());
        assertEquals(List.of("msqsim: " + empty + ": empty file — a claims file is a mapping with one key, 'claims', "
                + "a list of claims (see claims/README.md)"), r.err().lines().toList());

        Path none = write(dir, "none.yaml", "claims: []\n");
        r = CliRunner.run("validate", none.toString());
        assertEquals(List.of("msqsim: " + none + ":claims: [] — must be a non-empty list of claims"),
                r.err().lines().toList());

        r = CliRunner.run("validate", dir.resolve("missing.yaml").toString());
        assertEquals(2, r.code());
        assertEquals(List.of("msqsim: " + dir.resolve("missing.yaml") + ": no such claims file"),
                r.err().lines().toList());
    }

    @Test
    void fileArgumentsResolveAgainstTheClaimsFileAndSwitchesFollowTheirValue(@TempDir Path dir) throws IOException {
        Path sub = Files.createDirectories(dir.resolve("in"));
        Files.copy(claimsDir().resolve("scalesim/scale_4x4_os.cfg"), sub.resolve("a.cfg"));
        Files.copy(claimsDir().resolve("scalesim/tiny.csv"), sub.resolve("t.csv"));
        Path f = write(dir, "c.yaml", """
                claims:
                  - id: tiny1
                    description: d
                    source: s
                    command: run
                    args: {scalesim_cfg: in/a.cfg, scalesim_topology: in/t.csv, scalesim_gemm: false}
                    metric: layers[name=tiny1].compute_cycles
                    expected: 14
                """);
        List<Claim> claims = ClaimsFile.load(f, ValidateCommand.PROGRAM);
        assertEquals(List.of("run", "--scalesim-cfg", sub.resolve("a.cfg").toString(), "--scalesim-topology",
                sub.resolve("t.csv").toString(), "--format", "json"), claims.get(0).argv());
        assertEquals(0, CliRunner.run("validate", f.toString()).code());
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
