package org.msqsim.core.resource;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An accelerator's cost per component (in a fixed, documented order: dsp_core, lut_core,
 * input_buffer, weight_buffer, output_buffer, dma, control, memory_controller) and their sum.
 */
public record CostBreakdown(Map<String, ResourceVector> parts, ResourceVector total) {
    public CostBreakdown {
        if (parts == null || total == null) {
            throw new IllegalArgumentException("parts and total are required");
        }
        parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
    }

    static CostBreakdown of(Map<String, ResourceVector> parts) {
        ResourceVector total = ResourceVector.ZERO;
        for (ResourceVector v : parts.values()) {
            total = total.plus(v);
        }
        return new CostBreakdown(parts, total);
    }

    /** One component's cost, or {@link ResourceVector#ZERO} if the name is unknown. */
    public ResourceVector part(String name) {
        return parts.getOrDefault(name, ResourceVector.ZERO);
    }
}
