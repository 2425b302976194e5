package org.msqsim.core.resource;

import java.util.LinkedHashMap;
import java.util.Map;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BufferSpec;
import org.msqsim.core.spec.DeviceSpec;
import org.msqsim.core.spec.FpgaFamily;
import org.msqsim.core.spec.FusionSpec;
import org.msqsim.core.spec.MemoryKind;
import org.msqsim.core.spec.PeArraySpec;

/**
 * The logic around the cores that the model used to leave unpriced (issue 13 point 7), each a named
 * component of {@link CostModel#accelerator}, all from {@link CostModel}'s primitives
 * (docs/cost-model.md "Output stage, interconnect, controller"):
 * <ul>
 *   <li>{@code requantization}: the output stage turns one column of {@code rows} accumulators per
 *       control cycle into activations (the board files' output buffers are sized for that: "16 × 4
 *       bit"), so by default it has {@code rows} lanes; a design may set its own
 *       ({@code fusion.lanes}, {@link #lanes}), and the timing holds every result to one per lane a
 *       control clock (docs/cost-model.md "Output stage lanes"). Per lane one DSP slice computes
 *       {@code acc·M + C} (UG479 / UG579: A×B+C in one slice; acc ≤ 25 bits on the A port, the 16-bit
 *       multiplier of msqsim's {@code Requant} on the 18-bit B port, C the channel's pre-scaled bias
 *       plus the rounding half), then fabric: a barrel shifter selecting {@code A + 1} bits of the
 *       {@value #P_BITS}-bit product over {@value #SHIFTS} shift amounts, an overflow detector (a
 *       thermometer mask of the shift, one LUT per product bit, and an OR tree of the masked bits, three
 *       bits and their masks per LUT6), and a clamp mux of A bits that also applies ReLU (the sign picks
 *       zero); A + 1 + A FF. The per-channel parameters (M 16 bits, shift 6, C 40: 62 bits, stored as
 *       64) of one m-tile, as many as the cores have output channels, double-buffered so the next
 *       tile's load overlaps: a BRAM table.</li>
 *   <li>{@code elementwise}: the add and pool units, fused into the output stage ({@link FusionSpec})
 *       or, unfused, the stream unit that runs the same layers from DDR: the same {@code rows} lanes
 *       either way. Add lane: msqsim's {@code Add} rescales both A-bit codes by 16-bit multipliers and
 *       sums them (two {@link CostModel#lutFixedProduct}(16, A), one registered adder of 16 + A + 1
 *       bits, the right shift by 16 being wiring), then the clamp mux with the ReLU (A LUT). Pool lane:
 *       {@value #POOL_WINDOWS_PER_PIXEL} comparators (a pixel falls in up to ceil(3/2)² = 4 windows of
 *       a 3×3/2 pool: a carry-chain comparator of A LUT, a 2:1 mux of A LUT and an A-bit register
 *       each). When pools are fused, the row buffer of partial maxima ({@code pool_buffer_kib}, one
 *       lane word {@code rows·A} bits wide); when adds are fused, a skip FIFO of two bursts
 *       ({@code 2·burst_bytes}, the same width) between the skip DMA and the adders. Unfused, the
 *       stream unit reads its windows from the input buffer (the line buffer), no row buffer.</li>
 *   <li>{@code axi_interconnect}: every DMA stream uses every AXI port ({@code DmaPorts}), so each
 *       port's read channel is shared by the three read streams (input, weights, skip) through a 3:1
 *       arbiter: the AR channel's {@value #AR_BITS} bits (32-bit address, 8-bit length, size, burst,
 *       cache, prot, id) through a 3:1 mux (one LUT per bit, UG474 4:1 mux) and a register slice
 *       ({@value #AR_BITS} FF), a round-robin arbiter ({@value #ARBITER_LUT} LUT), and the routing of
 *       read data back to its master by a {@value #ROUTE_DEPTH}-deep FIFO of 2-bit master numbers in
 *       SRL LUTs (2 LUT, 2 FF). The write channel has one master (the stores): no arbiter. PG059's
 *       crossbar tables (a full N×M crossbar) could not be read here; the arbiter is derived instead.</li>
 * </ul>
 */
final class OutputStageCost {
    /** Product of a 24-bit accumulator (at most 25 bits on the DSP's A port) and a 16-bit multiplier, with C. */
    static final int P_BITS = 40;
    /** Shift amounts of the requantizer: a 6-bit shift field, 0..63. */
    static final int SHIFTS = 64;
    /** Per-channel requantizer parameters: M 16 + shift 6 + C 40 bits, stored as one 64-bit word. */
    static final int PARAM_BITS = 64;
    /** Multiplier width of msqsim's add rescaling ({@code Add}: 16 fraction bits). */
    static final int ADD_MULTIPLIER_BITS = 16;
    /** Windows of a 3×3, stride-2 pool one pixel falls in: ceil(3/2)² (and 1 for 2×2/2). */
    static final int POOL_WINDOWS_PER_PIXEL = 4;
    /** AXI AR channel bits muxed per port: address 32, len 8, size 3, burst 2, cache 4, prot 3, id 2. */
    static final int AR_BITS = 54;
    /** A 3-way round-robin arbiter: a 2-bit pointer and its grant logic. */
    static final int ARBITER_LUT = 8;
    /** Outstanding read bursts tracked per port (PG059's default read acceptance is 4; twice that). */
    static final int ROUTE_DEPTH = 8;

    private final CostModel m;

    OutputStageCost(CostModel m) {
        this.m = m;
    }

    /** Output lanes of the output stage: the design's ({@link AcceleratorSpec#outputLanes()}). */
    static int lanes(AcceleratorSpec spec) {
        return spec.outputLanes();
    }

    /** Output channels one m-tile can have: the cores' columns times their lanes. */
    static int channels(AcceleratorSpec spec) {
        return spec.dspCore().map(c -> c.cols() * c.packing()).orElse(0) + spec.lutCore().map(PeArraySpec::cols).orElse(0);
    }

    Map<String, ResourceVector> parts(AcceleratorSpec spec, DeviceSpec device) {
        Map<String, ResourceVector> out = new LinkedHashMap<>();
        out.put("requantization", requantization(spec, device));
        out.put("elementwise", elementwise(spec, device));
        out.put("axi_interconnect", interconnect(spec));
        return out;
    }

    ResourceVector requantization(AcceleratorSpec spec, DeviceSpec device) {
        int a = spec.activationBits();
        ResourceVector lane = new ResourceVector(0, 0, 1, 0, 0)
                .plus(m.shifter(a + 1, SHIFTS))
                .plus(ResourceVector.ofLut(P_BITS + overflowTree(P_BITS), 0))
                .plus(m.mux(a, 2))
                .plus(ResourceVector.ofLut(0, 2L * a + 1));
        BufferSpec table = new BufferSpec("requant_parameters", 2L * channels(spec) * PARAM_BITS / 8, PARAM_BITS, 1,
                true, MemoryKind.BRAM);
        return lane.times(lanes(spec)).plus(m.buffer(table, device));
    }

    ResourceVector elementwise(AcceleratorSpec spec, DeviceSpec device) {
        FpgaFamily fam = device.family();
        int a = spec.activationBits();
        int lanes = lanes(spec);
        CostModel.Product p = m.lutFixedProduct(ADD_MULTIPLIER_BITS, a, fam);
        ResourceVector add = p.cost().times(2).plus(m.adder(ADD_MULTIPLIER_BITS + a + 1, fam, true))
                .plus(m.mux(a, 2));
        ResourceVector comparator = m.adder(a, fam).plus(m.mux(a, 2)).plus(ResourceVector.ofLut(0, a));
        ResourceVector pool = comparator.times(POOL_WINDOWS_PER_PIXEL);
        ResourceVector total = add.plus(pool).times(lanes);
        FusionSpec f = spec.fusion();
        int word = lanes * a;
        if (f.pool()) {
            total = total.plus(m.buffer(laneWide("pool_rows", f.poolBufferKib() * 1024L, word), device));
        }
        if (f.add()) {
            total = total.plus(m.buffer(laneWide("skip_fifo", 2L * spec.ddr().burstBytes(), word), device));
        }
        return total;
    }

    /**
     * A buffer one lane word ({@code lanes · A} bits) wide: one bank up to a buffer's widest word
     * ({@value #MAX_WORD_BITS} bits), else the fewest banks of equal width that carry the word.
     */
    static BufferSpec laneWide(String name, long bytes, int wordBits) {
        int banks = (wordBits + MAX_WORD_BITS - 1) / MAX_WORD_BITS;
        int width = (wordBits + banks - 1) / banks;
        return new BufferSpec(name, bytes, width, banks, false, MemoryKind.BRAM);
    }

    /** The widest word of one bank ({@code BufferSpec}: width_bits 1..4096). */
    static final int MAX_WORD_BITS = 4096;

    ResourceVector interconnect(AcceleratorSpec spec) {
        ResourceVector port = m.mux(AR_BITS, 3).plus(ResourceVector.ofLut(ARBITER_LUT + 2, AR_BITS + 2));
        return port.times(spec.ddr().ports().size());
    }

    /** LUTs of an OR over {@code bits} masked bits: three bits with their masks per LUT6, then 6-input ORs. */
    static long overflowTree(int bits) {
        long luts = 0;
        long level = CostModel.ceilDiv(bits, 3);
        luts += level;
        while (level > 1) {
            level = CostModel.ceilDiv(level, 6);
            luts += level;
        }
        return luts;
    }
}
