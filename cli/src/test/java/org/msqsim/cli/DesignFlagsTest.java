package org.msqsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * {@code --design NAME} and {@code --clock-mhz F} on run and explore: a named design runs as asked
 * (its name, its clock, a double-pumped core's slices at 2F); an unknown design or a clock outside
 * the board's range is one error line and exit 2.
 */
class DesignFlagsTest {

    @Test
    void aNamedDesignRunsAtTheAskedClock() throws Exception {
        CliRunner r = CliRunner.run("run", "--board", "zcu102", "--design", "dpu-b512", "--clock-mhz", "287",
                "--model", "cifar_net", "--bits", "8", "--sp2-fraction", "0", "--timing-only", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("dpu-b512", j.get("design").asText());
        assertEquals(287.0, j.get("cores").get("dsp").get("clock_mhz").asDouble());
        assertEquals(64, j.get("cores").get("dsp").get("multipliers").asInt(), "4 x 4 PEs of 8 lanes, 2 per slice");
        assertEquals(8, j.get("cores").get("dsp").get("vector_lanes").asInt());
        assertTrue(j.get("cores").get("dsp").get("double_pumped").asBoolean());
        CliRunner table = CliRunner.run("run", "--board", "zcu102", "--design", "dpu-b512", "--clock-mhz", "287",
                "--model", "cifar_net", "--bits", "8", "--sp2-fraction", "0", "--timing-only");
        assertTrue(table.out().contains("double-pumped DSP slices at 574.0 MHz"), table.out());
    }

    @Test
    void anUnknownDesignIsOneLine() {
        CliRunner r = CliRunner.run("run", "--board", "zc706", "--design", "dpu-b4096", "--timing-only");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("zc706 has no design 'dpu-b4096'") && r.err().contains("default"), r.err());
    }

    @Test
    void aClockOutsideTheBoardsRangeIsOneLine() {
        for (String cmd : new String[] {"run", "explore"}) {
            CliRunner r = CliRunner.run(cmd, "--board", "zcu102", "--design", "dpu-b4096", "--clock-mhz", "400");
            assertEquals(2, r.code(), cmd);
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("--clock-mhz 400") && r.err().contains("325"), r.err());
        }
    }
}
