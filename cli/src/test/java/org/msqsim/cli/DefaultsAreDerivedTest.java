package org.msqsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.msqsim.boards.BoardCatalog;
import org.msqsim.core.spec.BoardSpec;

/**
 * Each board's default design is the one the documented rule derives (issue 13 point 13;
 * docs/cost-model.md "Default designs"): {@code explore --board B --derive-default FILE}. The golden
 * file {@code golden/explore/B-default.yaml} is what that command writes today (GoldenFilesTest runs it
 * and compares, byte for byte); this test holds the shipped board file's default to it, so that a
 * change to the model or the search that moves the derived design fails until the board file follows.
 */
class DefaultsAreDerivedTest {
    static List<String> boards() {
        return GoldenCase.BOARDS;
    }

    @ParameterizedTest
    @MethodSource("boards")
    void theShippedDefaultIsTheDerivedOne(String id) {
        GoldenFilesTest.atRepositoryRoot();
        Path golden = GoldenFilesTest.DIR.resolve("explore/" + id + "-default.yaml");
        assertTrue(Files.isRegularFile(golden), golden + " (regenerate the golden files)");
        BoardSpec derived = BoardCatalog.get(golden.toString());
        BoardSpec shipped = BoardCatalog.get(id);
        assertEquals(derived.accelerator(), shipped.accelerator(), id + ": the board file's default is not the derived "
                + "design; copy the accelerator section of " + golden);
        assertTrue(shipped.accelerator().sp2Fraction().isPresent(), id + ": a derived default carries its fraction");
        assertTrue(shipped.accelerator().depthwiseEngine().isPresent(), id + ": a derived default carries an engine");
        assertTrue(shipped.design(DefaultRule.SEED).isPresent(), id + ": the seed design the rule starts from");
        assertEquals(derived.designNames(), shipped.designNames(), id);
    }
}
