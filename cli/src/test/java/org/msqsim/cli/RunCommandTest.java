package org.msqsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RunCommandTest {

    static String board(String name) {
        try {
            return Paths.get(RunCommandTest.class.getResource("/boards/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String... args) throws IOException {
        CliRunner r = CliRunner.run(args);
        assertEquals(0, r.code(), r.err());
        return new ObjectMapper().readTree(r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gemm:40x30x50", "conv:12x12x8->16,3x3,s1,p1", "conv:15x15x3->8,3x3,s2,p0"})
    void runIsBitExactAndReportsTheRequiredFields(String layer) throws IOException {
        JsonNode j = json("run", "--board", board("tiny-z2.yaml"), "--layer", layer, "--format", "json");
        assertTrue(j.get("bit_exact").asBoolean(), j.toString());
        assertTrue(j.get("cycles").asLong() > 0);
        assertTrue(j.get("latency_ms").asDouble() > 0);
        assertTrue(j.get("gops").asDouble() > 0);
        assertTrue(j.get("ddr_bytes").asLong() > 0);
        for (String r : new String[] {"lut", "ff", "dsp", "bram36", "uram"}) {
            assertTrue(j.get("resources").get(r).has("used") && j.get("resources").get(r).has("available"), r);
        }
        long m = j.get("gemm").get("m").asLong();
        assertEquals(m * j.get("gemm").get("k").asLong() * j.get("gemm").get("n").asLong(), j.get("macs").asLong());
    }

    @Test
    void timingOnlyGivesTheSameCyclesWithoutTheCheck() throws IOException {
        JsonNode full = json("run", "--board", board("tiny-z2.yaml"), "--layer", "gemm:64x48x40", "--format", "json");
        JsonNode fast = json("run", "--board", board("tiny-z2.yaml"), "--layer", "gemm:64x48x40", "--timing-only",
                "--format", "json");
        assertEquals(full.get("cycles"), fast.get("cycles"));
        assertTrue(fast.get("bit_exact").isNull());
    }

    /** The JSON stalls: memory is waiting for data + for output space + the final store drain, less what the
     * output stage's lanes held alone ({@code output_stall_ps}, as a network layer's); the time
     * with a step in flight (latency − memory − that hold) is at least the imbalance within it. */
    @ParameterizedTest
    @ValueSource(strings = {"gemm:64x48x40", "gemm:200x300x17", "conv:14x14x32->48,3x3,s1,p1"})
    void stallsAddUpInTheJson(String layer) throws IOException {
        JsonNode j = json("run", "--board", board("tiny-z2.yaml"), "--layer", layer, "--timing-only", "--format",
                "json");
        JsonNode st = j.get("stalls");
        long memory = st.get("memory_ps").asLong();
        long held = st.get("output_stall_ps").asLong();
        assertTrue(held >= 0, st.toString());
        assertEquals(st.get("compute_waiting_data_ps").asLong() + st.get("compute_waiting_output_ps").asLong()
                + st.get("final_store_drain_ps").asLong(), memory + held);
        assertTrue(st.get("final_store_drain_ps").asLong() > 0, "every layer ends with a store");
        assertEquals(st.get("dsp_waiting_lut_ps").asLong() + st.get("lut_waiting_dsp_ps").asLong(),
                st.get("imbalance_ps").asLong());
        assertTrue(j.get("latency_ps").asLong() - memory - held >= st.get("imbalance_ps").asLong(), j.toString());
    }

    @Test
    void sameSeedSameBitsAndCycles() {
        String[] args = {"run", "--board", board("tiny-z2.yaml"), "--layer", "gemm:33x20x47", "--seed", "9",
            "--format", "json"};
        assertEquals(CliRunner.run(args).out(), CliRunner.run(args).out());
    }

    @Test
    void traceIsValidJsonWithTracksForCoresAndDma(@TempDir Path dir) throws IOException {
        Path t = dir.resolve("trace.json");
        CliRunner r = CliRunner.run("run", "--board", board("tiny-z2.yaml"), "--layer", "gemm:64x64x64", "--trace",
                t.toString());
        assertEquals(0, r.code(), r.err());
        String text = Files.readString(t);
        JsonNode root = new ObjectMapper().readTree(text);
        assertTrue(root.get("traceEvents").size() > 10);
        for (String track : new String[] {"dsp_core", "lut_core", "dma:input", "dma:weights", "dma:output"}) {
            assertTrue(text.contains("\"" + track + "\""), track);
        }
    }

    @Test
    void aDesignThatDoesNotFitNamesEachResource() {
        CliRunner r = CliRunner.run("run", "--board", board("huge-z2.yaml"), "--layer", "gemm:8x8x8");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("LUT") && r.err().contains("needed") && r.err().contains("available"), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--layer=conv:3x3", "--layer=gemm:0x4x4", "--board=no-such-board", "--sp2-fraction=2",
        "--bits=12", "--format=xml", "--layer=conv:4x4x3->8,7x7,s1,p0"})
    void badInputGivesOneLineAndExitTwo(String flag) {
        CliRunner r = CliRunner.run("run", "--board", board("tiny-z2.yaml"), flag);
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void noTraceFileIsLeftWhenTheRunFails(@TempDir Path dir) {
        Path t = dir.resolve("trace.json");
        CliRunner r = CliRunner.run("run", "--board", board("huge-z2.yaml"), "--trace", t.toString());
        assertEquals(2, r.code());
        assertFalse(Files.exists(t));
        CliRunner r2 = CliRunner.run("run", "--board", board("tiny-z2.yaml"), "--trace",
                dir.resolve("missing/dir/t.json").toString());
        assertEquals(2, r2.code());
        assertTrue(r2.err().contains("does not exist"), r2.err());
    }

    @Test
    void brokenBoardFileReportsEveryProblem(@TempDir Path dir) throws IOException {
        String yaml = Files.readString(Path.of(board("tiny-z2.yaml")))
                .replace("lut: 53200", "lut: -5").replace("dsp: 220", "dsp: many").replace("  ff: 106400\n", "")
                + "frobnicate: 1\n";
        Path f = dir.resolve("broken.yaml");
        Files.writeString(f, yaml);
        CliRunner r = CliRunner.run("run", "--board", f.toString());
        assertEquals(2, r.code());
        assertEquals(4, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().lines().allMatch(l -> l.startsWith("msqsim: " + f)), r.err());
    }

    @Test
    void boardsListsEveryBuiltInBoard() throws IOException {
        JsonNode j = json("boards", "--format", "json");
        assertEquals(8, j.size());
        CliRunner t = CliRunner.run("boards");
        for (String id : new String[] {"pynq-z2", "zedboard", "zc706", "ultra96-v2", "zcu104", "zcu102", "kv260",
            "u250"}) {
            assertTrue(t.out().contains(id), id);
        }
    }

    @Test
    void scaleSimModeReportsSCALESimCyclesPerLayer() throws IOException, URISyntaxException {
        String cfg = Paths.get(RunCommandTest.class.getResource("/scalesim/scale_32x32_os.cfg").toURI()).toString();
        String topo = Paths.get(RunCommandTest.class.getResource("/scalesim/resnet18.csv").toURI()).toString();
        JsonNode j = json("run", "--scalesim-cfg", cfg, "--scalesim-topology", topo, "--format", "json");
        assertEquals(21, j.get("layers").size());
        assertEquals("Conv1", j.get("layers").get(0).get("name").asText());
        // SCALE-Sim v2's conventions for Conv1 on 32x32 os: 758 folds of T+H+W-2 = 147+62 cycles, minus 1.
        assertEquals(758L * (147 + 32 + 32 - 2) - 1, j.get("layers").get(0).get("compute_cycles").asLong());
        long sum = 0;
        for (JsonNode l : j.get("layers")) {
            sum += l.get("compute_cycles").asLong();
        }
        assertEquals(sum, j.get("total_compute_cycles").asLong());
        CliRunner missing = CliRunner.run("run", "--scalesim-cfg", cfg);
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--scalesim-topology"), missing.err());
    }

    /** Each core's design is in the JSON of one-layer and network runs alike; --bits 8 halves a 4-lane DSP. */
    @Test
    void jsonGivesEachCoresPacking() throws IOException {
        // the budget-rule design: 4-lane packed DSP core (the derived default packs 1)
        JsonNode layer = json("run", "--board", "zc706", "--design", "budget-rule", "--layer", "gemm:64x64x64",
                "--timing-only", "--format", "json");
        JsonNode net = json("run", "--board", "zc706", "--design", "budget-rule", "--model", "cifar_net",
                "--timing-only", "--format", "json");
        for (JsonNode j : new JsonNode[] {layer, net}) {
            JsonNode dsp = j.at("/cores/dsp");
            assertEquals(4, dsp.get("packing").asInt(), j.toString());
            assertEquals("dsp", dsp.get("mac").asText());
            assertEquals(dsp.get("rows").asLong() * dsp.get("cols").asLong() * 4, dsp.get("peak_macs_per_cycle")
                    .asLong());
            assertEquals(1, j.at("/cores/lut/packing").asInt());
            assertEquals("lut_sp2", j.at("/cores/lut/mac").asText());
        }
        assertEquals(2, json("run", "--board", "zcu104", "--layer", "gemm:64x64x64", "--bits", "8", "--timing-only",
                "--format", "json").at("/cores/dsp/packing").asInt());
        assertEquals(net.get("macs").asLong(), net.at("/cores/dsp/macs").asLong() + net.at("/cores/lut/macs")
                .asLong(), "the cores' MACs make up the network's");
    }
}
