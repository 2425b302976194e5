package org.msqsim.core.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A board: its FPGA device, the clocks its designs may use, and the default MSQ accelerator
 * instantiated on it (which also names the DDR the accelerator reaches).
 *
 * @param id          short name used on the command line, e.g. {@code zc706}
 * @param displayName e.g. {@code Xilinx ZC706 (XC7Z045)}
 * @param altDdr      another external memory a design on this board may use instead of the default
 *                    design's (ZC706: the PS DDR3 through the S_AXI_HP ports beside the PL DDR3 through
 *                    a MIG); {@code explore} tries both
 */
public record BoardSpec(String id, String displayName, DeviceSpec device, ClockRange clocks,
                        AcceleratorSpec accelerator, Optional<DdrSpec> altDdr) {
    public BoardSpec {
        Specs.require(id != null && id.matches("[a-z0-9][a-z0-9_-]*"), "board.id", id,
                "must be lower-case letters, digits, '-' or '_'");
        Specs.require(displayName != null && !displayName.isBlank(), "board.name", displayName, "is required");
        Specs.require(device != null && clocks != null && accelerator != null, "board", id,
                "device, clocks and accelerator are required");
        Specs.require(altDdr != null, "board.alt_ddr", null, "must be an Optional, empty when absent");
    }

    /** A board with one external memory. */
    public BoardSpec(String id, String displayName, DeviceSpec device, ClockRange clocks,
                     AcceleratorSpec accelerator) {
        this(id, displayName, device, clocks, accelerator, Optional.empty());
    }

    /** Every external memory a design on this board may use: the default design's first. */
    public List<DdrSpec> memories() {
        List<DdrSpec> out = new ArrayList<>();
        out.add(accelerator.ddr());
        altDdr.ifPresent(out::add);
        return List.copyOf(out);
    }
}
