package org.msqsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 item 20: {@code validate} takes several claims files and reports them as one table. */
class ValidateSeveralTest {

    private static Path claims(Path dir, String name, String id, long macs) throws IOException {
        return Files.writeString(dir.resolve(name), "claims:\n  - {id: " + id + ", description: d, source: s, "
                + "command: run, args: {layer: \"gemm:8x8x8\", timing_only: true}, metric: macs, expected: " + macs
                + "}\n");
    }

    @Test
    void severalFilesMakeOneTable(@TempDir Path dir) throws IOException {
        Path a = claims(dir, "a.yaml", "first", 512);
        Path b = claims(dir, "b.yaml", "second", 512);
        CliRunner r = CliRunner.run("validate", a.toString(), b.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("msqsim validate: " + a + ", " + b + ", 2 claims\n"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("first ") && l.contains(" PASS ")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("second ") && l.contains(" PASS ")), r.out());
        assertTrue(r.out().contains("2 pass, 0 FAIL, 0 ERROR"), r.out());
        JsonNode j = new ObjectMapper().readTree(CliRunner.run("validate", a.toString(), b.toString(), "--format",
                "json").out());
        assertEquals(2, j.get("files").size());
        assertEquals(2, j.get("claims").size());
    }

    @Test
    void aFailInAnyFileGivesExitCode1(@TempDir Path dir) throws IOException {
        CliRunner r = CliRunner.run("validate", claims(dir, "a.yaml", "ok", 512).toString(),
                claims(dir, "b.yaml", "wrong", 999).toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("1 pass, 1 FAIL, 0 ERROR"), r.out());
    }

    @Test
    void malformedFilesAreAllReportedBeforeAnyClaimRuns(@TempDir Path dir) throws IOException {
        Path good = claims(dir, "good.yaml", "ok", 512);
        Path bad1 = Files.writeString(dir.resolve("bad1.yaml"), "claims: [{id: x}]\n");
        Path bad2 = Files.writeString(dir.resolve("bad2.yaml"), "claims: [{id: y}]\n");
        CliRunner r = CliRunner.run("validate", bad1.toString(), good.toString(), bad2.toString());
        assertEquals(Main.EXIT_USER_ERROR, r.code(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().contains("bad1.yaml") && r.err().contains("bad2.yaml"), r.err());
        assertTrue(r.err().lines().allMatch(l -> l.startsWith("msqsim: ")), r.err());
    }

    /** Found by CliFuzzTest: a malformed file named twice reported each of its problems twice. */
    @Test
    void aMalformedFileNamedTwiceReportsEachProblemOnce(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "claims:\n  - {id: x\n  ? y\n");
        CliRunner r = CliRunner.run("validate", bad.toString(), bad.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals(r.err().lines().count(), r.err().lines().distinct().count(), r.err());
    }
}
