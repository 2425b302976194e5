package org.msqsim.cli;

import java.util.Optional;
import org.msqsim.boards.BoardCatalog;
import org.msqsim.cli.io.UserError;
import org.msqsim.core.resource.CostModel;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BitWidthChange;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.spec.DeviceSpec;
import org.msqsim.core.spec.InvalidSpecException;
import org.msqsim.core.spec.PeArraySpec;

/**
 * The arguments {@code run} and {@code explore} share: {@code --board} (an id or a file) and
 * {@code --bits}, turned into the board and the design to simulate, with a user error for a bad value
 * and a note line for everything the width changed ({@link BitWidthChange} holds the rule).
 */
public final class DesignArgs {
    private DesignArgs() {
    }

    /** The board named by {@code --board}: a built-in id or a board YAML file. */
    static BoardSpec board(String idOrPath) {
        try {
            return BoardCatalog.get(idOrPath);
        } catch (InvalidSpecException e) {
            throw new UserError(String.join("\nmsqsim: ", e.problems()));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    /**
     * The board with the design {@code --design} names as its accelerator ({@code default} or null:
     * the board's own), at {@code --clock-mhz} when given: the control clock and every core's fabric
     * clock set to it, within the board's {@code clocks} range (a double-pumped core's slices then run
     * at twice it). A note says which clocks the design runs at when overridden.
     */
    static BoardSpec withDesign(BoardSpec b, String design, Double clockMhz, StringBuilder notes) {
        AcceleratorSpec a = b.accelerator();
        if (design != null) {
            a = b.design(design).orElseThrow(() -> new UserError("--design: " + b.id() + " has no design '" + design
                    + "'; it has " + String.join(", ", b.designNames())));
        }
        if (clockMhz != null) {
            long hz = Math.round(clockMhz * 1e6);
            if (!(clockMhz > 0) || hz < b.clocks().minHz() || hz > b.clocks().maxHz()) {
                throw new UserError("--clock-mhz " + clockMhz + ": " + b.id() + " allows fabric clocks from "
                        + b.clocks().minHz() / 1e6 + " to " + b.clocks().maxHz() / 1e6 + " MHz (its board file's "
                        + "clocks.min_mhz and clocks.max_mhz)");
            }
            try {
                a = a.withClockHz(hz);
            } catch (IllegalArgumentException e) { // e.g. a double-pumped core's slices past 1,000 MHz
                throw new UserError("--clock-mhz " + clockMhz + ": " + a.name() + " cannot run at it: " + e.getMessage());
            }
            boolean pumped = a.dspCore().map(c -> c.doublePumped()).orElse(false);
            notes.append("clock: ").append(a.name()).append(" at ").append(hz / 1e6).append(" MHz")
                    .append(pumped ? " (its double-pumped DSP slices at " + 2 * hz / 1e6 + " MHz)" : "")
                    .append(".\n");
        }
        return a == b.accelerator() ? b : b.withAccelerator(a);
    }

    /** The design at {@code --bits} (the design's own width when null), noting in {@code notes} what changed. */
    public static AcceleratorSpec atBits(AcceleratorSpec design, Integer bits, StringBuilder notes) {
        if (bits == null) {
            return design;
        }
        if (bits < 3 || bits > 8) {
            throw new UserError("--bits must be between 3 and 8, got " + bits);
        }
        BitWidthChange w = BitWidthChange.of(design, bits);
        w.loweredPacking().ifPresent(p -> notes.append("DSP packing lowered from ").append(p.from()).append(" to ")
                .append(p.to()).append(" products per DSP for ").append(bits).append("-bit operands.\n"));
        if (w.accumulatorGrowth() > 0) {
            notes.append("accumulators widened by ").append(w.accumulatorGrowth()).append(" bits for ").append(bits)
                    .append("-bit operands (the design's are sized for ").append(design.weightBits())
                    .append(" bits).\n");
        }
        return w.after();
    }

    /**
     * {@code design} at another width, its LUT core narrowed, column by column, until the design fits
     * the device when the width change alone makes it too large (a default sized for W4A4 with its LUT
     * core filling the LUT budget exceeds the part at W8A8, where an SP2 or LUT multiplier is about
     * twice the size); noted, so the report says which design ran. A design that fits is returned as
     * it is, and one that still does not fit without a LUT core is left for the caller to refuse.
     */
    public static AcceleratorSpec fittedAtBits(AcceleratorSpec design, DeviceSpec device, StringBuilder notes) {
        CostModel cost = CostModel.defaults();
        if (cost.fit(design, device).fits() || design.lutCore().isEmpty()) {
            return design;
        }
        PeArraySpec lut = design.lutCore().orElseThrow();
        for (int cols = lut.cols() - 1; cols >= 1; cols--) {
            AcceleratorSpec narrower = design.withCores(design.dspCore(), Optional.of(lut.withShape(lut.rows(), cols)));
            if (cost.fit(narrower, device).fits()) {
                notes.append("LUT core narrowed from ").append(lut.cols()).append(" to ").append(cols)
                        .append(" columns: at ").append(design.weightBits()).append(" bits the design, sized for ")
                        .append("its own width, does not fit the ").append(device.part()).append(".\n");
                return narrower;
            }
        }
        return design;
    }
}
