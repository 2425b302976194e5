package org.msqsim.boards;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.msqsim.core.resource.CostModel;
import org.msqsim.core.resource.DepthwiseEngineSizing;
import org.msqsim.core.resource.FitReport;
import org.msqsim.core.resource.ResourceVector;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.spec.DepthwiseEngineSpec;
import org.msqsim.core.spec.PeArraySpec;

/**
 * Each board file's budget-rule design (the seed its default is derived from by explore) is the documented rule's ({@link DefaultDesignRule}) under the current cost
 * model; the printed lines are the figures docs/cost-model.md "Default designs" and the board comments quote.
 */
class DefaultDesignRuleTest {
    private static final CostModel COST = CostModel.defaults();

    static List<String> ids() {
        return BoardCatalog.ids();
    }

    @ParameterizedTest
    @MethodSource("ids")
    void theFileHasTheRulesDesign(String id) {
        BoardSpec b = BoardCatalogTest.budgetRule(id);
        AcceleratorSpec rule = DefaultDesignRule.size(COST, b);
        System.out.println(describe(b, rule));
        System.out.println(whereItStops(b, rule));
        AcceleratorSpec file = b.accelerator();
        assertEquals(rule.dspCore(), file.dspCore(), id);
        assertEquals(rule.lutCore(), file.lutCore(), id);
        assertEquals(rule.weightBuffer(), file.weightBuffer(), id);
        assertEquals(rule.depthwiseEngine(), file.depthwiseEngine(), id);
        assertEquals(rule.inputBuffer(), file.inputBuffer(), id);
        assertEquals(rule.fusion().lanes(), file.fusion().lanes(), id + ": the output stage's lanes (step 6)");
    }

    /** Which bound stops the DSP core, and what a 60 % DSP core would cost (the figures the board comments quote). */
    static String whereItStops(BoardSpec b, AcceleratorSpec a) {
        PeArraySpec d = a.dspCore().orElseThrow();
        var o = COST.overheads(a, b.device());
        long oLut = o.values().stream().mapToLong(ResourceVector::lut).sum();
        long oDsp = o.values().stream().mapToLong(ResourceVector::dsp).sum();
        long budget = (long) Math.floor(0.70 * b.device().lut()) - oLut;
        long cap = (long) Math.floor(0.80 * b.device().dsp()) - oDsp;
        int sixty = (int) Math.ceil(0.60 * b.device().dsp() / d.rows());
        long sixtyLut = COST.peArray(d.withShape(d.rows(), sixty), 4, 4, b.device().family()).lut();
        long nextLut = COST.peArray(d.withShape(d.rows(), d.cols() + 1), 4, 4, b.device().family()).lut();
        int share = 1;
        while (COST.peArray(d.withShape(d.rows(), share + 1), 4, 4, b.device().family()).lut()
                <= budget - Math.ceil(0.15 * budget)) {
            share++;
        }
        PeArraySpec l4 = a.lutCore().orElseThrow().withShape(d.rows(), 4);
        return String.format(Locale.ROOT, "STOP %s | overhead LUT %d DSP %d %s | budget %d | DSP cap %d (next col %d) |"
                        + " share cap %d LUT (next col %d LUT) -> share alone %d cols | 60%% = %d cols %d LUT %.1f %% of budget;"
                        + " rows x 4 LUT core %d LUT",
                b.id(), oLut, oDsp, o.keySet(), budget, cap, (long) d.rows() * (d.cols() + 1),
                budget - (long) Math.ceil(0.15 * budget), nextLut, share, sixty, sixtyLut, 100.0 * sixtyLut / budget,
                COST.peArray(l4, 4, 4, b.device().family()).lut());
    }

    static String describe(BoardSpec b, AcceleratorSpec a) {
        PeArraySpec d = a.dspCore().orElseThrow();
        PeArraySpec l = a.lutCore().orElseThrow();
        DepthwiseEngineSpec e = a.depthwiseEngine().orElseThrow();
        FitReport f = COST.fitWithinCeilings(a, b.device());
        long dl = COST.peArray(d, 4, 4, b.device().family()).lut();
        long ll = COST.peArray(l, 4, 4, b.device().family()).lut();
        var u = f.utilisation();
        return String.format(Locale.ROOT,
                "RULE %s | %dx%dx%d (%d LUT) | %dx%d (%d LUT, %.2f/MAC) | w %dx%d %d KiB | in %dx%d %d KiB | dw %dx(%d+%d) acc %d bank %d"
                        + " KiB | LUT %.1f %% | FF %.1f %% | DSP %.1f %% | BRAM %.1f %% | URAM %.1f %% | used %s | budget %d",
                b.id(), d.rows(), d.cols(), d.packing(), dl, l.rows(), l.cols(), ll, (double) ll / (l.rows() * l.cols()),
                a.weightBuffer().banks(), a.weightBuffer().widthBits(), a.weightBuffer().capacityBytes() / 1024,
                a.inputBuffer().banks(), a.inputBuffer().widthBits(), a.inputBuffer().capacityBytes() / 1024,
                e.pixels(), e.channels(), e.sp2Channels(), e.accumulatorBits(), e.weightBankKib(),
                100 * u.get("LUT"), 100 * u.get("FF"), 100 * u.get("DSP"), 100 * u.get("BRAM"), 100 * u.get("URAM"),
                f.used(), DepthwiseEngineSizing.coreLutBudget(COST, a, b.device()));
    }
}
