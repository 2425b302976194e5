package org.msqsim.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.msqsim.boards.BoardCatalog;
import org.msqsim.core.resource.CostBreakdown;
import org.msqsim.core.resource.CostModel;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.trace.TraceSink;
import org.msqsim.models.exec.LayerRun;
import org.msqsim.models.exec.LayerRunner;
import org.msqsim.models.layer.LayerParser;

/** The per-component resources are the cost model's, and add up to the fit check's total. */
class ResourcePartsTest {

    @Test
    void componentsAreTheCostModelsAndSumToTheTotal() {
        for (BoardSpec b : BoardCatalog.all()) {
            CostBreakdown cb = ResourceParts.of(b.accelerator(), b.device());
            assertEquals(CostModel.defaults().fit(b.accelerator(), b.device()).used(), cb.total(), b.id());
            // every default design has a depthwise engine (docs/cost-model.md "Default designs", step 0)
            assertEquals(List.of("dsp_core", "lut_core", "depthwise_engine", "input_buffer", "weight_buffer",
                    "output_buffer",
                    "line_buffer", "dma", "control", "requantization", "elementwise", "axi_interconnect",
                    "memory_controller"), List.copyOf(ResourceParts.json(cb).keySet()));
            String table = ResourceParts.table(cb).render();
            assertTrue(table.contains(String.format("total    %,d", cb.total().lut()).replaceAll(" +", " "))
                    || table.replaceAll(" +", " ").contains(String.format("total %,d", cb.total().lut())), table);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void oneLayerReportCarriesComponentsAndTheSp2FractionInItsSubtitle() {
        BoardSpec b = BoardCatalog.get("zc706", "budget-rule");
        AcceleratorSpec acc = b.accelerator();
        LayerRun lr = new LayerRunner(acc, b.device().family().dsp()).run(LayerParser.parseGemm("gemm:64x64x64"),
                new LayerRunner.Options(0.125, 1, true, TraceSink.NONE));
        RunReport rep = new RunReport(b, acc, lr, CostModel.defaults().fit(acc, b.device()), "", 1);
        assertTrue(rep.subtitle().contains("SP2 fraction 0.125"), rep.subtitle());
        Map<String, Object> res = (Map<String, Object>) rep.json().get("resources");
        Map<String, Object> comps = (Map<String, Object>) res.get("components");
        Map<String, Object> dsp = (Map<String, Object>) comps.get("dsp_core");
        assertEquals(16L * 42, dsp.get("dsp")); // the budget-rule DSP core, 16 x 42 slices
        assertTrue(res.containsKey("lut") && res.containsKey("uram"), "the totals stay where they were");
        assertTrue(rep.table().contains("memory controller"), rep.table());
    }
}
