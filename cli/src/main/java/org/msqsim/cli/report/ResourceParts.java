package org.msqsim.cli.report;

import java.util.LinkedHashMap;
import java.util.Map;
import org.msqsim.core.resource.CostBreakdown;
import org.msqsim.core.resource.CostModel;
import org.msqsim.core.resource.ResourceVector;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.DeviceSpec;

/**
 * A design's resources per component, as the cost model prices them ({@link CostModel#accelerator},
 * {@link CostBreakdown}: dsp_core, lut_core, input_buffer, weight_buffer, output_buffer, dma, control,
 * memory_controller), shown as a table or JSON. Nothing is recomputed here: the parts and their total
 * are the cost model's own, the total being the {@code used} of the fit check.
 */
public final class ResourceParts {
    private ResourceParts() {
    }

    /** The default cost model's breakdown of a design on a device (the model the fit check uses). */
    public static CostBreakdown of(AcceleratorSpec acc, DeviceSpec device) {
        return CostModel.defaults().accelerator(acc, device);
    }

    /** A readable name for a component key. */
    public static String label(String key) {
        return switch (key) {
            case "dsp_core" -> "DSP core";
            case "lut_core" -> "LUT core";
            case "depthwise_engine" -> "depthwise engine";
            case "input_buffer" -> "input buffer";
            case "weight_buffer" -> "weight buffer";
            case "output_buffer" -> "output buffer";
            case "dma" -> "DMA";
            case "control" -> "controller";
            case "memory_controller" -> "memory controller";
            case "requantization" -> "requantization";
            case "elementwise" -> "add/pool units";
            case "axi_interconnect" -> "AXI interconnect";
            default -> key.replace('_', ' ');
        };
    }

    /** One row per component and a total row: LUT, FF, DSP, BRAM36, URAM. */
    public static TextTable table(CostBreakdown b) {
        TextTable t = new TextTable("component", "LUT", "FF", "DSP", "BRAM36", "URAM");
        for (Map.Entry<String, ResourceVector> e : b.parts().entrySet()) {
            row(t, label(e.getKey()), e.getValue());
        }
        row(t, "total", b.total());
        return t;
    }

    private static void row(TextTable t, String name, ResourceVector v) {
        t.row(name, String.format("%,d", v.lut()), String.format("%,d", v.ff()), String.format("%,d", v.dsp()),
                String.format("%,.1f", v.bram36()), String.format("%,d", v.uram()));
    }

    /** {@code {component: {lut, ff, dsp, bram36, uram}}}, in the cost model's order. */
    public static Map<String, Object> json(CostBreakdown b) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, ResourceVector> e : b.parts().entrySet()) {
            m.put(e.getKey(), json(e.getValue()));
        }
        return m;
    }

    static Map<String, Object> json(ResourceVector v) {
        return Json.obj("lut", v.lut(), "ff", v.ff(), "dsp", v.dsp(), "bram36", v.bram36(), "uram", v.uram());
    }
}
