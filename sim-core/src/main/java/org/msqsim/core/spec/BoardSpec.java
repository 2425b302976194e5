package org.msqsim.core.spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A board: its FPGA device, the clocks its designs may use, the default MSQ accelerator
 * instantiated on it (which also names the DDR the accelerator reaches), and named designs beside
 * the default (e.g. the Xilinx DPU sizes, {@code dpu-b4096}), which {@code --design NAME} selects.
 *
 * @param id          short name used on the command line, e.g. {@code zc706}
 * @param displayName e.g. {@code Xilinx ZC706 (XC7Z045)}
 * @param designs     named designs, each with a distinct command-line name; may be empty
 * @param altDdr      another external memory a design on this board may use instead of the default
 *                    design's (ZC706: the PS DDR3 through the S_AXI_HP ports beside the PL DDR3 through
 *                    a MIG)
 */
public record BoardSpec(String id, String displayName, DeviceSpec device, ClockRange clocks,
                        AcceleratorSpec accelerator, List<AcceleratorSpec> designs, Optional<DdrSpec> altDdr) {
    /** The word {@code --design} takes for the board's default accelerator. */
    public static final String DEFAULT_DESIGN = "default";

    public BoardSpec {
        Specs.require(id != null && id.matches("[a-z0-9][a-z0-9_-]*"), "board.id", id,
                "must be lower-case letters, digits, '-' or '_'");
        Specs.require(displayName != null && !displayName.isBlank(), "board.name", displayName, "is required");
        Specs.require(device != null && clocks != null && accelerator != null, "board", id,
                "device, clocks and accelerator are required");
        designs = List.copyOf(designs == null ? List.of() : designs);
        Specs.require(altDdr != null, "board.alt_ddr", null, "must be an Optional, empty when absent");
        Set<String> seen = new HashSet<>();
        for (AcceleratorSpec d : designs) {
            Specs.require(d.name().matches("[a-z0-9][a-z0-9_.-]*"), "designs[].name", d.name(),
                    "must be lower-case letters, digits, '-', '_' or '.' (it is typed after --design)");
            Specs.require(!d.name().equals(DEFAULT_DESIGN), "designs[].name", d.name(),
                    "is reserved for the default accelerator");
            Specs.require(seen.add(d.name()), "designs[].name", d.name(), "names two designs");
        }
    }

    /** A board with its default accelerator only. */
    public BoardSpec(String id, String displayName, DeviceSpec device, ClockRange clocks, AcceleratorSpec accelerator) {
        this(id, displayName, device, clocks, accelerator, List.of(), Optional.empty());
    }

    /**
     * The design {@code --design name} selects: {@code default} or the default accelerator's own
     * name give the default, any other name a named design.
     */
    public Optional<AcceleratorSpec> design(String name) {
        if (name.equals(DEFAULT_DESIGN) || name.equals(accelerator.name())) {
            return Optional.of(accelerator);
        }
        return designs.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** Every name {@code --design} takes: {@code default}, then the named designs in file order. */
    public List<String> designNames() {
        List<String> out = new ArrayList<>();
        out.add(DEFAULT_DESIGN);
        designs.forEach(d -> out.add(d.name()));
        return out;
    }

    /** This board with another clock range (e.g. one clock, for a search that must keep to it). */
    public BoardSpec withClocks(ClockRange range) {
        return new BoardSpec(id, displayName, device, range, accelerator, designs, altDdr);
    }

    /** This board with another default accelerator (its named designs kept). */
    public BoardSpec withAccelerator(AcceleratorSpec a) {
        return new BoardSpec(id, displayName, device, clocks, a, designs, altDdr);
    }

    /** Every external memory a design on this board may use: the default design's first. */
    public List<DdrSpec> memories() {
        List<DdrSpec> out = new ArrayList<>();
        out.add(accelerator.ddr());
        altDdr.ifPresent(out::add);
        return List.copyOf(out);
    }
}
