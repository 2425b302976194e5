package org.msqsim.models.exec;

import java.util.Optional;
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
 * @param fusedInto   for an element-wise layer fused into a convolution's output stage ({@code FusionSpec}),
 *                    that convolution's name: the layer then takes no time and moves no bytes of its own
 *                    (its traffic is the convolution's); empty when the layer ran on its own
 * @param portStallPs the part of the cores' compute time spent stalled on a buffer port narrower than
 *                    the array reads ({@code FeedStall}; issue 13 point 10): per GEMM the longer of the
 *                    two cores' stall time, summed over the layer's GEMMs; 0 when every port keeps up
 * @param outputStallPs the time the output stage's requantizer lanes alone held the layer (a store's DMA
 *                    done, its results still being requantized, with compute waiting for its buffer half
 *                    or done; on the depthwise engine, what the requantization takes beyond the engine's
 *                    compute and stream): not part of {@code memoryPs}; 0 when the lanes keep up
 */
public record LayerResult(String name, LayerKind kind, long latencyPs, long macs, long ddrBytes, long dspMacs,
                          long lutMacs, long memoryPs, long imbalancePs, long mismatches, long overflows,
                          long ddrBytesRead, Optional<String> fusedInto, long portStallPs, long outputStallPs) {
    /** A layer that ran on its own (not fused). */
    public LayerResult(String name, LayerKind kind, long latencyPs, long macs, long ddrBytes, long dspMacs,
                       long lutMacs, long memoryPs, long imbalancePs, long mismatches, long overflows,
                       long ddrBytesRead) {
        this(name, kind, latencyPs, macs, ddrBytes, dspMacs, lutMacs, memoryPs, imbalancePs, mismatches, overflows,
                ddrBytesRead, Optional.empty(), 0, 0);
    }

    /** A layer that ran on its own, {@code portStallPs} of its compute stalled on buffer ports. */
    public LayerResult(String name, LayerKind kind, long latencyPs, long macs, long ddrBytes, long dspMacs,
                       long lutMacs, long memoryPs, long imbalancePs, long mismatches, long overflows,
                       long ddrBytesRead, long portStallPs) {
        this(name, kind, latencyPs, macs, ddrBytes, dspMacs, lutMacs, memoryPs, imbalancePs, mismatches, overflows,
                ddrBytesRead, Optional.empty(), portStallPs, 0);
    }

    /** A layer that ran on its own, with port stalls and the output stage's hold. */
    public LayerResult(String name, LayerKind kind, long latencyPs, long macs, long ddrBytes, long dspMacs,
                       long lutMacs, long memoryPs, long imbalancePs, long mismatches, long overflows,
                       long ddrBytesRead, long portStallPs, long outputStallPs) {
        this(name, kind, latencyPs, macs, ddrBytes, dspMacs, lutMacs, memoryPs, imbalancePs, mismatches, overflows,
                ddrBytesRead, Optional.empty(), portStallPs, outputStallPs);
    }

    /** An element-wise layer fused into {@code producer}'s output stage: no time, no bytes of its own. */
    public static LayerResult fused(String name, LayerKind kind, long mismatches, String producer) {
        return new LayerResult(name, kind, 0, 0, 0, 0, 0, 0, 0, mismatches, 0, 0, Optional.of(producer), 0, 0);
    }

    public LayerResult {
        if (fusedInto == null) {
            throw new IllegalArgumentException(name + ": fusedInto is Optional.empty() for a layer that ran on its own");
        }
        if (ddrBytesRead < 0 || ddrBytesRead > ddrBytes) {
            throw new IllegalArgumentException(name + ": " + ddrBytesRead + " bytes read of " + ddrBytes + " in all");
        }
        if (portStallPs < 0 || portStallPs > latencyPs) {
            throw new IllegalArgumentException(name + ": " + portStallPs + " ps of port stalls in " + latencyPs + " ps");
        }
        if (outputStallPs < 0 || outputStallPs > latencyPs) {
            throw new IllegalArgumentException(name + ": " + outputStallPs + " ps of output-stage hold in " + latencyPs
                    + " ps");
        }
    }

    /** The part of {@code ddrBytes} written to DDR. */
    public long ddrBytesWritten() {
        return ddrBytes - ddrBytesRead;
    }

    /**
     * What limits the layer: "fused" for a layer fused into a convolution's output stage; "memory",
     * "imbalance", "ports" (the cores stalled on a buffer port narrower than they read) or "output" (the
     * output stage's requantizer lanes held it, {@code outputStallPs}) when that takes ≥ 25 % of its time
     * (the largest of the four), else "compute".
     */
    public String bound() {
        if (fusedInto.isPresent()) {
            return "fused";
        }
        if (macs == 0) {
            return "memory";
        }
        double mem = memoryPs / (double) latencyPs;
        double imb = imbalancePs / (double) latencyPs;
        double ports = portStallPs / (double) latencyPs;
        double output = outputStallPs / (double) latencyPs;
        if (mem < 0.25 && imb < 0.25 && ports < 0.25 && output < 0.25) {
            return "compute";
        }
        if (output > mem && output > imb && output > ports) {
            return "output";
        }
        if (ports > mem && ports > imb) {
            return "ports";
        }
        return mem >= imb ? "memory" : "imbalance";
    }
}
