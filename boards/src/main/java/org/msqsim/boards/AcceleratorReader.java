package org.msqsim.boards;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BufferSpec;
import org.msqsim.core.spec.ClockRange;
import org.msqsim.core.spec.DataPortsSpec;
import org.msqsim.core.spec.DdrSpec;
import org.msqsim.core.spec.DepthwiseEngineSpec;
import org.msqsim.core.spec.FusionSpec;
import org.msqsim.core.spec.MacKind;
import org.msqsim.core.spec.MemoryKind;
import org.msqsim.core.spec.PeArraySpec;

/**
 * Reads {@code accelerator}: the MSQ design instantiated on the board, checked against the device
 * and clocks read before it. Checks here are of the "cannot possibly be built" kind; whether a
 * design fits comfortably (LUTs, FFs, exact BRAM shapes, timing margins) is the cost model's job.
 */
final class AcceleratorReader {
    /** Raw bytes of one RAMB36 (36 Kb incl. parity) and one URAM288 (288 Kb), facts/boards.md §6. */
    private static final long BRAM36_BYTES = 36 * 1024 / 8;
    private static final long URAM_BYTES = 288 * 1024 / 8;

    private AcceleratorReader() {
    }

    static Optional<AcceleratorSpec> read(Section a, DeviceReader device, Optional<ClockRange> clocks,
                                          Optional<DdrSpec> ddr) {
        Optional<String> name = a.text("name");
        Optional<Long> control = a.hz("control_clock_mhz");
        if (control.isPresent() && clocks.isPresent()
                && (control.get() < clocks.get().minHz() || control.get() > clocks.get().maxHz())) {
            a.report("control_clock_mhz", "must lie within [clocks.min_mhz, clocks.max_mhz] = ["
                    + Mhz.show(clocks.get().minHz()) + ", " + Mhz.show(clocks.get().maxHz()) + "] MHz");
        }
        // SP2 needs a sign and two non-empty shift fields (m = 1 + m1 + m2 >= 3); 8 bits is the widest
        // any DSP packing path handles (FINN mvu_8sx8u).
        Optional<Long> wBits = a.integer("weight_bits", v -> v >= 3 && v <= 8, "must be 3..8 bits");
        Optional<Long> aBits = a.integer("activation_bits", v -> v >= 2 && v <= 8, "must be 2..8 bits");
        Optional<BigDecimal> fraction = a.number("sp2_fraction", v -> v.signum() >= 0 && v.compareTo(BigDecimal.ONE) <= 0,
                "must be within [0, 1]");
        Optional<Section> dspSection = a.section("dsp_core");
        Optional<Section> lutSection = a.section("lut_core");
        Optional<PeArraySpec> dsp = dspSection.flatMap(s -> CoreReader.read("dsp_core", s, wBits, aBits, clocks,
                device.dsp()));
        Optional<PeArraySpec> lut = lutSection.flatMap(s -> CoreReader.read("lut_core", s, wBits, aBits, clocks,
                device.dsp()));
        if (dspSection.isEmpty() && lutSection.isEmpty() && !a.has("dsp_core") && !a.has("lut_core")) {
            a.problem(null, "needs dsp_core, lut_core or both");
        }
        Map<String, BufferSpec> buffers = a.section("buffers").map(b -> buffers(b, device)).orElse(Map.of());
        Optional<DepthwiseEngineSpec> engine = a.section("depthwise_engine")
                .flatMap(e -> engine(e, wBits, aBits));
        FusionSpec fusion = a.has("fusion") ? a.section("fusion").flatMap(AcceleratorReader::fusion)
                .orElse(FusionSpec.DEFAULT) : FusionSpec.DEFAULT;
        Optional<DataPortsSpec> dataPorts = a.section("data_ports").flatMap(p -> dataPorts(p, ddr));
        fraction.ifPresent(f -> {
            // SP2 rows run on the LUT core, fixed-point rows on the DSP core (AcceleratorSpec's rule)
            if (f.signum() > 0 && dspSection.isPresent() && lutSection.isEmpty()) {
                a.report("sp2_fraction", "needs a lut_core (SP2 rows run on it); 0 for a DSP-only design");
            } else if (f.compareTo(BigDecimal.ONE) < 0 && lutSection.isPresent() && dspSection.isEmpty()) {
                a.report("sp2_fraction", "needs a dsp_core (fixed-point rows run on it); 1 for a LUT-only design");
            }
        });
        if (!a.clean() || ddr.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AcceleratorSpec(name.orElseThrow(), dsp, lut, buffers.get("input"),
                buffers.get("weight"), buffers.get("output"), ddr.get(), control.orElseThrow(),
                Math.toIntExact(wBits.orElseThrow()), Math.toIntExact(aBits.orElseThrow()), engine, fusion,
                dataPorts, fraction.map(f -> OptionalDouble.of(f.doubleValue())).orElse(OptionalDouble.empty())));
    }

    /**
     * {@code data_ports}: the design's own AXI data masters (the DPU's two 128-bit ports, PG338), each on
     * one of the memory's ports, so at most as many as the memory has.
     */
    private static Optional<DataPortsSpec> dataPorts(Section p, Optional<DdrSpec> ddr) {
        int ports = ddr.map(d -> d.ports().size()).orElse(16);
        Optional<Long> count = p.integer("count", v -> v >= 1 && v <= ports,
                "must be 1.." + ports + " (each master drives one of the memory's " + ports + " ports)");
        Optional<Long> width = p.integer("width_bits", v -> v == 32 || v == 64 || v == 128 || v == 256 || v == 512,
                "must be 32, 64, 128, 256 or 512");
        if (!p.clean()) {
            return Optional.empty();
        }
        return Optional.of(new DataPortsSpec(Math.toIntExact(count.orElseThrow()),
                Math.toIntExact(width.orElseThrow())));
    }

    /**
     * {@code fusion}: which element-wise layers the output stage fuses, the pool unit's row buffer, and
     * the output stage's lanes (absent: the wider core's rows).
     */
    private static Optional<FusionSpec> fusion(Section f) {
        Optional<Boolean> add = f.bool("add");
        Optional<Boolean> pool = f.bool("pool");
        Optional<Long> kib = f.integer("pool_buffer_kib", v -> v >= 1 && v <= 4096, "must be 1..4096 KiB");
        Optional<Long> lanes = f.integer("lanes", v -> v >= 1 && v <= FusionSpec.MAX_LANES,
                "must be 1.." + FusionSpec.MAX_LANES + " lanes");
        if (!f.clean()) {
            return Optional.empty();
        }
        return Optional.of(new FusionSpec(add.orElseThrow(), pool.orElseThrow(), Math.toIntExact(kib.orElseThrow()),
                lanes.map(n -> OptionalInt.of(Math.toIntExact(n))).orElse(OptionalInt.empty())));
    }

    /**
     * {@code depthwise_engine}: fixed-point lanes of pixels × channels (DSP or LUT multipliers), SP2
     * lanes of pixels × sp2_channels, an accumulator of at most 24 bits (DSP48 SIMD TWO24), a weight bank.
     */
    private static Optional<DepthwiseEngineSpec> engine(Section e, Optional<Long> wBits, Optional<Long> aBits) {
        Optional<Long> pixels = e.integer("pixels", v -> v >= 1 && v <= 256, "must be 1..256 output pixels");
        Optional<Long> channels = e.integer("channels", v -> v >= 1 && v <= 256, "must be 1..256 channels");
        Optional<MacKind> mac = e.choice("fixed_mac", MacKind.class);
        if (mac.isPresent() && mac.get() == MacKind.LUT_SP2) {
            e.report("fixed_mac", "the fixed-point lanes multiply on dsp or lut_fixed; SP2 lanes are sp2_channels");
            mac = Optional.empty();
        }
        Optional<Long> sp2 = e.integer("sp2_channels", v -> v >= 0 && v <= 256, "must be 0..256 SP2 channels");
        Optional<Long> acc = e.integer("accumulator_bits", v -> v >= 8 && v <= 24,
                "must be 8..24 bits (the engine accumulates in DSP48 SIMD TWO24 adders)");
        Optional<Long> bank = e.integer("weight_bank_kib", v -> v >= 1 && v <= 65536, "must be 1..65536 KiB");
        if (acc.isPresent() && wBits.isPresent() && aBits.isPresent() && acc.get() < wBits.get() + aBits.get()) {
            // a lane's product is W + A bits (FINN-R's LUT multiplier, the DSP's packed lane alike)
            e.report("accumulator_bits", "must be >= weight_bits + activation_bits = " + (wBits.get() + aBits.get())
                    + " to hold one product");
        }
        if (!e.clean()) {
            return Optional.empty();
        }
        return Optional.of(new DepthwiseEngineSpec(Math.toIntExact(pixels.orElseThrow()),
                Math.toIntExact(channels.orElseThrow()), mac.orElseThrow(), Math.toIntExact(sp2.orElseThrow()),
                Math.toIntExact(acc.orElseThrow()),
                Math.toIntExact(bank.orElseThrow())));
    }

    private static Map<String, BufferSpec> buffers(Section b, DeviceReader device) {
        Map<String, BufferSpec> out = new LinkedHashMap<>();
        for (String name : new String[] {"input", "weight", "output"}) {
            b.section(name).flatMap(s -> BufferReader.read(name, s, device.uram()))
                    .ifPresent(spec -> out.put(name, spec));
        }
        if (out.size() == 3) {
            fitsOnChip(b, out, MemoryKind.BRAM, device.bram36(), BRAM36_BYTES, "RAMB36");
            fitsOnChip(b, out, MemoryKind.URAM, device.uram(), URAM_BYTES, "URAM288");
        }
        return out;
    }

    /** Buffers of one memory kind cannot exceed the raw bits of all such blocks on the device. */
    private static void fitsOnChip(Section b, Map<String, BufferSpec> buffers, MemoryKind kind, Optional<Long> blocks,
                                   long blockBytes, String blockName) {
        long bytes = buffers.values().stream().filter(s -> s.memory() == kind).mapToLong(BufferSpec::capacityBytes)
                .sum();
        if (blocks.isPresent() && bytes > blocks.get() * blockBytes) {
            b.problem(bytes / 1024 + " KiB in " + kind.name().toLowerCase(Locale.ROOT) + " buffers",
                    "more than the device's " + blocks.get() + " " + blockName + " hold (" + blocks.get() * blockBytes
                            / 1024 + " KiB incl. parity)");
        }
    }
}
