package org.msqsim.cli;

import java.util.Locale;
import java.util.OptionalDouble;
import org.msqsim.boards.BoardWriter;
import org.msqsim.core.resource.DepthwiseEngineSizing;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.models.explore.Design;
import org.msqsim.models.explore.DesignFamily;
import org.msqsim.models.explore.DesignResult;
import org.msqsim.models.graph.Network;

/**
 * The one rule each board's default design is derived by (issue 13 point 13; docs/cost-model.md
 * "Default designs"): {@code msqsim explore --board B --derive-default FILE}, that is, the standard
 * search on ResNet-18 from the board's {@link #SEED} design (the budget-rule sizing the defaults had
 * before, kept in the board file as a named design), every design carrying a depthwise engine at
 * {@link #ENGINE_SHARE} of the core LUT budget, and the fastest <i>MSQ</i> design with both cores
 * taken as the default, with the fraction it was fastest at as its {@code sp2_fraction}.
 *
 * <p>Why MSQ with both cores rather than the overall best: the default is the design msqsim exists to
 * evaluate (the paper's DSP core beside an SP2 LUT core); where a DSP-only or LUT-only design is
 * faster, explore's report says so, and the verdict is read from explore, not from the default.
 */
final class DefaultRule {
    /** The named design the search starts from: the defaults' earlier budget-rule sizing. */
    static final String SEED = "budget-rule";

    /**
     * The depthwise engine's share of the core LUT budget on every derived default: the budget rule's
     * step 0 ({@link DepthwiseEngineSizing#DEFAULT_LUT_SHARE}); a design share, not a measured figure.
     */
    static final double ENGINE_SHARE = DepthwiseEngineSizing.DEFAULT_LUT_SHARE;

    private DefaultRule() {
    }

    /**
     * Whether {@code d} may be a default: an MSQ design with both a DSP core and an SP2 LUT core, and a
     * depthwise engine. (The engine's rule gives one pixel lane per array row; where the rule's 5 % of
     * the core LUT budget cannot pay for one fixed-point and one SP2 lane per pixel, as for 32- and
     * 64-row designs on the smallest parts, the design has none and would run MobileNet's depthwise
     * layers on its cores group by group: not a default.)
     */
    static boolean eligible(Design d) {
        return d.family() == DesignFamily.MSQ && d.dspCols() > 0 && d.lutCols() > 0
                && d.spec().depthwiseEngine().isPresent();
    }

    /**
     * {@code boardText} as the file of the memory {@code d} runs on: with its two memories swapped when
     * {@code d} uses the board's other one (ZC706's PS DDR), so a written design keeps its memory.
     */
    static String onItsMemory(BoardSpec b, Design d, String boardText) {
        return d.spec().ddr().equals(b.accelerator().ddr()) ? boardText : BoardWriter.withMemoriesSwapped(boardText);
    }

    /**
     * The board file {@code boardText} with {@code best} as its default accelerator, named
     * {@code name}, carrying its fraction; on the board's other memory when the design uses it.
     */
    static String boardText(BoardSpec b, DesignResult best, String boardText, Network net, String seed, String name) {
        Design d = best.design();
        String header = String.format(Locale.ROOT, "Default design derived by the documented rule (docs/cost-model.md "
                + "\"Default designs\"):%n  msqsim explore --board %s --derive-default FILE%n"
                + "from the design '%s': the fastest MSQ design for %s, %.3f ms per frame timing-only at SP2 "
                + "fraction %.2f.", b.id(), seed, net.name(), best.latencyMs(), d.fraction());
        return BoardWriter.withAccelerator(onItsMemory(b, d, boardText), d.spec().withName(name).withSp2Fraction(OptionalDouble.of(d.fraction())),
                header);
    }
}
