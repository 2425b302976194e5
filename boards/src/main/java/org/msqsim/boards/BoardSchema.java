package org.msqsim.boards;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.msqsim.core.spec.Dataflow;
import org.msqsim.core.spec.Drain;
import org.msqsim.core.spec.FpgaFamily;
import org.msqsim.core.spec.MacKind;
import org.msqsim.core.spec.MemoryKind;

/**
 * The one schema of board files: every mapping a board file may contain, the keys each accepts,
 * their YAML type, whether they are required, and the default of optional ones.
 *
 * <p>This table is the loader's whole notion of "known key"; {@code boards/reference.yaml}
 * documents the same keys in prose and a test holds the two equal, so they cannot drift. Ranges
 * and cross-key rules are not here but in the readers, where each check carries its reason.
 *
 * <p>Section paths use {@code []} for "any item of this list", e.g. {@code ddr.ports[]}.
 */
final class BoardSchema {
    /** The YAML shape a key's value must have. */
    enum Type { STRING, INTEGER, NUMBER, BOOLEAN, CHOICE, MAP, LIST }

    /**
     * One key.
     *
     * @param defaultValue YAML text of the default for optional scalar keys; {@code null} when the
     *                     key is required, or when an optional mapping is simply absent by default
     * @param choices      the allowed lower-case words of a {@link Type#CHOICE}, else empty
     */
    record Field(String name, Type type, boolean required, String defaultValue, List<String> choices) {
        Field {
            choices = List.copyOf(choices);
        }

        /** The unit spelled by the key's suffix ({@code _mhz} → MHz), or "" for a plain count. */
        String unit() {
            return unitOf(name);
        }
    }

    private static final Map<String, List<Field>> SECTIONS = build();
    /** The schema path of a named design: one more {@code accelerator} mapping. */
    static final String DESIGNS = "designs[]";

    private BoardSchema() {
    }

    /**
     * The keys of the mapping at {@code sectionPath} ("" for the document root). A named design
     * ({@code designs[]}) is an accelerator mapping: its paths are those of {@code accelerator}.
     */
    static List<Field> fields(String sectionPath) {
        String canonical = sectionPath.equals(DESIGNS) || sectionPath.startsWith(DESIGNS + ".")
                ? "accelerator" + sectionPath.substring(DESIGNS.length()) : sectionPath;
        List<Field> f = SECTIONS.get(canonical);
        if (f == null) {
            throw new IllegalStateException("no schema section " + sectionPath);
        }
        return f;
    }

    /** Every key path the loader accepts, mappings and lists included, in document order. */
    static Set<String> keyPaths() {
        Set<String> out = new LinkedHashSet<>();
        SECTIONS.forEach((section, fields) -> fields.forEach(f -> out.add(join(section, f.name()))));
        return out;
    }

    /** Every key with its schema entry, keyed by full path. */
    static Map<String, Field> fieldsByPath() {
        Map<String, Field> out = new LinkedHashMap<>();
        SECTIONS.forEach((section, fields) -> fields.forEach(f -> out.put(join(section, f.name()), f)));
        return out;
    }

    static String join(String section, String key) {
        return section.isEmpty() ? key : section + "." + key;
    }

    static String unitOf(String key) {
        if (key.endsWith("_mhz")) {
            return "MHz";
        } else if (key.endsWith("_kib")) {
            return "KiB";
        } else if (key.endsWith("_ns")) {
            return "ns";
        } else if (key.endsWith("_bits")) {
            return "bits";
        } else if (key.endsWith("_mtps")) {
            return "MT/s";
        } else if (key.endsWith("_bytes")) {
            return "bytes";
        }
        return "";
    }

    private static Map<String, List<Field>> build() {
        Map<String, List<Field>> s = new LinkedHashMap<>();
        s.put("", List.of(req("id", Type.STRING), req("name", Type.STRING), req("device", Type.MAP),
                req("clocks", Type.MAP), req("ddr", Type.MAP), opt("alt_ddr", Type.MAP, null),
                req("accelerator", Type.MAP),
                // named designs beside the default accelerator, each an accelerator mapping
                opt("designs", Type.LIST, null)));
        s.put("device", List.of(req("part", Type.STRING), choice("family", null, FpgaFamily.values()),
                req("lut", Type.INTEGER), req("ff", Type.INTEGER), req("dsp", Type.INTEGER),
                req("bram36", Type.INTEGER),
                // 7-series parts and many UltraScale+ parts have no URAM, so 0 is the honest default.
                opt("uram", Type.INTEGER, "0")));
        s.put("clocks", List.of(req("min_mhz", Type.NUMBER), req("default_mhz", Type.NUMBER),
                req("max_mhz", Type.NUMBER), opt("documented", Type.MAP, null)));
        s.put("clocks.documented", List.of(opt("dsp_core", Type.MAP, null), opt("lut_core", Type.MAP, null)));
        List<Field> documented = List.of(req("mhz", Type.NUMBER), req("source", Type.STRING));
        s.put("clocks.documented.dsp_core", documented);
        s.put("clocks.documented.lut_core", documented);
        List<Field> ddr = List.of(req("type", Type.STRING), req("bus_width_bits", Type.INTEGER),
                req("data_rate_mtps", Type.INTEGER),
                // UG585 ch. 22: the Zynq-7000 DDR controller was designed for at most ~75 % efficiency;
                // Manev et al. (FPT'19) measured 75 % on ZCU102. Both agree on 0.75.
                opt("efficiency", Type.NUMBER, "0.75"),
                // 16 beats × 64 bit (UG585: DDRC ports take bursts of 1..16 beats); Manev et al. find
                // 128-192 B bursts often optimal on Zynq UltraScale+.
                opt("burst_bytes", Type.INTEGER, "128"),
                // Assumed, not measured: see reference.yaml for the DRAM timing arithmetic.
                opt("latency_ns", Type.NUMBER, "120"), opt("turnaround_ns", Type.NUMBER, "30"),
                req("ports", Type.LIST),
                // One controller per channel; the bus width and data rate are all channels' together.
                opt("channels", Type.INTEGER, "1"));
        List<Field> port = List.of(req("name", Type.STRING), req("width_bits", Type.INTEGER),
                req("clock_mhz", Type.NUMBER));
        // alt_ddr: another memory the accelerator may use instead of ddr (same keys); explore tries both.
        for (String d : List.of("ddr", "alt_ddr")) {
            s.put(d, ddr);
            s.put(d + ".ports[]", port);
        }
        s.put("accelerator", List.of(req("name", Type.STRING), req("control_clock_mhz", Type.NUMBER),
                req("weight_bits", Type.INTEGER), req("activation_bits", Type.INTEGER),
                // absent: run takes the cores' balanced fraction (MsqBalance)
                opt("sp2_fraction", Type.NUMBER, null),
                opt("dsp_core", Type.MAP, null), opt("lut_core", Type.MAP, null), req("buffers", Type.MAP),
                opt("depthwise_engine", Type.MAP, null),
                // absent: adds and max pools fused into the convolution's output stage (FusionSpec.DEFAULT)
                opt("fusion", Type.MAP, null),
                // absent: one DMA per port of the memory; present: the design's own masters (the DPU's two)
                opt("data_ports", Type.MAP, null)));
        s.put("accelerator.data_ports", List.of(req("count", Type.INTEGER), req("width_bits", Type.INTEGER)));
        s.put("accelerator.fusion", List.of(opt("add", Type.BOOLEAN, "true"), opt("pool", Type.BOOLEAN, "true"),
                opt("pool_buffer_kib", Type.INTEGER, "8"),
                // absent: the wider core's rows (AcceleratorSpec.outputLanes)
                opt("lanes", Type.INTEGER, null)));
        // fixed_mac and sp2_channels default to the DPU's engine: DSP lanes, every channel fixed-point
        s.put("accelerator.depthwise_engine", List.of(req("pixels", Type.INTEGER), req("channels", Type.INTEGER),
                choice("fixed_mac", "dsp", MacKind.values()), opt("sp2_channels", Type.INTEGER, "0"),
                req("accumulator_bits", Type.INTEGER), req("weight_bank_kib", Type.INTEGER)));
        List<Field> core = List.of(choice("mac", null, MacKind.values()),
                choice("dataflow", "output_stationary", Dataflow.values()),
                req("rows", Type.INTEGER), req("cols", Type.INTEGER), opt("packing", Type.INTEGER, "1"),
                req("clock_mhz", Type.NUMBER), req("accumulator_bits", Type.INTEGER),
                // a scalar PE, single-pumped, fabric accumulators: every design before vector PEs
                opt("vector_lanes", Type.INTEGER, "1"), opt("double_pumped", Type.BOOLEAN, "false"),
                opt("dsp_accumulators", Type.BOOLEAN, "false"),
                // in place: every design before the drain option (docs/cost-model.md "Drain")
                choice("drain", "in_place", Drain.values()),
                // 1: no column sets, every design before the option (docs/cost-model.md "Column sets")
                opt("column_sets", Type.INTEGER, "1"));
        s.put("accelerator.dsp_core", core);
        s.put("accelerator.lut_core", core);
        s.put("accelerator.buffers", List.of(req("input", Type.MAP), req("weight", Type.MAP),
                req("output", Type.MAP)));
        List<Field> buffer = List.of(req("capacity_kib", Type.INTEGER), req("width_bits", Type.INTEGER),
                opt("banks", Type.INTEGER, "1"), opt("double_buffered", Type.BOOLEAN, "true"),
                choice("memory", "bram", MemoryKind.values()));
        for (String b : List.of("input", "weight", "output")) {
            s.put("accelerator.buffers." + b, buffer);
        }
        return s;
    }

    private static Field req(String name, Type type) {
        return new Field(name, type, true, null, List.of());
    }

    private static Field opt(String name, Type type, String defaultValue) {
        return new Field(name, type, false, defaultValue, List.of());
    }

    /** A CHOICE field over an enum's constants, written lower-case in files. */
    private static Field choice(String name, String defaultValue, Enum<?>[] values) {
        List<String> words = new ArrayList<>();
        Arrays.stream(values).forEach(v -> words.add(v.name().toLowerCase(Locale.ROOT)));
        return new Field(name, Type.CHOICE, defaultValue == null, defaultValue, words);
    }
}
