package org.msqsim.models.scalesim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msqsim.core.spec.InvalidSpecException;

class ScaleSimConfigReaderTest {
    private static final String GOOD = String.join("\n",
            "[general]",
            "run_name = t",
            "",
            "[architecture_presets]",
            "ArrayHeight:    8",
            "ArrayWidth:     16",
            "IfmapSramSzkB:   64",
            "FilterSramSzkB:  32",
            "OfmapSramSzkB:   16",
            "IfmapOffset:    0",
            "FilterOffset:   10000000",
            "OfmapOffset:    20000000",
            "Bandwidth : 10",
            "Dataflow : ws",
            "MemoryBanks:   1",
            "",
            "[run_presets]",
            "InterfaceBandwidth: CALC");

    private static ScaleSimConfig parse(String text) {
        return ScaleSimConfigReader.parse("x.cfg", List.of(text.split("\n", -1)));
    }

    private static List<String> problems(String text) {
        return assertThrows(InvalidSpecException.class, () -> parse(text)).problems();
    }

    @Test
    void readsTheSharedConfig() {
        ScaleSimConfig c = ScaleSimConfigReader.read(Resources.path("scale_32x32_os.cfg"));
        assertEquals("check_32x32_os", c.runName());
        assertEquals(32, c.arrayHeight());
        assertEquals(32, c.arrayWidth());
        assertEquals(64, c.ifmapSramKb());
        assertEquals(64, c.filterSramKb());
        assertEquals(64, c.ofmapSramKb());
        assertEquals(0, c.ifmapOffset());
        assertEquals(10_000_000, c.filterOffset());
        assertEquals(20_000_000, c.ofmapOffset());
        assertEquals(List.of(10), c.bandwidths());
        assertEquals(ScaleSimDataflow.OUTPUT_STATIONARY, c.dataflow());
        assertEquals(1, c.memoryBanks());
        assertEquals(ScaleSimConfig.InterfaceBandwidth.CALC, c.interfaceBandwidth());
        assertEquals(Optional.empty(), c.topologyCsvLoc());
    }

    @Test
    void keysAreCaseInsensitiveAndBothDelimitersWork() {
        ScaleSimConfig c = parse(GOOD.replace("ArrayHeight:    8", "arrayheight = 8")
                .replace("run_name = t", "# comment\n; another\nrun_name: a=b"));
        assertEquals(8, c.arrayHeight());
        assertEquals(16, c.arrayWidth());
        assertEquals("a=b", c.runName());
        assertEquals(ScaleSimDataflow.WEIGHT_STATIONARY, c.dataflow());
    }

    @Test
    void userModeNeedsOneBandwidthPerBank() {
        String user = GOOD.replace("CALC", "USER");
        assertEquals(List.of(10), parse(user).bandwidths());
        List<String> p = problems(user.replace("Bandwidth : 10", "Bandwidth : 10, 20"));
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("x.cfg:13:architecture_presets.Bandwidth: 10, 20 — USER mode"), p.get(0));
        List<String> missing = problems(user.replace("Bandwidth : 10\n", ""));
        assertEquals(List.of("x.cfg:architecture_presets.Bandwidth: missing key (required when InterfaceBandwidth is USER)"),
                missing);
        assertTrue(parse(GOOD.replace("Bandwidth : 10\n", "")).bandwidths().isEmpty());
    }

    /** Every problem of one file at once, each naming file:line, key and value. */
    /** Issue 11 items 6 and 16: a huge value is "too large" with its limit, not an internal error. */
    @Test
    void hugeValuesAreTooLargeWithTheLimit() {
        String bad = GOOD.replace("ArrayHeight:    8", "ArrayHeight:    100000")
                .replace("ArrayWidth:     16", "ArrayWidth:     99999999999999999999")
                .replace("IfmapSramSzkB:   64", "IfmapSramSzkB:   2147483648");
        assertEquals(List.of(
                "x.cfg:5:architecture_presets.ArrayHeight: 100000 — too large: at most 4,096 (msqsim's PE arrays "
                        + "have at most 4096 rows and columns)",
                "x.cfg:6:architecture_presets.ArrayWidth: 99999999999999999999 — too large: at most 4,096 (msqsim's "
                        + "PE arrays have at most 4096 rows and columns)",
                "x.cfg:7:architecture_presets.IfmapSramSzkB: 2147483648 — too large: at most 2,147,483,647"),
                problems(bad));
        assertEquals(4096, parse(GOOD.replace("ArrayHeight:    8", "ArrayHeight:    4096")).arrayHeight());
    }

    @Test
    void reportsAllProblemsTogether() {
        String bad = GOOD.replace("ArrayHeight:    8", "ArrayHeight:    0")
                .replace("ArrayWidth:     16", "ArrayWidth:     16x")
                .replace("Dataflow : ws", "Dataflow : OS")
                .replace("FilterOffset:   10000000", "FilterOffset:   -1")
                .replace("OfmapSramSzkB:   16\n", "")
                .replace("MemoryBanks:   1", "MemoryBanks:   1\nArrayDepth: 4\nifmapsramszkb: 8")
                .replace("InterfaceBandwidth: CALC", "InterfaceBandwidth: calc\n[sparsity]\nSparsitySupport : false");
        List<String> p = problems(bad);
        List<String> expected = List.of(
                "x.cfg:15:architecture_presets.ArrayDepth: 4 — unknown key",
                "x.cfg:16:architecture_presets.ifmapsramszkb: 8 — duplicate key (first set on line 7)",
                "x.cfg:20: [sparsity] — unknown section",
                "x.cfg:5:architecture_presets.ArrayHeight: 0 — must be >= 1",
                "x.cfg:6:architecture_presets.ArrayWidth: '16x' — not an integer",
                "x.cfg:architecture_presets.OfmapSramSzkB: missing key",
                "x.cfg:10:architecture_presets.FilterOffset: -1 — must be >= 0",
                "x.cfg:13:architecture_presets.Dataflow: 'OS' — must be os, ws or is",
                "x.cfg:19:run_presets.InterfaceBandwidth: 'calc' — must be CALC or USER");
        assertEquals(expected.size(), p.size(), String.join("\n", p));
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(p.get(i).startsWith(expected.get(i)), "expected " + expected.get(i) + "\n got " + p.get(i));
        }
    }

    @Test
    void structuralErrors() {
        List<String> p = problems("run_name = x\n" + GOOD + "\n[general]\n  continued\nnovalue");
        assertTrue(p.get(0).startsWith("x.cfg:1: run_name = x — key outside any [section]"), p.get(0));
        assertTrue(p.stream().anyMatch(s -> s.startsWith("x.cfg:20: [general] — duplicate section")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("x.cfg:21: continued — continuation lines")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("x.cfg:22: novalue — expected 'key = value'")), p.toString());
    }

    @Test
    void missingFileIsOneProblem(@TempDir Path dir) {
        Path f = dir.resolve("none.cfg");
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ScaleSimConfigReader.read(f));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).startsWith(f + ": cannot read"));
    }
}
