package org.msqsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.msqsim.boards.BoardCatalog;
import org.msqsim.core.mapping.GemmShape;
import org.msqsim.core.mapping.PlanOutcome;
import org.msqsim.core.mapping.TileGrid;
import org.msqsim.core.mapping.TilePlan;
import org.msqsim.core.mapping.TilePlanner;

/**
 * {@code run --layer} at its limits (issue 11 items 3, 4, 5 and 22): layers too large for the
 * simulator are refused before anything runs, in one line with the limit, exit code 2; the forms
 * the help and the error list are the forms {@code --layer} takes.
 */
class LayerLimitsTest {

    private static void assertOneLineUserError(CliRunner r, String... parts) {
        assertEquals(Main.EXIT_USER_ERROR, r.code(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("msqsim: "), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        for (String p : parts) {
            assertTrue(r.err().contains(p), "expected '" + p + "' in: " + r.err());
        }
    }

    /** Item 3: the accumulators M×N = 2^32 would not fit one Java array; said before the run. */
    @Test
    void aBitExactLayerWhoseArraysDoNotFitIsRefusedWithTheLimit() {
        assertOneLineUserError(CliRunner.run("run", "--layer", "gemm:65536x65536x1"),
                "accumulators M×N = 65536×65536", "4,294,967,296", "2,147,483,647", "--timing-only");
    }

    /** Item 5: a convolution whose output pixels overflow one GEMM's N is refused at parse time. */
    @ParameterizedTest
    @ValueSource(strings = {"", "--timing-only"})
    void aConvolutionWithTooManyOutputPixelsIsRefusedAtParseTime(String flag) {
        String[] args = flag.isEmpty() ? new String[] {"run", "--layer", "conv:8x8x3->8,3x3,s1,p100000"}
                : new String[] {"run", "--layer", "conv:8x8x3->8,3x3,s1,p100000", flag};
        assertOneLineUserError(CliRunner.run(args), "--layer:", "200006x200006", "40,002,400,036",
                "too large", "the limit is 2,147,483,647");
    }

    /** Item 4: on the ZC706 the best-ranked plan of this GEMM took 112,800,000 steps; larger tiles fit. */
    @Test
    void aHugeGemmGetsTheBestPlanWithinTheStepLimit() {
        GemmShape g = new GemmShape(88_000, 12_000, 100_000, 100_000);
        PlanOutcome o = new TilePlanner(BoardCatalog.get("zc706").accelerator()).plan(g);
        TilePlan p = assertInstanceOf(PlanOutcome.Planned.class, o, o::toString).plan();
        long steps = new TileGrid(g, p).steps();
        assertTrue(steps > 0 && steps <= TilePlanner.MAX_STEPS, p + ": " + steps + " steps");
    }

    /** Item 4: a layer that no plan brings within the step limit is one line with the limit and the way out. */
    @Test
    void aGemmBeyondTheStepLimitIsRefusedWithTheLimit() {
        assertOneLineUserError(CliRunner.run("run", "--board", RunCommandTest.board("tiny-z2.yaml"), "--layer",
                        "gemm:9999999x9999999x9999999", "--timing-only"),
                "more than the limit of 50,000,000 steps per GEMM", "larger buffers");
    }

    /** Item 22: dense works and is documented; the help lists the three forms. */
    @Test
    void theHelpListsTheFormsLayerTakes() {
        CliRunner help = CliRunner.run("run", "--help");
        assertEquals(0, help.code());
        String text = help.out().replaceAll("\\s+", " ");
        for (String form : new String[] {"gemm:MxNxK", "dense:IN->OUT", "conv:HxWxC->K,RxS[,sS][,pP]"}) {
            assertTrue(text.contains(form), form + " in: " + text);
        }
        CliRunner dense = CliRunner.run("run", "--board", RunCommandTest.board("tiny-z2.yaml"), "--layer",
                "dense:40->12", "--format", "json");
        assertEquals(0, dense.code(), dense.err());
    }

    /** Item 22: forms --layer does not run are refused at parse time, and the error lists only those it takes. */
    @ParameterizedTest
    @ValueSource(strings = {"maxpool:8x8x4,2x2", "avgpool:8x8x4,2x2", "gap:8x8x4", "add:8x8x4", "conv:8x8x4->4,3x3,g2",
        "nonsense"})
    void theErrorListsOnlyTheFormsLayerTakes(String layer) {
        CliRunner r = CliRunner.run("run", "--layer", layer);
        assertOneLineUserError(r, "--layer:", "gemm:MxNxK", "dense:IN->OUT", "conv:HxWxC->K,RxS");
        for (String other : new String[] {"maxpool:HxWxC", "avgpool:HxWxC", "gap:HxWxC", "add:HxWxC", ",gG"}) {
            assertFalse(r.err().contains(other), other + " in: " + r.err());
        }
    }
}
