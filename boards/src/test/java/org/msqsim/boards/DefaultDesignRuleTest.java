package org.msqsim.boards;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.msqsim.core.resource.CostModel;
import org.msqsim.core.resource.FitReport;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.spec.DepthwiseEngineSpec;
import org.msqsim.core.spec.PeArraySpec;

/** Each board file's default design is the documented rule's ({@link DefaultDesignRule}) under the current cost model. */
class DefaultDesignRuleTest {
    private static final CostModel COST = CostModel.defaults();

    static java.util.List<String> ids() {
        return BoardCatalog.ids();
    }

    @ParameterizedTest
    @MethodSource("ids")
    void theFileHasTheRulesDesign(String id) {
        BoardSpec b = BoardCatalog.get(id);
        AcceleratorSpec rule = DefaultDesignRule.size(COST, b);
        System.out.println(describe(b, rule));
        AcceleratorSpec file = b.accelerator();
        assertEquals(rule.dspCore(), file.dspCore(), id);
        assertEquals(rule.lutCore(), file.lutCore(), id);
        assertEquals(rule.weightBuffer(), file.weightBuffer(), id);
        assertEquals(rule.depthwiseEngine(), file.depthwiseEngine(), id);
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
                "RULE %s | %dx%dx%d (%d LUT) | %dx%d (%d LUT, %.2f/MAC) | w %dx%d %d KiB | dw %dx(%d+%d) acc %d bank %d"
                        + " KiB | LUT %.1f %% | FF %.1f %% | DSP %.1f %% | BRAM %.1f %% | URAM %.1f %% | used %s | budget %d",
                b.id(), d.rows(), d.cols(), d.packing(), dl, l.rows(), l.cols(), ll, (double) ll / (l.rows() * l.cols()),
                a.weightBuffer().banks(), a.weightBuffer().widthBits(), a.weightBuffer().capacityBytes() / 1024,
                e.pixels(), e.channels(), e.sp2Channels(), e.accumulatorBits(), e.weightBankKib(),
                100 * u.get("LUT"), 100 * u.get("FF"), 100 * u.get("DSP"), 100 * u.get("BRAM"), 100 * u.get("URAM"),
                f.used(), org.msqsim.core.resource.DepthwiseEngineSizing.coreLutBudget(COST, a, b.device()));
    }
}
