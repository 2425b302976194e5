package org.msqsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuantizeCommandTest {

    @Test
    void defaultRunPrintsRowsAndTotals() {
        CliRunner r = CliRunner.run("quantize");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("synthetic 64x576"), r.out());
        assertTrue(r.out().contains("MSQ (32 SP2 + 32 fixed rows)"), r.out());
        assertTrue(r.out().contains("all fixed-point"));
        assertEquals("", r.err());
    }

    @Test
    void jsonCarriesRowsAndTotals() throws IOException {
        CliRunner r = CliRunner.run("quantize", "--synthetic", "30x200", "--sp2-fraction", "0.4", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals(30, root.get("rows").size());
        int sp2 = 0;
        for (JsonNode row : root.get("rows")) {
            assertTrue(row.has("index") && row.has("mse_sp2") && row.has("mse_fixed"));
            String scheme = row.get("scheme").asText();
            assertTrue(scheme.equals("sp2") || scheme.equals("fixed"), scheme);
            sp2 += scheme.equals("sp2") ? 1 : 0;
        }
        assertEquals(12, sp2);
        JsonNode t = root.get("totals");
        assertTrue(t.get("mse_msq").asDouble() > 0 && t.get("mse_all_fixed").asDouble() > 0
                && t.get("mse_all_sp2").asDouble() > 0);
    }

    @Test
    void sameSeedSameOutput() {
        assertEquals(CliRunner.run("quantize", "--seed", "5", "--format", "csv").out(),
                CliRunner.run("quantize", "--seed", "5", "--format", "csv").out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--bits=2", "--bits=9", "--sp2-fraction=1.5", "--sp2-fraction=-0.1", "--sp2-fraction=NaN",
        "--synthetic=12by4", "--synthetic=0x5", "--format=xml", "--bits=four", "--frobnicate"})
    void badFlagsGiveOneLineAndExitTwo(String flag) {
        CliRunner r = CliRunner.run("quantize", flag);
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("msqsim: "), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void missingAndMalformedFilesNameTheFile(@TempDir Path dir) throws IOException {
        CliRunner missing = CliRunner.run("quantize", "--weights", dir.resolve("nope.npy").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nope.npy"), missing.err());
        Path bad = dir.resolve("bad.npy");
        Files.writeString(bad, "this is not a numpy file");
        CliRunner r = CliRunner.run("quantize", "--weights", bad.toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("bad.npy"), r.err());
    }

    @Test
    void weightsAndSyntheticAreExclusive() {
        CliRunner r = CliRunner.run("quantize", "--weights", "x.npy", "--synthetic", "2x2");
        assertEquals(2, r.code());
    }
}
