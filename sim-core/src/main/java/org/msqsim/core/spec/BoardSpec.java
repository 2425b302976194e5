package org.msqsim.core.spec;

/**
 * A board: its FPGA device, the clocks its designs may use, and the default MSQ accelerator
 * instantiated on it (which also names the DDR the accelerator reaches).
 *
 * @param id          short name used on the command line, e.g. {@code zc706}
 * @param displayName e.g. {@code Xilinx ZC706 (XC7Z045)}
 */
public record BoardSpec(String id, String displayName, DeviceSpec device, ClockRange clocks,
                        AcceleratorSpec accelerator) {
    public BoardSpec {
        Specs.require(id != null && id.matches("[a-z0-9][a-z0-9_-]*"), "board.id", id,
                "must be lower-case letters, digits, '-' or '_'");
        Specs.require(displayName != null && !displayName.isBlank(), "board.name", displayName, "is required");
        Specs.require(device != null && clocks != null && accelerator != null, "board", id,
                "device, clocks and accelerator are required");
    }
}
