package org.msqsim.cli;

import org.msqsim.core.spec.BoardSpec;
import picocli.CommandLine.Option;

/**
 * The flags {@code run} and {@code explore} share to pick a board's design and its clock
 * ({@code --design}, {@code --clock-mhz}), as a picocli mixin; {@link DesignArgs#withDesign} applies them.
 */
final class DesignOptions {
    @Option(names = "--design", paramLabel = "NAME",
            description = "A named design of the board (see 'msqsim boards'), e.g. dpu-b4096; default: the board's "
                    + "default design.")
    String design;

    @Option(names = "--clock-mhz", paramLabel = "F",
            description = "Run the design's control and cores at F MHz (fabric clock; double-pumped DSP slices at "
                    + "2F), within the board's clock range.")
    Double clockMhz;

    /** {@code b} with the chosen design at the chosen clock as its accelerator; notes what the clock changed. */
    BoardSpec apply(BoardSpec b, StringBuilder notes) {
        return DesignArgs.withDesign(b, design, clockMhz, notes);
    }
}
