package org.msqsim.boards;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.msqsim.core.spec.AxiPortSpec;
import org.msqsim.core.spec.DdrSpec;

/** Reads {@code ddr}: the external memory the accelerator reaches and the AXI ports it uses. */
final class DdrReader {
    /** AXI data widths an AXI port may have; Zynq HP ports are 32/64 (7-series) or up to 128 bits. */
    private static final Set<Long> AXI_WIDTHS = Set.of(32L, 64L, 128L, 256L, 512L);

    private DdrReader() {
    }

    static Optional<DdrSpec> read(Section d) {
        Optional<String> type = d.text("type");
        Optional<Long> bus = d.integer("bus_width_bits", v -> v >= 8 && v <= 1024 && Long.bitCount(v) == 1,
                "must be a power of two from 8 to 1024 data bits (ECC bits excluded)");
        Optional<Long> rate = d.integer("data_rate_mtps", v -> v > 0 && v <= 20_000,
                "must be in (0, 20000] MT/s (DDR: twice the DRAM clock)");
        Optional<Double> efficiency = d.number("efficiency",
                v -> v.signum() > 0 && v.compareTo(BigDecimal.ONE) <= 0, "must be a fraction of the peak in (0, 1]")
                .map(BigDecimal::doubleValue);
        Optional<Long> burst = d.integer("burst_bytes", v -> v >= 16 && v <= 4096 && Long.bitCount(v) == 1,
                "must be a power of two from 16 to 4096 bytes (AXI bursts may not cross a 4 KiB boundary)");
        Optional<Long> latency = d.ps("latency_ns", 10_000);
        Optional<Long> turnaround = d.ps("turnaround_ns", 1_000);
        Optional<List<AxiPortSpec>> ports = d.list("ports").flatMap(DdrReader::ports);
        Optional<Long> channels = d.integer("channels", v -> v >= 1 && v <= 64,
                "must be 1..64 memory channels, each with its own controller");
        if (channels.isPresent() && ports.isPresent() && channels.get() > ports.get().size()) {
            d.report("channels", "needs at least one port per channel, and there are " + ports.get().size());
        }
        if (!d.clean()) {
            return Optional.empty();
        }
        return Optional.of(new DdrSpec(type.orElseThrow(), Math.toIntExact(bus.orElseThrow()), rate.orElseThrow(),
                efficiency.orElseThrow(), Math.toIntExact(burst.orElseThrow()), latency.orElseThrow(),
                turnaround.orElseThrow(), ports.orElseThrow(), Math.toIntExact(channels.orElseThrow())));
    }

    private static Optional<List<AxiPortSpec>> ports(List<Section> items) {
        List<AxiPortSpec> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        boolean ok = true;
        for (Section p : items) {
            Optional<String> name = p.text("name");
            Optional<Long> width = p.integer("width_bits", AXI_WIDTHS::contains,
                    "must be an AXI data width: 32, 64, 128, 256 or 512 bits");
            Optional<Long> clock = p.hz("clock_mhz");
            if (name.isPresent() && !names.add(name.get())) {
                p.report("name", "another port already has this name");
                name = Optional.empty();
            }
            if (name.isPresent() && width.isPresent() && clock.isPresent()) {
                out.add(new AxiPortSpec(name.get(), Math.toIntExact(width.get()), clock.get()));
            } else {
                ok = false;
            }
        }
        return ok ? Optional.of(out) : Optional.empty();
    }
}
