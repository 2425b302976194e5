package org.msqsim.models.explore;

import org.msqsim.core.resource.ResourceVector;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.PeArraySpec;

/**
 * One point of the design space: an accelerator and the fraction of weight rows it sends to its LUT
 * core. The shape fields repeat what {@code spec} holds, for reports and sorting.
 *
 * @param index       position in the grid's generation order (the stable sort key)
 * @param fraction    SP2 fraction (rows on the LUT core), one of the grid's fractions
 * @param dspCols     DSP-core columns, 0 when absent
 * @param lutCols     LUT-core columns, 0 when absent
 * @param clockHz     the fastest core's clock (the DSP core's when the board's documented clocks hold the
 *                    LUT core lower: {@link #lutClockHz})
 * @param bufferScale the factor on the default design's buffer capacities
 * @param used        the design's resources (cost model)
 * @param memory      which of the board's external memories the design uses, as reports name it
 *                    ({@code "PS DDR"}, {@code "MIG"}, {@code "HBM"}); empty on a board with one memory
 * @param organisations how each core is organised (dataflow, vector lanes); a core the design does
 *                    not have keeps the base design's entry
 * @param engineShare the share of the core LUT budget its depthwise engine was sized with
 *                    ({@code DepthwiseEngineSizing}); 0 when it has none
 */
public record Design(int index, DesignFamily family, double fraction, AcceleratorSpec spec, int rows, int dspCols,
                     int lutCols, long clockHz, double bufferScale, ResourceVector used, String memory,
                     Organisations organisations, double engineShare) {
    /** Both cores output-stationary with scalar PEs: the organisation of every shipped default design. */
    public static final Organisations OUTPUT_STATIONARY = new Organisations(CoreOrganisation.OS, CoreOrganisation.OS);

    public Design {
        if (memory == null) {
            throw new IllegalArgumentException("a design's memory label is empty, not null, on one-memory boards");
        }
        if (organisations == null) {
            throw new IllegalArgumentException("a design's core organisations are required");
        }
    }

    /** A design without a depthwise engine. */
    public Design(int index, DesignFamily family, double fraction, AcceleratorSpec spec, int rows, int dspCols,
                  int lutCols, long clockHz, double bufferScale, ResourceVector used, String memory,
                  Organisations organisations) {
        this(index, family, fraction, spec, rows, dspCols, lutCols, clockHz, bufferScale, used, memory,
                organisations, 0);
    }

    /** A design whose cores are both output-stationary with scalar PEs, without a depthwise engine. */
    public Design(int index, DesignFamily family, double fraction, AcceleratorSpec spec, int rows, int dspCols,
                  int lutCols, long clockHz, double bufferScale, ResourceVector used, String memory) {
        this(index, family, fraction, spec, rows, dspCols, lutCols, clockHz, bufferScale, used, memory,
                OUTPUT_STATIONARY, 0);
    }

    /** A design on a board with one memory, both cores output-stationary with scalar PEs, no engine. */
    public Design(int index, DesignFamily family, double fraction, AcceleratorSpec spec, int rows, int dspCols,
                  int lutCols, long clockHz, double bufferScale, ResourceVector used) {
        this(index, family, fraction, spec, rows, dspCols, lutCols, clockHz, bufferScale, used, "");
    }

    /** The DSP core's organisation as reports print it, or "-" when the design has no DSP core. */
    public String dspOrganisation() {
        return dspCols == 0 ? "-" : organisations.dsp().label();
    }

    /** The LUT core's organisation as reports print it, or "-" when the design has no LUT core. */
    public String lutOrganisation() {
        return lutCols == 0 ? "-" : organisations.lut().label();
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

    /** The LUT core's clock: {@link #clockHz} unless the board's documented clocks hold it lower. */
    public long lutClockHz() {
        return spec == null ? clockHz : spec.lutCore().map(PeArraySpec::clockHz).orElse(clockHz);
    }

    /** The clock as reports show it, in MHz: "200", or "305/185" when the LUT core runs slower. */
    public String clockMhzText() {
        return lutClockHz() == clockHz ? String.valueOf(clockHz / 1_000_000)
                : clockHz / 1_000_000 + "/" + lutClockHz() / 1_000_000;
    }
}
