package org.msqsim.models.exec;

import org.msqsim.models.layer.LayerKind;

/**
 * One layer of a network run.
 *
 * @param name        layer name
 * @param kind        the layer's kind
 * @param latencyPs   time the layer took on the accelerator (layers run one after another)
 * @param macs        multiply-accumulates (0 for element-wise layers)
 * @param ddrBytes    bytes read and written
 * @param dspMacs     MACs done by the DSP core
 * @param lutMacs     MACs done by the LUT core
 * @param memoryPs    compute idle waiting for loads, output space or the final stores (all of it for
 *                    element-wise layers)
 * @param imbalancePs one core waiting for the other
 * @param mismatches  outputs differing from the golden network, or −1 when not checked
 * @param overflows   accumulator or packed-lane overflow events the datapaths reported
 * @param ddrBytesRead the part of {@code ddrBytes} read from DDR (the rest was written)
 */
public record LayerResult(String name, LayerKind kind, long latencyPs, long macs, long ddrBytes, long dspMacs,
                          long lutMacs, long memoryPs, long imbalancePs, long mismatches, long overflows,
                          long ddrBytesRead) {
    public LayerResult {
        if (ddrBytesRead < 0 || ddrBytesRead > ddrBytes) {
            throw new IllegalArgumentException(name + ": " + ddrBytesRead + " bytes read of " + ddrBytes + " in all");
        }
    }

    /** The part of {@code ddrBytes} written to DDR. */
    public long ddrBytesWritten() {
        return ddrBytes - ddrBytesRead;
    }

    /** What limits the layer: "memory" or "imbalance" when that takes ≥ 25 % of its time, else "compute". */
    public String bound() {
        if (macs == 0) {
            return "memory";
        }
        double mem = memoryPs / (double) latencyPs;
        double imb = imbalancePs / (double) latencyPs;
        if (mem < 0.25 && imb < 0.25) {
            return "compute";
        }
        return mem >= imb ? "memory" : "imbalance";
    }
}
