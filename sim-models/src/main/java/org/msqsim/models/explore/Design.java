package org.msqsim.models.explore;

import org.msqsim.core.resource.ResourceVector;
import org.msqsim.core.spec.AcceleratorSpec;

/**
 * One point of the design space: an accelerator and the fraction of weight rows it sends to its LUT
 * core. The shape fields repeat what {@code spec} holds, for reports and sorting.
 *
 * @param index       position in the grid's generation order (the stable sort key)
 * @param fraction    SP2 fraction (rows on the LUT core), one of the grid's fractions
 * @param dspCols     DSP-core columns, 0 when absent
 * @param lutCols     LUT-core columns, 0 when absent
 * @param clockHz     both cores' clock
 * @param bufferScale the factor on the default design's buffer capacities
 * @param used        the design's resources (cost model)
 * @param memory      which of the board's external memories the design uses, as reports name it
 *                    ({@code "PS DDR"}, {@code "MIG"}, {@code "HBM"}); empty on a board with one memory
 * @param engineShare the share of the core LUT budget its depthwise engine was sized with
 *                    ({@code DepthwiseEngineSizing}); 0 when it has none
 */
public record Design(int index, DesignFamily family, double fraction, AcceleratorSpec spec, int rows, int dspCols,
                     int lutCols, long clockHz, double bufferScale, ResourceVector used, String memory,
                     double engineShare) {
    public Design {
        if (memory == null) {
            throw new IllegalArgumentException("a design's memory label is empty, not null, on one-memory boards");
        }
    }

    /** A design without a depthwise engine. */
    public Design(int index, DesignFamily family, double fraction, AcceleratorSpec spec, int rows, int dspCols,
                  int lutCols, long clockHz, double bufferScale, ResourceVector used, String memory) {
        this(index, family, fraction, spec, rows, dspCols, lutCols, clockHz, bufferScale, used, memory, 0);
    }

    /** A design on a board with one memory. */
    public Design(int index, DesignFamily family, double fraction, AcceleratorSpec spec, int rows, int dspCols,
                  int lutCols, long clockHz, double bufferScale, ResourceVector used) {
        this(index, family, fraction, spec, rows, dspCols, lutCols, clockHz, bufferScale, used, "", 0);
    }

    /** The depthwise engine's size as reports show it: {@code PxF+S} (pixels × fixed + SP2 channels), or "-". */
    public String engine() {
        return spec == null ? "-" : spec.depthwiseEngine().map(e -> e.pixels() + "x" + e.channels() + "+"
                + e.sp2Channels()).orElse("-");
    }

    /** Products per DSP slice per cycle of the DSP core; 0 when there is none. */
    public int dspPacking() {
        return spec == null ? 0 : spec.dspCore().map(c -> c.packing()).orElse(0);
    }
}
