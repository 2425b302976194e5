package org.msqsim.boards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.spec.DataPortsSpec;
import org.msqsim.core.spec.FusionSpec;
import org.msqsim.core.spec.InvalidSpecException;
import org.msqsim.core.spec.MemoryKind;

/** Broken board files: every problem reported, once, as file:key.path: value — why. */
class BoardLoaderTest {
    private static String pynq;

    @BeforeAll
    static void readValidBoard() throws IOException {
        pynq = BoardCatalogTest.fixture("pynq-z2-budget-rule");
    }

    /** Replaces exactly one occurrence, so a test cannot silently edit nothing. */
    /** The LUT core's column_sets line of pynq-z2.yaml, with the key after it (unique in the file). */
    private static final String LUT_SETS = "column_sets: 4           # docs/cost-model.md \"Column sets\": 4 sets "
            + "where a layer has few filters\n  buffers:";

    private static String edit(String yaml, String from, String to) {
        int at = yaml.indexOf(from);
        assertTrue(at >= 0 && yaml.indexOf(from, at + 1) < 0, "not exactly one '" + from + "'");
        return yaml.substring(0, at) + to + yaml.substring(at + from.length());
    }

    private static List<String> problems(String yaml) {
        return assertThrows(InvalidSpecException.class, () -> BoardLoader.parse("b.yaml", yaml)).problems();
    }

    @Test
    void fourMistakesGiveExactlyFourLines(@TempDir Path dir) throws IOException {
        String yaml = edit(pynq, "  bram36: 140 ", "  # bram36 left out ");
        yaml = edit(yaml, "default_mhz: 100 ", "default_mhz: 200 MHz ");
        yaml = edit(yaml, "efficiency: 0.75", "efficiency: 1.5");
        yaml = edit(yaml, "  ports:", "  port_count: 2\n  ports:");
        Path f = dir.resolve("broken.yaml");
        Files.writeString(f, yaml);
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> BoardLoader.load(f));
        assertEquals(List.of(
                f + ":device.bram36: required key is missing (plain integer expected)",
                f + ":clocks.default_mhz: \"200 MHz\" — plain number in MHz expected (the unit is in the key name)",
                f + ":ddr.port_count: 2 — unknown key; known keys here: type, bus_width_bits, data_rate_mtps, "
                        + "efficiency, burst_bytes, latency_ns, turnaround_ns, ports, channels",
                f + ":ddr.efficiency: 1.5 — must be a fraction of the peak in (0, 1]"), e.problems());
        assertEquals(String.join("\n", e.problems()), e.getMessage());
    }

    @Test
    void brokenFileKeptInTestResourcesReportsEverything() throws IOException {
        try (var in = getClass().getClassLoader().getResourceAsStream("broken/many-mistakes.yaml")) {
            List<String> p = problems(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(7, p.size(), String.join("\n", p));
            assertTrue(p.contains("b.yaml:accelerator.dsp_core.colums: 20 — unknown key; did you mean 'cols'?"));
            assertTrue(p.contains("b.yaml:accelerator.dsp_core.cols: required key is missing (plain integer "
                    + "expected)"));
        }
    }

    static Stream<Arguments> singleMistakes() {
        return Stream.of(
                Arguments.of("mac: lut_sp2", "mac: dsp", "accelerator.lut_core.mac: \"dsp\"", "cannot use DSP"),
                Arguments.of("mac: dsp", "mac: lut_sp2", "accelerator.dsp_core.mac: \"lut_sp2\"", "use mac: dsp"),
                Arguments.of("mac: dsp", "mac: dps", "accelerator.dsp_core.mac: \"dps\"", "did you mean 'dsp'"),
                Arguments.of("packing: 4 ", "packing: 3 ", "accelerator.dsp_core.packing: 3", "1, 2 or 4"),
                Arguments.of("packing: 1", "packing: 2", "accelerator.lut_core.packing: 2", "must be 1"),
                Arguments.of("weight_bits: 4", "weight_bits: 8", "accelerator.dsp_core.packing: 4", "at most 4 bits"),
                Arguments.of("activation_bits: 4", "activation_bits: 9", "accelerator.activation_bits: 9", "2..8"),
                Arguments.of("weight_bits: 4", "weight_bits: 2", "accelerator.weight_bits: 2", "3..8"),
                Arguments.of("max_mhz: 200 ", "max_mhz: 1200 ", "clocks.max_mhz: 1200", "(0, 1000] MHz"),
                Arguments.of("default_mhz: 100 ", "default_mhz: 250 ", "clocks.default_mhz: 250", "[100, 200]"),
                Arguments.of("min_mhz: 100 ", "min_mhz: 300 ", "clocks.min_mhz: 300", "must not exceed max_mhz"),
                Arguments.of("control_clock_mhz: 100", "control_clock_mhz: 50", "accelerator.control_clock_mhz: 50",
                        "[100, 200]"),
                Arguments.of("uram: 0 ", "uram: 4 ", "device.uram: 4", "7-series parts have no URAM"),
                Arguments.of("capacity_kib: 96         # 24", "capacity_kib: -96         # 24", "accelerator.buffers.input.capacity_kib: -96",
                        "positive"),
                Arguments.of("capacity_kib: 96         # 24", "capacity_kib: 99999         # 24", "accelerator.buffers",
                        "more than the device's 140 RAMB36"),
                Arguments.of("rows: 8\n    cols: 20", "rows: 16\n    cols: 20", "accelerator.dsp_core",
                        "more than the device's 220"),
                Arguments.of("    cols: 20 ", "    cols: 20.5 ", "accelerator.dsp_core.cols: 20.5", "whole number"),
                Arguments.of("data_rate_mtps: 1050", "data_rate_mtps: 12.8GB/s", "ddr.data_rate_mtps: \"12.8GB/s\"",
                        "plain integer in MT/s expected"),
                Arguments.of("bus_width_bits: 16", "bus_width_bits: 24", "ddr.bus_width_bits: 24", "power of two"),
                Arguments.of("burst_bytes: 128", "burst_bytes: 100", "ddr.burst_bytes: 100", "power of two"),
                Arguments.of("latency_ns: 120", "latency_ns: -5", "ddr.latency_ns: -5", "[0, 10000] ns"),
                Arguments.of("      width_bits: 64           # [V S14]\n", "      width_bits: 48\n",
                        "ddr.ports[1].width_bits: 48", "32, 64, 128, 256 or 512"),
                Arguments.of("- name: hp2", "- name: hp0", "ddr.ports[1].name: \"hp0\"", "already has this name"),
                Arguments.of("accumulator_bits: 24       # as", "accumulator_bits: 7       # as",
                        "accelerator.lut_core.accumulator_bits: 7", "8..48"),
                Arguments.of("double_buffered: true\n      memory: bram\n    weight",
                        "double_buffered: yes please\n      memory: bram\n    weight",
                        "accelerator.buffers.input.double_buffered: \"yes please\"", "true or false"),
                Arguments.of("id: pynq-z2", "id: PYNQ Z2", "id: \"PYNQ Z2\"", "lower-case"),
                Arguments.of("efficiency: 0.75", "efficiency:", "ddr.efficiency", "empty value"),
                Arguments.of("accumulator_bits: 24       # as dsp_core\n    drain: in_place",
                        "accumulator_bits: 24       # as dsp_core\n    drain: later", "accelerator.lut_core.drain",
                        "in_place, overlapped"),
                Arguments.of(LUT_SETS, "column_sets: 3\n  buffers:", "accelerator.lut_core.column_sets: 3",
                        "power of two"),
                Arguments.of(LUT_SETS, "column_sets: 64\n  buffers:", "accelerator.lut_core.column_sets: 64",
                        "at most cols"),
                Arguments.of("dataflow: output_stationary\n    rows: 8\n    cols: 16 ",
                        "dataflow: row_stationary\n    rows: 8\n    cols: 16 ", "accelerator.lut_core.dataflow",
                        "output_stationary, weight_stationary, dot_product"),
                Arguments.of("fixed_mac: lut_fixed", "fixed_mac: lut_sp2", "accelerator.depthwise_engine.fixed_mac",
                        "dsp or lut_fixed"),
                Arguments.of("fixed_mac: lut_fixed", "fixed_mac: alu", "accelerator.depthwise_engine.fixed_mac",
                        "lut_fixed"),
                Arguments.of("sp2_channels: 1 ", "sp2_channels: 300 ", "accelerator.depthwise_engine.sp2_channels: 300",
                        "0..256"),
                Arguments.of("accumulator_bits: 13", "accumulator_bits: 7", "accelerator.depthwise_engine.accumulator_bits",
                        "8..24"));
    }

    @ParameterizedTest
    @MethodSource("singleMistakes")
    void oneMistakeGivesOneLine(String from, String to, String where, String why) {
        List<String> p = problems(edit(pynq, from, to));
        assertEquals(1, p.size(), String.join("\n", p));
        assertTrue(p.get(0).startsWith("b.yaml:" + where), p.get(0));
        assertTrue(p.get(0).contains(why), p.get(0));
    }

    /** A depthwise engine's accumulator must hold one W + A-bit product (an 8-bit DPU design here). */
    @Test
    void depthwiseAccumulatorNarrowerThanAProduct() throws IOException { // designs[0] is budget-rule, [1] dpu-b512
        String yaml = BoardCatalogTest.resource("zcu102").replaceFirst(
                "      channels: 8\n      accumulator_bits: 24", "      channels: 8\n      accumulator_bits: 12");
        List<String> p = problems(yaml);
        assertEquals(1, p.size(), String.join("\n", p));
        assertTrue(p.get(0).startsWith("b.yaml:designs[1].depthwise_engine.accumulator_bits: 12"), p.get(0));
        assertTrue(p.get(0).contains("weight_bits + activation_bits = 16"), p.get(0));
    }

    @Test
    void documentedClocksOutsideTheRangeOrWithoutASourceAreProblems() {
        String doc = "    lut_core:\n      mhz: 100\n";
        assertTrue(pynq.contains(doc), "the PYNQ-Z2 file documents its LUT-core clock");
        List<String> p = problems(edit(pynq, doc, "    lut_core:\n      mhz: 250\n"));
        assertEquals(1, p.size(), String.join("\n", p));
        assertTrue(p.get(0).startsWith("b.yaml:clocks.documented.lut_core.mhz: 250 — must lie within [min_mhz, "
                + "max_mhz] = [100, 200] MHz"), p.get(0));
        String noSource = pynq.replaceFirst("      source: \"BNN-PYNQ[^\"]*\"\n", "");
        assertTrue(noSource.length() < pynq.length());
        p = problems(noSource);
        assertEquals(List.of("b.yaml:clocks.documented.lut_core.source: required key is missing (text expected)"), p);
        p = problems(edit(pynq, "    dsp_core:\n      mhz: 100", "    dsp_cores:\n      mhz: 100"));
        assertTrue(p.get(0).startsWith("b.yaml:clocks.documented.dsp_cores"), String.join("\n", p));
        assertTrue(p.get(0).contains("did you mean 'dsp_core'"), p.get(0));
    }

    @Test
    void documentedClocksAreReadPerCoreKind() {
        var c = BoardLoader.parse("b.yaml", pynq).clocks();
        assertEquals(100_000_000L, c.dspCore().orElseThrow().hz());
        assertEquals(100_000_000L, c.ceilingHz(org.msqsim.core.spec.MacKind.LUT_SP2));
        assertTrue(c.lutCore().orElseThrow().source().contains("BNN-PYNQ"));
        assertEquals(c.maxHz(), c.assumingMax().ceilingHz(org.msqsim.core.spec.MacKind.DSP));
    }

    @Test
    void uramBufferOnDeviceWithoutUram() {
        String yaml = edit(pynq, "memory: bram\n    weight", "memory: uram\n    weight");
        assertEquals(List.of("b.yaml:accelerator.buffers.input.memory: \"uram\" — the device has no URAM; use bram"), problems(yaml));
    }

    @Test
    void acceleratorNeedsACore() throws IOException {
        String yaml = BoardCatalogTest.resource("zc706");
        yaml = yaml.substring(0, yaml.indexOf("  dsp_core:")) + yaml.substring(yaml.indexOf("  buffers:"));
        assertEquals(List.of("b.yaml:accelerator: needs dsp_core, lut_core or both"), problems(yaml));
    }

    @Test
    void optionalKeysTakeTheirDefaults() {
        String yaml = pynq.lines().filter(l -> !l.matches("\\s*(efficiency|burst_bytes|latency_ns|turnaround_ns"
                + "|uram|dataflow|packing: 1|banks|double_buffered|memory):.*")).reduce("", (a, l) -> a + l + "\n");
        BoardSpec b = BoardLoader.parse("b.yaml", yaml);
        assertEquals(0, b.device().uram());
        assertEquals(0.75, b.accelerator().ddr().efficiency());
        assertEquals(128, b.accelerator().ddr().burstBytes());
        assertEquals(120_000, b.accelerator().ddr().latencyPs());
        assertEquals(30_000, b.accelerator().ddr().turnaroundPs());
        assertEquals(1, b.accelerator().lutCore().orElseThrow().packing());
        assertEquals(1, b.accelerator().inputBuffer().banks());
        assertTrue(b.accelerator().inputBuffer().doubleBuffered());
        assertEquals(MemoryKind.BRAM, b.accelerator().weightBuffer().memory());
    }

    /**
     * Column sets (issue 13 point 5) load with every dataflow and drain: a dot-product core and an
     * overlapped-drain core keep their {@code column_sets}; more sets than columns is still one line.
     */
    @Test
    void columnSetsLoadOnDotProductAndOverlappedCores() {
        String lut = "    dataflow: output_stationary\n    rows: 8\n    cols: 16 ";
        BoardSpec dot = BoardLoader.parse("b.yaml", edit(pynq, lut, "    dataflow: dot_product\n    rows: 8\n    cols: 16 "));
        assertEquals(4, dot.accelerator().lutCore().orElseThrow().columnSets());
        assertEquals(org.msqsim.core.spec.Dataflow.DOT_PRODUCT, dot.accelerator().lutCore().orElseThrow().dataflow());
        String drain = "drain: in_place          # scalar PEs: a shadow costs more MACs than the drain cycles "
                + "(docs/cost-model.md \"Drain\")\n    " + LUT_SETS; // the LUT core's (the DSP core's drain line is the same)
        BoardSpec ovl = BoardLoader.parse("b.yaml", edit(pynq, drain, "drain: overlapped\n    " + LUT_SETS));
        assertTrue(ovl.accelerator().lutCore().orElseThrow().overlappedDrain());
        assertEquals(4, ovl.accelerator().lutCore().orElseThrow().columnSets());
        List<String> p = problems(edit(edit(pynq, lut, "    dataflow: dot_product\n    rows: 8\n    cols: 16 "),
                LUT_SETS, "column_sets: 32\n  buffers:"));
        assertEquals(1, p.size(), String.join("\n", p));
        assertTrue(p.get(0).contains("at most cols"), p.get(0));
    }

    /** pynq-z2.yaml without its {@code fusion} section (the rule's lanes), for tests that write their own. */
    private static String withoutFusion(String yaml) {
        int at = yaml.indexOf("  fusion:");
        int end = yaml.indexOf("\n", yaml.indexOf("    lanes:", at));
        end = yaml.indexOf("\n", end + 1); // the lanes comment's second line
        assertTrue(at > 0 && end > at, "pynq-z2.yaml has a fusion section ending in its lanes");
        return yaml.substring(0, at) + yaml.substring(end + 1);
    }

    /** {@code accelerator.fusion} (issue 13 point 3): absent is both fused, keys are validated like any other. */
    @Test
    void fusionKeyIsReadAndValidated() {
        String bare = withoutFusion(pynq);
        assertEquals(FusionSpec.DEFAULT, BoardLoader.parse("b.yaml", bare).accelerator().fusion());
        String at = "  activation_bits: 4";
        BoardSpec b = BoardLoader.parse("b.yaml", edit(bare, at, at + "\n  fusion:\n    add: false\n    pool_buffer_kib: 16"));
        assertEquals(new FusionSpec(false, true, 16), b.accelerator().fusion());
        List<String> p = problems(edit(bare, at, at + "\n  fusion:\n    pool: maybe"));
        assertEquals(1, p.size(), String.join("\n", p));
        assertTrue(p.get(0).startsWith("b.yaml:accelerator.fusion.pool: \"maybe\""), p.get(0));
        p = problems(edit(bare, at, at + "\n  fusion:\n    pool_buffer_kib: 0"));
        assertEquals(List.of("b.yaml:accelerator.fusion.pool_buffer_kib: 0 — must be 1..4096 KiB"), p);
        p = problems(edit(bare, at, at + "\n  fusion:\n    relu: true"));
        assertEquals(1, p.size(), String.join("\n", p));
        assertTrue(p.get(0).startsWith("b.yaml:accelerator.fusion.relu"), p.get(0));
    }

    /**
     * {@code accelerator.fusion.lanes} (issue 13 point 10): the output stage's requantizer lanes; absent, the
     * wider core's rows (the board files' old rule); out of range is one line.
     */
    @Test
    void outputLanesAreReadDefaultedAndValidated() {
        assertEquals(OptionalInt.of(16), BoardLoader.parse("b.yaml", pynq).accelerator().fusion().lanes());
        assertEquals(16, BoardLoader.parse("b.yaml", pynq).accelerator().outputLanes());
        AcceleratorSpec bare = BoardLoader.parse("b.yaml", withoutFusion(pynq)).accelerator();
        assertEquals(OptionalInt.empty(), bare.fusion().lanes());
        assertEquals(8, bare.outputLanes(), "absent: the cores' 8 rows");
        String at = "    lanes: 16 ";
        assertEquals(3, BoardLoader.parse("b.yaml", edit(pynq, at, "    lanes: 3 ")).accelerator().outputLanes());
        for (String bad : List.of("0", "4097", "-2")) {
            List<String> p = problems(edit(pynq, at, "    lanes: " + bad + " "));
            assertEquals(List.of("b.yaml:accelerator.fusion.lanes: " + bad + " — must be 1..4096 lanes"), p);
        }
        List<String> p = problems(edit(pynq, at, "    lanes: 2.5 "));
        assertEquals(1, p.size(), String.join("\n", p));
        assertTrue(p.get(0).startsWith("b.yaml:accelerator.fusion.lanes: 2.5"), p.get(0));
    }

    /**
     * {@code accelerator.data_ports} (the DPU's own masters, PG338): the design sees the memory through them —
     * the first {@code count} ports, at the master width, at the control clock — and pays one DMA per master;
     * more masters than the memory has ports is one line.
     */
    @Test
    void dataPortsNarrowTheMemoryToTheMasters() {
        String at = "  activation_bits: 4";
        BoardSpec plain = BoardLoader.parse("b.yaml", pynq);
        assertTrue(plain.accelerator().dataPorts().isEmpty());
        int ports = plain.accelerator().ddr().ports().size();
        assertTrue(ports >= 2, "the PYNQ-Z2 file has its HP ports");
        BoardSpec b = BoardLoader.parse("b.yaml", edit(pynq, at, at + "\n  data_ports:\n    count: 2\n    width_bits: 32"));
        AcceleratorSpec a = b.accelerator();
        assertEquals(Optional.of(new DataPortsSpec(2, 32)), a.dataPorts());
        assertEquals(2, a.ddr().ports().size());
        for (int p = 0; p < 2; p++) {
            assertEquals(plain.accelerator().ddr().ports().get(p).name(), a.ddr().ports().get(p).name());
            assertEquals(32, a.ddr().ports().get(p).widthBits());
            assertEquals(a.controlClockHz(), a.ddr().ports().get(p).clockHz());
        }
        // the clock follows --clock-mhz; copies keep the view (idempotent)
        AcceleratorSpec fast = a.withClockHz(125_000_000L);
        assertEquals(125_000_000L, fast.ddr().ports().get(1).clockHz());
        assertEquals(fast.ddr(), fast.withName("x").withFusion(FusionSpec.DEFAULT).ddr());
        // a master wider than its port moves the port's width
        BoardSpec wide = BoardLoader.parse("b.yaml", edit(pynq, at, at + "\n  data_ports:\n    count: 1\n    width_bits: 512"));
        assertEquals(plain.accelerator().ddr().ports().get(0).widthBits(), wide.accelerator().ddr().ports().get(0).widthBits());
        List<String> p = problems(edit(pynq, at, at + "\n  data_ports:\n    count: " + (ports + 1) + "\n    width_bits: 64"));
        assertEquals(1, p.size(), String.join("\n", p));
        assertTrue(p.get(0).startsWith("b.yaml:accelerator.data_ports.count: " + (ports + 1) + " — must be 1.." + ports), p.get(0));
        p = problems(edit(pynq, at, at + "\n  data_ports:\n    count: 1\n    width_bits: 100"));
        assertEquals(List.of("b.yaml:accelerator.data_ports.width_bits: 100 — must be 32, 64, 128, 256 or 512"), p);
        p = problems(edit(pynq, at, at + "\n  data_ports:\n    count: 1"));
        assertEquals(1, p.size(), String.join("\n", p));
        assertTrue(p.get(0).startsWith("b.yaml:accelerator.data_ports.width_bits"), p.get(0));
    }

    /**
     * {@code accelerator.sp2_fraction}: the design's own F (a derived default's), read exactly; out of
     * [0, 1], or needing a core the design lacks, is one line.
     */
    @Test
    void sp2FractionIsTheDesignsOwnAndNeedsItsCores() {
        String at = "  activation_bits: 4";
        assertTrue(BoardLoader.parse("b.yaml", pynq).accelerator().sp2Fraction().isEmpty());
        BoardSpec b = BoardLoader.parse("b.yaml", edit(pynq, at, at + "\n  sp2_fraction: 0.35"));
        assertEquals(0.35, b.accelerator().sp2Fraction().getAsDouble(), 0.0);
        assertEquals(List.of("b.yaml:accelerator.sp2_fraction: 1.5 — must be within [0, 1]"),
                problems(edit(pynq, at, at + "\n  sp2_fraction: 1.5")));
        String noLut = edit(pynq, at, at + "\n  sp2_fraction: 0.5");
        noLut = noLut.replaceAll("(?s)\n  lut_core:.*?(?=\n  buffers:)", "");
        assertEquals(List.of("b.yaml:accelerator.sp2_fraction: 0.5 — needs a lut_core (SP2 rows run on it); 0 for a "
                + "DSP-only design"), problems(noLut));
        assertTrue(BoardLoader.parse("b.yaml", noLut.replace("sp2_fraction: 0.5", "sp2_fraction: 0"))
                .accelerator().sp2Fraction().isPresent());
        String noDsp = edit(pynq, at, at + "\n  sp2_fraction: 0.5").replaceAll("(?s)\n  dsp_core:.*?(?=\n  lut_core:)", "");
        assertEquals(List.of("b.yaml:accelerator.sp2_fraction: 0.5 — needs a dsp_core (fixed-point rows run on it); 1 "
                + "for a LUT-only design"), problems(noDsp));
    }

    @Test
    void fractionalMhzAndNsAreExact() {
        BoardSpec b = BoardLoader.parse("b.yaml", edit(edit(pynq, "default_mhz: 100 ", "default_mhz: 187.5 "),
                "latency_ns: 120", "latency_ns: 120.25"));
        assertEquals(187_500_000L, b.clocks().defaultHz());
        assertEquals(120_250L, b.accelerator().ddr().latencyPs());
    }

    @Test
    void yamlSyntaxErrorIsOneLineWithLineAndColumn() {
        List<String> p = problems("id: x\nname: [a\ndevice: {\n");
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith("b.yaml:3:7: YAML syntax error: "), p.get(0));
        assertEquals(1, p.get(0).lines().count());
    }

    @Test
    void duplicateKeyIsAnError() {
        List<String> p = problems("id: x\nid: y\n");
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith("b.yaml:2:") && p.get(0).contains("Duplicate field 'id'"), p.get(0));
    }

    @Test
    void emptyAndNonMappingDocuments() {
        assertTrue(problems("").get(0).startsWith("b.yaml: empty document"));
        assertTrue(problems("- a\n- b\n").get(0).contains("must be a YAML mapping"));
    }

    @Test
    void missingFileIsOneLine(@TempDir Path dir) {
        Path f = dir.resolve("none.yaml");
        assertEquals(List.of(f + ": no such board file"),
                assertThrows(InvalidSpecException.class, () -> BoardLoader.load(f)).problems());
    }

    /** Issue 11 item 1: a file that is not UTF-8 is one line naming the file and the first bad byte. */
    @Test
    void notUtf8IsOneLineWithTheByteOffset(@TempDir Path dir) throws IOException {
        byte[] text = pynq.getBytes(StandardCharsets.UTF_8);
        int eol = pynq.indexOf('\n');
        byte[] latin1 = new byte[text.length + 2];
        System.arraycopy(text, 0, latin1, 0, eol);
        latin1[eol] = ' ';
        latin1[eol + 1] = (byte) 0xe9; // Latin-1 'é'
        System.arraycopy(text, eol, latin1, eol + 2, text.length - eol);
        Path f = dir.resolve("latin1.yaml");
        Files.write(f, latin1);
        assertEquals(List.of(f + ": not UTF-8 at byte " + (eol + 1) + " (0xe9, line 1); save the board file as UTF-8"),
                assertThrows(InvalidSpecException.class, () -> BoardLoader.load(f)).problems());
        byte[] random = new byte[4096];
        new java.util.Random(11).nextBytes(random);
        random[0] = (byte) 0xff; // never valid in UTF-8
        Path r = dir.resolve("random.yaml");
        Files.write(r, random);
        assertEquals(List.of(r + ": not UTF-8 at byte 0 (0xff, line 1); save the board file as UTF-8"),
                assertThrows(InvalidSpecException.class, () -> BoardLoader.load(r)).problems());
    }

    /** Issue 11 item 18: YAML's .nan and .inf are named as not finite at their key, not a syntax error. */
    @Test
    void nanAndInfinityAreNotFiniteNumbers() {
        String nan = edit(pynq, "efficiency: 0.75", "efficiency: .nan");
        List<String> p = problems(nan);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).matches("b\\.yaml:\\d+:\\d+:ddr\\.efficiency: \\.nan — not a number; board values "
                + "must be finite plain numbers"), p.get(0));
        p = problems(edit(pynq, "efficiency: 0.75", "efficiency: -.Inf"));
        assertTrue(p.get(0).matches("b\\.yaml:\\d+:\\d+:ddr\\.efficiency: -\\.Inf — infinite; board values "
                + "must be finite plain numbers"), p.get(0));
    }

    /**
     * Contract: the loader checks everything the spec records check, so no bad value reaches a
     * record constructor (which would throw IllegalArgumentException, not a user-facing error).
     */
    @Test
    void noBadNumberReachesARecordConstructor() {
        List<String> numbers = pynq.lines().filter(l -> l.matches("\\s*-?\\s*\\w+: \\d+(\\.\\d+)?\\b.*")).toList();
        for (String line : numbers) {
            String key = line.substring(0, line.indexOf(':') + 1);
            for (String bad : List.of("0", "-1", "0.5", "3", "1000000", "9999999999999", "1e400")) {
                String yaml = pynq.replace(line, key + " " + bad);
                try {
                    BoardLoader.parse("b.yaml", yaml);
                } catch (InvalidSpecException expected) {
                    assertTrue(expected.problems().stream().allMatch(s -> s.startsWith("b.yaml:")));
                }
            }
        }
    }
}
