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
import org.msqsim.boards.BoardCatalog;
import org.msqsim.core.spec.BoardSpec;

/**
 * Issue 11 item 23: a design {@code explore --save-best} wrote has its own board id, derived from the
 * design, and every report header on it names the design instead of passing it off as the board.
 */
class SavedDesignIdTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSavedBoardHasItsOwnIdAndReportsNameTheDesign(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("best.yaml");
        CliRunner r = CliRunner.run("explore", "--board", "pynq-z2", "--model", "cifar_net", "--grid", "small",
                "--format", "json", "--save-best", file.toString());
        assertEquals(0, r.code(), r.err());
        BoardSpec saved = BoardCatalog.get(file.toString());
        assertTrue(saved.id().startsWith("pynq-z2-best-dsp") || saved.id().startsWith("pynq-z2-best-msq")
                || saved.id().startsWith("pynq-z2-best-lut"), saved.id());
        assertFalse(BoardCatalog.ids().contains(saved.id()), saved.id());
        assertTrue(Files.readString(file).contains("\nid: " + saved.id() + "\n"), "id line rewritten");

        CliRunner run = CliRunner.run("run", "--board", file.toString(), "--model", "cifar_net", "--timing-only");
        assertEquals(0, run.code(), run.err());
        String header = run.out().lines().findFirst().orElseThrow();
        assertTrue(header.contains(" on " + saved.id() + " (") && header.contains("; design "
                + saved.accelerator().name() + ")"), header);
        CliRunner layer = CliRunner.run("run", "--board", file.toString(), "--layer", "gemm:64x64x64",
                "--timing-only");
        assertTrue(layer.out().lines().findFirst().orElseThrow().contains("; design " + saved.accelerator().name()),
                layer.out());
        JsonNode j = JSON.readTree(CliRunner.run("run", "--board", file.toString(), "--model", "cifar_net",
                "--timing-only", "--format", "json").out());
        assertEquals(saved.id(), j.get("board").asText());
        assertEquals(saved.accelerator().name(), j.get("design").asText());

        // Explored again from the saved board: the header names the design, and a new save does not stack ids.
        Path again = tmp.resolve("again.yaml");
        CliRunner ex = CliRunner.run("explore", "--board", file.toString(), "--model", "cifar_net", "--grid", "small",
                "--save-best", again.toString());
        assertEquals(0, ex.code(), ex.err());
        assertTrue(ex.out().lines().findFirst().orElseThrow().contains("; design " + saved.accelerator().name()),
                ex.out());
        String id2 = BoardCatalog.get(again.toString()).id();
        assertEquals(id2.indexOf("-best-"), id2.lastIndexOf("-best-"), id2);
    }

    @Test
    void aBuiltInBoardsDefaultDesignIsNotNamed() {
        CliRunner run = CliRunner.run("run", "--board", "pynq-z2", "--model", "cifar_net", "--timing-only");
        String header = run.out().lines().findFirst().orElseThrow();
        assertTrue(header.contains("on pynq-z2 (TUL PYNQ-Z2 (XC7Z020)),"), header);
        assertFalse(header.contains("design"), header);
    }
}
