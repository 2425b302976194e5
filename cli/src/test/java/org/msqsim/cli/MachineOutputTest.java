package org.msqsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 25: the network CSV has board and model columns and a totals row; the network JSON
 * has each layer's compute/memory/imbalance split and DDR read/write split, and records the seed and
 * the weights; table numbers of four or more digits carry thousands separators.
 */
class MachineOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] RUN = {"run", "--board", "u250", "--model", "cifar_net", "--timing-only"};

    private static CliRunner run(String... more) {
        String[] a = Arrays.copyOf(RUN, RUN.length + more.length);
        System.arraycopy(more, 0, a, RUN.length, more.length);
        CliRunner r = CliRunner.run(a);
        assertEquals(0, r.code(), r.err());
        return r;
    }

    @Test
    void networkCsvHasBoardModelColumnsAndATotalsRow() throws IOException {
        List<String> lines = run("--format", "csv").out().lines().toList();
        List<String> head = List.of(lines.get(0).split(","));
        assertEquals(List.of("board", "model", "layer"), head.subList(0, 3));
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("u250,cifar_net,total,"), last);
        JsonNode j = JSON.readTree(run("--format", "json").out());
        List<String> total = List.of(last.split(",", -1));
        assertEquals(j.get("cycles").asText(), total.get(head.indexOf("cycles")));
        assertEquals(j.get("ddr_bytes").asText(), total.get(head.indexOf("ddr_bytes")));
        assertEquals(j.get("macs").asText(), total.get(head.indexOf("macs")));
        for (String l : lines.subList(1, lines.size())) {
            assertEquals(head.size(), l.split(",", -1).length, l);
        }
    }

    @Test
    void networkJsonCarriesTheSplitsTheSeedAndTheWeights() throws IOException {
        JsonNode j = JSON.readTree(run("--format", "json", "--seed", "7").out());
        assertEquals(7, j.get("seed").asLong());
        assertTrue(j.has("weights") && j.get("weights").isNull(), "synthetic weights: weights null");
        assertEquals("synthetic", j.get("weights_source").asText());
        long read = 0;
        long written = 0;
        for (JsonNode l : j.get("layers")) {
            long parts = l.get("compute_ps").asLong() + l.get("memory_ps").asLong() + l.get("imbalance_ps").asLong();
            assertEquals(l.get("latency_ps").asLong(), parts, l.toString());
            assertEquals(l.get("ddr_bytes").asLong(), l.get("ddr_bytes_read").asLong()
                    + l.get("ddr_bytes_written").asLong(), l.toString());
            // a layer fused into a convolution's output stage moves no bytes of its own
            assertTrue(l.get("ddr_bytes_written").asLong() > 0 || l.get("fused_into").isTextual(), l.toString());
            read += l.get("ddr_bytes_read").asLong();
            written += l.get("ddr_bytes_written").asLong();
        }
        assertEquals(read, j.get("ddr_bytes_read").asLong());
        assertEquals(written, j.get("ddr_bytes_written").asLong());
        JsonNode one = JSON.readTree(CliRunner.run("run", "--layer", "gemm:64x64x64", "--timing-only", "--seed", "3",
                "--format", "json").out());
        assertEquals(3, one.get("seed").asLong());
        assertFalse(one.get("compute_ps").isMissingNode());
    }

    /** No number of four or more digits without separators in a table (U250: 2,688 BRAM36). */
    @Test
    void tablesGroupThousands() {
        Pattern bare = Pattern.compile("(?<![\\w.,:x=-])\\d{4,}(?![\\w,])");
        for (String[] args : List.of(RUN, new String[] {"run", "--board", "u250", "--layer", "gemm:64x64x64",
            "--timing-only"}, new String[] {"run", "--board", "u250", "--model", "lenet_300_100",
            "--timing-only"})) {
            String out = CliRunner.run(args).out();
            for (String line : out.lines().skip(1).toList()) {
                Matcher m = bare.matcher(line);
                assertFalse(m.find(), String.join(" ", args) + ": '" + line + "'");
            }
        }
    }
}
