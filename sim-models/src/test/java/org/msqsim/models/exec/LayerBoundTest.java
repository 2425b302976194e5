package org.msqsim.models.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.msqsim.models.layer.LayerKind;

/** {@link LayerResult#bound()}: the port-stall share joins memory and imbalance at the same 25 % rule. */
class LayerBoundTest {

    private static LayerResult layer(long memory, long imbalance, long ports) {
        return new LayerResult("l", LayerKind.CONV, 1000, 10, 0, 5, 5, memory, imbalance, -1, 0, 0, ports);
    }

    @Test
    void portsWinOnlyWhenTheLargestShareAndAtLeastAQuarter() {
        assertEquals("compute", layer(0, 0, 0).bound());
        assertEquals("compute", layer(240, 240, 249).bound());
        assertEquals("ports", layer(0, 0, 250).bound());
        assertEquals("ports", layer(300, 100, 400).bound());
        assertEquals("memory", layer(400, 100, 400).bound(), "a tie goes to memory, as before");
        assertEquals("imbalance", layer(100, 400, 300).bound());
        assertEquals("memory", layer(300, 0, 0).bound());
    }

    private static LayerResult layer(long memory, long imbalance, long ports, long output) {
        return new LayerResult("l", LayerKind.CONV, 1000, 10, 0, 5, 5, memory, imbalance, -1, 0, 0, ports, output);
    }

    @Test
    void outputWinsOnlyWhenTheLargestShareAndAtLeastAQuarter() {
        assertEquals("compute", layer(240, 240, 240, 249).bound());
        assertEquals("output", layer(0, 0, 0, 250).bound());
        assertEquals("output", layer(300, 100, 200, 400).bound());
        assertEquals("memory", layer(400, 100, 0, 400).bound(), "a tie goes to memory");
        assertEquals("ports", layer(0, 0, 400, 400).bound(), "a tie with the ports goes to the ports");
        assertThrows(IllegalArgumentException.class, () -> layer(0, 0, 0, 1001));
        assertThrows(IllegalArgumentException.class, () -> layer(0, 0, 0, -1));
    }

    @Test
    void portStallsFitInTheLatency() {
        assertThrows(IllegalArgumentException.class, () -> layer(0, 0, 1001));
        assertThrows(IllegalArgumentException.class, () -> layer(0, 0, -1));
    }
}
