package org.msqsim.core.resource;

import java.util.LinkedHashMap;
import java.util.Map;
import org.msqsim.core.fixed.DspKind;
import org.msqsim.core.fixed.Sp2Format;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BufferSpec;
import org.msqsim.core.spec.DepthwiseEngineSpec;
import org.msqsim.core.spec.DeviceSpec;
import org.msqsim.core.spec.FpgaFamily;
import org.msqsim.core.spec.MacKind;
import org.msqsim.core.spec.MemoryKind;
import org.msqsim.core.spec.PeArraySpec;

/**
 * Prices every part of an MSQ accelerator in LUT, FF, DSP, RAMB18 and URAM from public component
 * data (facts/boards.md §4–§6), bottom-up: fabric primitives (adder, mux, barrel shifter), MACs
 * (LUT SP2 shift-adder, LUT fixed-point multiplier, DSP with 1/2/4 lanes), PE arrays with their
 * dataflow registers, buffers, and fixed overheads. The derivations are in {@code docs/cost-model.md}.
 *
 * <p>Counting rules, used everywhere:
 * <ul>
 *   <li>A LUT is a LUT6 (or one of the two outputs of a fractured LUT, which we never exploit: an
 *       upper bound by at most 2×, stated where it matters). Carry chains (CARRY4/CARRY8) and the
 *       wide muxes F7/F8 are dedicated slice logic and are not LUTs; the resource vector has no
 *       entry for them, so they cost nothing here ({@link #carryPrimitives} reports the count).</li>
 *   <li>A registered bit is one FF. DSP-internal registers (A/B/M/P) are not fabric FFs.</li>
 *   <li>Synthesis removes logic whose inputs are constant, so bits that are provably zero get no
 *       LUT (the SP2 adder below); the barrel-shifter formula is kept as facts §5 states it, an
 *       upper bound that ignores edge bits with fewer inputs.</li>
 * </ul>
 * The family changes only carry-chain counts and the DSP port widths, not LUT counts: a k-bit
 * adder needs k LUT6 on both 7-series and UltraScale+.
 *
 * <p>Immutable; thread-safe.
 */
public final class CostModel {

    private final CostConstants k;

    public CostModel(CostConstants constants) {
        if (constants == null) {
            throw new IllegalArgumentException("cost constants are required");
        }
        this.k = constants;
    }

    /** The model with {@link CostConstants#defaults()}. */
    public static CostModel defaults() {
        return new CostModel(CostConstants.defaults());
    }

    public CostConstants constants() {
        return k;
    }

    // ---------------------------------------------------------------- fabric primitives

    /**
     * A two-operand adder/subtractor of {@code bits} bits, combinational: one LUT per bit driving
     * the carry chain's propagate input (UG474 carry logic; facts §5). Its carry primitives,
     * {@code ceil(bits/4)} CARRY4 or {@code ceil(bits/8)} CARRY8, are not LUTs and count nothing.
     */
    public ResourceVector adder(int bits, FpgaFamily family) {
        return adder(bits, family, false);
    }

    /** As {@link #adder(int, FpgaFamily)}; registered adds one FF per output bit. */
    public ResourceVector adder(int bits, FpgaFamily family, boolean registered) {
        requirePositive(bits, "adder width");
        requireFamily(family);
        return ResourceVector.ofLut(bits, registered ? bits : 0);
    }

    /** CARRY4 (7-series) or CARRY8 (UltraScale+) primitives of a {@code bits}-bit carry chain. */
    public long carryPrimitives(int bits, FpgaFamily family) {
        requirePositive(bits, "carry chain width");
        requireFamily(family);
        return ceilDiv(bits, family.carryBits());
    }

    /**
     * A {@code inputs}:1 multiplexer {@code dataBits} wide. One LUT6 is a 4:1 mux; up to 16:1 the
     * slice's F7/F8 muxes join ceil(inputs/4) LUTs (UG474 "Multiplexers": 8:1 = 2 LUT, 16:1 = 4 LUT);
     * wider muxes add a further level on ceil(inputs/16) signals. UltraScale+ also has F9 (32:1 in
     * one CLB); we use the 7-series rule for both, which over-counts a 32:1 mux by one LUT.
     */
    public ResourceVector mux(int dataBits, int inputs) {
        requirePositive(dataBits, "mux width");
        requirePositive(inputs, "mux inputs");
        return ResourceVector.ofLut((long) dataBits * muxLuts(inputs), 0);
    }

    /**
     * A logarithmic barrel shifter producing {@code dataBits} output bits with {@code positions}
     * shift amounts: {@code dataBits · ceil(log_4 positions)} LUT6, a cascade of 4:1 stages each
     * steered by two bits of the shift amount (facts §5, derived from UG474's 4:1 mux = 1 LUT).
     * Example: 32 bits × 32 positions = 32 · 3 = 96 LUTs.
     */
    public ResourceVector shifter(int dataBits, int positions) {
        requirePositive(dataBits, "shifter width");
        requirePositive(positions, "shifter positions");
        return ResourceVector.ofLut((long) dataBits * stages(positions, k.muxInputsPerLut()), 0);
    }

    // ---------------------------------------------------------------- MACs

    /**
     * One LUT SP2 multiply-accumulate: product (see {@link #sp2Product}) then a registered
     * add/subtract accumulator of {@code accBits} in which the weight's sign is applied for free:
     * {@code acc ± p = acc + (p XOR s) + s}, the XOR taking one more input of the LUT that already
     * computes the propagate bit, the {@code + s} entering as the chain's carry-in.
     */
    public ResourceVector sp2Mac(int weightBits, int actBits, int accBits, FpgaFamily family) {
        Product p = sp2Product(weightBits, actBits, family);
        requireAccumulator(accBits, p.bits());
        return p.cost().plus(adder(accBits, family, true));
    }

    /**
     * The SP2 product {@code ±(a·2^(L−f1)·[f1≠0] + a·2^(L−f2)·[f2≠0])} of an unsigned activation,
     * registered, sign carried beside the magnitude. Derivation in docs/cost-model.md:
     * <ol>
     *   <li>term 1: a shifter of {@code A + L − 1} output bits with {@code 2^m1} positions (L shifts,
     *       the shift amount {@code L − f1} being {@code NOT f1}, plus the zero case f1 = 0 as one
     *       more mux input);</li>
     *   <li>term 2: likewise {@code A + 2^m2 − 2} bits, {@code 2^m2} positions; its smallest shift
     *       is the constant {@code L − 2^m2 + 1}, a wire. When {@code m2 = 1} term 2 is
     *       {@code a AND (f2 ≠ 0)}, which fits in the adder's LUT beside the term-1 bit (3 of 6
     *       inputs) and costs no LUT of its own;</li>
     *   <li>the add covers only the bits where both terms can be non-zero, {@code A + 2^m2 − 2}
     *       LUTs; bits below term 2's constant shift pass through, the top bit is the carry out;</li>
     *   <li>a register of {@code A + L + 1} bits (magnitude and sign) before the accumulator.</li>
     * </ol>
     */
    public Product sp2Product(int weightBits, int actBits, FpgaFamily family) {
        requireFamily(family);
        requirePositive(actBits, "activation width");
        Sp2Format f = Sp2Format.of(weightBits);
        int l = f.fractionBits();
        int s1 = 1 << f.m1();
        int s2 = 1 << f.m2();
        ResourceVector term1 = shifter(actBits + l - 1, s1);
        ResourceVector term2 = s2 == 2 ? ResourceVector.ZERO : shifter(actBits + s2 - 2, s2);
        ResourceVector add = adder(actBits + s2 - 2, family);
        int productBits = actBits + l + 1;
        return new Product(term1.plus(term2).plus(add).plus(ResourceVector.ofLut(0, productBits)), productBits);
    }

    /**
     * One LUT-built fixed-point multiply-accumulate: the multiplier from {@link #lutFixedProduct},
     * then a registered {@code accBits} accumulator (no negation: the product is already signed).
     */
    public ResourceVector lutFixedMac(int weightBits, int actBits, int accBits, FpgaFamily family) {
        Product p = lutFixedProduct(weightBits, actBits, family);
        requireAccumulator(accBits, p.bits());
        return p.cost().plus(adder(accBits, family, true));
    }

    /**
     * A LUT fixed-point multiplier, registered at {@code W + A} bits. Default: FINN-R's formula
     * {@code (2·ceil((W+A)/6) − 1)·(W+A)} LUTs per multiplier (facts §5) — the well-sourced public
     * one; Kida &amp; Sato's hand-optimised 4×4 (11 LUT) is a lower bound, used only on request.
     */
    public Product lutFixedProduct(int weightBits, int actBits, FpgaFamily family) {
        requireFamily(family);
        requirePositive(weightBits, "weight width");
        requirePositive(actBits, "activation width");
        int wa = weightBits + actBits;
        long luts = switch (k.lutMultiplier()) {
            case FINN_R -> (2L * ceilDiv(wa, k.lutInputs()) - 1) * wa;
            case HAND_OPTIMISED_4X4 -> {
                if (weightBits != 4 || actBits != 4) {
                    throw new IllegalArgumentException("the hand-optimised multiplier is 4×4 only, got "
                            + weightBits + "×" + actBits);
                }
                yield k.handOptimised4x4Luts();
            }
        };
        return new Product(ResourceVector.ofLut(luts, wa), wa);
    }

    /**
     * One isolated DSP multiply-accumulate computing {@code packing} products that share an
     * activation: the slice, the fabric beside it ({@link #dspSlice}) and, when packed, the lane
     * resolve ({@link PackedDspCost#resolve}: {@code packing} registered adders of {@code accBits}).
     * Packing 1 needs no fabric: P holds the sum. Inside an array the resolve is shared (once per
     * column or per PE, see {@link PeArrayCost}); this is what one MAC on its own needs.
     *
     * @throws IllegalArgumentException if FINN's layout cannot pack these widths, or the accumulator
     *                                  is wider than a lane result
     */
    public ResourceVector dspMac(int packing, int weightBits, int actBits, int accBits, DspKind dsp) {
        ResourceVector slice = dspSlice(packing, weightBits, actBits, accBits, dsp);
        return packing == 1 ? slice : slice.plus(packedDsp(packing, weightBits, actBits, accBits, dsp).resolve(accBits));
    }

    /** {@link #dspMac(int, int, int, int, DspKind)} with the packing and accumulator of a DSP array. */
    public ResourceVector dspMac(PeArraySpec array, int weightBits, int actBits, DspKind dsp) {
        requireKind(array, MacKind.DSP);
        return dspMac(array.packing(), weightBits, actBits, array.accumulatorBits(), dsp);
    }

    /**
     * The lane facts of a packed DSP ({@code packing} 2 or 4) as msqsim simulates it: result width,
     * deepest exact chain, carry-counter width; see {@link PackedDspCost}.
     */
    public PackedDspCost packedDsp(int packing, int weightBits, int actBits, DspKind dsp) {
        return PackedDspCost.of(packing, weightBits, actBits, dsp);
    }

    /**
     * The lane facts beside an accumulator of {@code accBits}: counters of FINN's widths, chains the
     * accumulator bounds ({@link PackedDspCost#of(int, int, int, DspKind, int)}); what arrays are priced with.
     */
    public PackedDspCost packedDsp(int packing, int weightBits, int actBits, int accBits, DspKind dsp) {
        return PackedDspCost.of(packing, weightBits, actBits, dsp, accBits);
    }

    /** As {@link #packedDsp(int, int, int, int, DspKind)} for chains of {@code chain} products (0: default). */
    PackedDspCost packedDsp(int packing, int weightBits, int actBits, int accBits, int chain, DspKind dsp) {
        return PackedDspCost.of(packing, weightBits, actBits, dsp, accBits, chain);
    }

    /**
     * One DSP slice and the fabric that must run beside it every cycle: nothing for packing 1, the
     * canary LUTs and carry counters of the upper lanes when packed. Validates the accumulator:
     * it holds a product and, when packed, is no wider than a lane result.
     */
    ResourceVector dspSlice(int packing, int weightBits, int actBits, int accBits, DspKind dsp) {
        return dspSlice(packing, weightBits, actBits, accBits, 0, dsp);
    }

    /** As {@link #dspSlice(int, int, int, int, DspKind)} for P chains of {@code chain} products (0: default). */
    ResourceVector dspSlice(int packing, int weightBits, int actBits, int accBits, int chain, DspKind dsp) {
        if (dsp == null) {
            throw new IllegalArgumentException("DSP kind is required");
        }
        if (packing != 1 && packing != 2 && packing != 4) {
            throw new IllegalArgumentException("DSP packing must be 1, 2 or 4, got " + packing);
        }
        requirePositive(weightBits, "weight width");
        requirePositive(actBits, "activation width");
        requireAccumulator(accBits, Math.min(weightBits + actBits, dsp.pBits()));
        ResourceVector slice = new ResourceVector(0, 0, 1, 0, 0);
        if (packing == 1) {
            return slice;
        }
        packedDsp(packing, weightBits, actBits, dsp).requireAccumulator(accBits);
        return slice.plus(packedDsp(packing, weightBits, actBits, accBits, chain, dsp).canaries());
    }

    // ---------------------------------------------------------------- arrays, buffers, overheads

    /** All PEs of an array with its dataflow registers; see {@link PeArrayCost}. */
    public ResourceVector peArray(PeArraySpec array, int weightBits, int actBits, FpgaFamily family) {
        return new PeArrayCost(this, array, weightBits, actBits, family).total();
    }

    /**
     * A depthwise engine ({@link DepthwiseEngineSpec}). Fixed-point lanes on DSP slices, from the DSP
     * primitives the DPU's IP formula {@code DWCV_DSP = par·ICP/4 + par·ICP/2} describes (Vitis-AI 2.0
     * DPU-TRD, dpuczdx8g_v3_4.gtcl; PG338 v3.4 Table 1 lists +48 DSP for B4096's 4 × 16 lanes):
     * <ul>
     *   <li>multipliers: two lanes' products per slice (WP486 packing of two ≤ 8-bit weights sharing
     *       nothing but the slice: the lanes are distinct channels, so the two products are formed in
     *       the two halves of a double-pumped slice, each packed 2-wide) — {@code ceil(lanes/4)}
     *       slices, each with the 2:1 operand mux per bit of a double-pumped slice
     *       ({@code 2·W + A} LUT);</li>
     *   <li>accumulators: DSP48 SIMD TWO24 mode, two 24-bit adders per slice (UG579 / UG479 "SIMD") —
     *       {@code ceil(lanes/2)} slices; the accumulator is therefore at most 24 bits;</li>
     *   <li>registers: each lane's operands ({@code W + A} FF); the lanes' outputs leave through the
     *       accumulator slices' P registers.</li>
     * </ul>
     * Fixed-point lanes on LUTs ({@code fixed_mac: lut_fixed}): each lane a {@link #lutFixedMac} at the
     * engine's accumulator width plus its operand registers. SP2 lanes: each an {@link #sp2Mac} (the SP2
     * core's shift-adder and registered accumulator) at {@link DepthwiseEngineSpec#sp2AccumulatorBits}
     * plus its operand registers. The engine's weight bank: {@code weight_bank_kib} of BRAM, one byte
     * per channel lane wide ({@code channels + sp2_channels} bytes, the DPU's ICP bytes). The line
     * buffer is the input buffer's, as the DPU's ALU reads the feature-map banks.
     */
    public ResourceVector depthwiseEngine(DepthwiseEngineSpec e, int weightBits, int actBits, DeviceSpec device) {
        if (e.accumulatorBits() > 24) {
            throw new IllegalArgumentException("depthwise_engine.accumulator_bits " + e.accumulatorBits()
                    + ": the engine accumulates in DSP SIMD TWO24 adders, at most 24 bits");
        }
        long lanes = e.lanes();
        ResourceVector regs = ResourceVector.ofLut(0, (lanes + e.sp2Lanes()) * (weightBits + actBits));
        ResourceVector fixed;
        if (e.fixedMac() == MacKind.DSP) {
            long multipliers = ceilDiv(lanes, 4);
            long accumulators = ceilDiv(lanes, 2);
            fixed = new ResourceVector(0, 0, multipliers + accumulators, 0, 0)
                    .plus(mux(2 * weightBits + actBits, 2).times(multipliers));
        } else {
            fixed = lutFixedMac(weightBits, actBits, e.accumulatorBits(), device.family()).times(lanes);
        }
        ResourceVector sp2 = e.hasSp2Lanes()
                ? sp2Mac(weightBits, actBits, e.sp2AccumulatorBits(weightBits), device.family()).times(e.sp2Lanes())
                : ResourceVector.ZERO;
        BufferSpec bank = new BufferSpec("depthwise_weights", (long) e.weightBankKib() * 1024,
                (e.channels() + e.sp2Channels()) * 8, 1, false, MemoryKind.BRAM);
        return fixed.plus(sp2).plus(regs).plus(buffer(bank, device));
    }

    /** RAMB18 or URAM blocks of a buffer; see {@link BufferCost}. */
    public ResourceVector buffer(BufferSpec buffer, DeviceSpec device) {
        return BufferCost.of(buffer, device);
    }

    /** Fixed costs, attachment inferred by {@link MemoryAttachment#infer}. */
    public Map<String, ResourceVector> overheads(AcceleratorSpec spec, DeviceSpec device) {
        return overheads(spec, device, MemoryAttachment.infer(spec, device));
    }

    /**
     * Fixed costs: {@code dma} (one AXI DMA/datamover per AXI port), {@code control} ({@link #controller}),
     * the output stage's {@code requantization} and {@code elementwise} units and the
     * {@code axi_interconnect} ({@link OutputStageCost}), and {@code memory_controller}: one MIG per memory
     * channel when the design instantiates them in the PL (a 7-series DDR3 MIG on 7-series parts, an
     * UltraScale+ DDR4 MIG at FINN's cost otherwise), FINN's HBM controller on HBM, zero for Zynq PS DDR.
     */
    public Map<String, ResourceVector> overheads(AcceleratorSpec spec, DeviceSpec device,
                                                 MemoryAttachment attachment) {
        if (spec == null || device == null || attachment == null) {
            throw new IllegalArgumentException("accelerator, device and memory attachment are required");
        }
        long ports = spec.ddr().ports().size();
        Map<String, ResourceVector> out = new LinkedHashMap<>();
        out.put("dma", new ResourceVector(k.dmaLutPerPort(), k.dmaFfPerPort(), 0, k.dmaBram18PerPort(), 0)
                .times(ports));
        out.put("control", controller(spec, device.family()));
        out.putAll(new OutputStageCost(this).parts(spec, device));
        out.put("memory_controller", switch (attachment) {
            case PS_DDR -> ResourceVector.ZERO;
            case PL_MIG -> (device.family() == FpgaFamily.SERIES7
                    ? new ResourceVector(k.mig7Lut(), k.mig7Ff(), 0, k.mig7Bram18(), 0)
                    : new ResourceVector(k.migLut(), k.migFf(), k.migDsp(), k.migBram18(), 0))
                    .times(spec.ddr().channels());
            case PL_HBM -> new ResourceVector(k.hbmLut(), k.hbmFf(), 0, k.hbmBram18(), 0);
        });
        return out;
    }

    /** Width of the controller's loop counters, bounds and DMA addresses. */
    private static final int CONTROL_BITS = 32;
    /** Loops of the tile loop nest the controller counts (n, m, k tiles; layer, group, stream step). */
    private static final int CONTROL_LOOPS = 6;
    /** 32-bit control/status registers of the host's AXI4-Lite slave (layer table base, sizes, start, status). */
    private static final int HOST_REGISTERS = 16;

    /**
     * The controller (docs/cost-model.md "Controller"): FINN-R's 300-LUT base for the sequencing FSM and
     * handshakes ({@code controllerLut}) and the loop nest's registers ({@code controllerFf}: six 32-bit
     * counters and six bounds), plus what those constants leave out, from the primitives:
     * the counters' increment adders and their end-of-loop comparators ({@value #CONTROL_LOOPS} × (32 +
     * 32) LUT); one address generator per DMA stream (input, weights, skip, output: a registered 32-bit
     * address adder and a registered 32-bit remaining-length counter each); and the host's AXI4-Lite
     * register file ({@value #HOST_REGISTERS} × 32 FF, read through a 16:1 mux of 32 bits).
     */
    public ResourceVector controller(AcceleratorSpec spec, FpgaFamily family) {
        ResourceVector base = ResourceVector.ofLut(k.controllerLut(), k.controllerFf());
        ResourceVector loops = adder(CONTROL_BITS, family).times(2L * CONTROL_LOOPS);
        ResourceVector streams = adder(CONTROL_BITS, family, true).times(2L * 4);
        ResourceVector host = mux(CONTROL_BITS, HOST_REGISTERS).plus(ResourceVector.ofLut(0,
                (long) HOST_REGISTERS * CONTROL_BITS));
        return base.plus(loops).plus(streams).plus(host);
    }

    /** Width of the line buffer's address counters and adders: 16 bits index any row, column or channel. */
    private static final int ADDRESS_BITS = 16;

    /**
     * The line buffer's logic (docs/cost-model.md "Line buffer"): the input buffer holds feature-map
     * rows with their halo and this expands them into the im2col columns the array reads. An address
     * generator: five registered loop counters (channel, window row, window column, output row, output
     * column) and two registered address adders (input row {@code oy·stride − pad + ky}, column
     * likewise), {@code ADDRESS_BITS} each; four comparators (a carry chain each, one LUT per bit) that
     * zero the taps in the padding; two registered row-base accumulators of {@code ADDRESS_BITS + 4}
     * bits that replace the {@code (c·H + iy)·W} multiplications. And a word aligner: the
     * {@code rows} activations one cycle feeds (one per output pixel) start anywhere in a buffer word,
     * so two words are read (the second registered, {@code rows·A} FF) and a barrel shifter of
     * {@code rows·A} bits over {@code rows} positions selects them.
     */
    public ResourceVector lineBuffer(AcceleratorSpec spec, FpgaFamily family) {
        int rows = Math.max(spec.dspCore().map(PeArraySpec::rows).orElse(0),
                spec.lutCore().map(PeArraySpec::rows).orElse(0));
        int word = rows * spec.activationBits();
        ResourceVector agu = adder(ADDRESS_BITS, family, true).times(7)
                .plus(adder(ADDRESS_BITS, family, false).times(4))
                .plus(adder(ADDRESS_BITS + 4, family, true).times(2));
        return agu.plus(shifter(word, rows)).plus(ResourceVector.ofLut(0, word));
    }

    /** Total and per-component cost, memory attachment inferred. */
    public CostBreakdown accelerator(AcceleratorSpec spec, DeviceSpec device) {
        return accelerator(spec, device, MemoryAttachment.infer(spec, device));
    }

    /**
     * Total and per-component cost: {@code dsp_core, lut_core, input_buffer, weight_buffer,
     * output_buffer, line_buffer, dma, control, memory_controller} (an absent core costs zero).
     */
    public CostBreakdown accelerator(AcceleratorSpec spec, DeviceSpec device, MemoryAttachment attachment) {
        if (spec == null || device == null) {
            throw new IllegalArgumentException("accelerator and device are required");
        }
        FpgaFamily fam = device.family();
        int w = spec.weightBits();
        int a = spec.activationBits();
        Map<String, ResourceVector> parts = new LinkedHashMap<>();
        parts.put("dsp_core", spec.dspCore().map(c -> peArray(c, w, a, fam)).orElse(ResourceVector.ZERO));
        parts.put("lut_core", spec.lutCore().map(c -> peArray(c, w, a, fam)).orElse(ResourceVector.ZERO));
        spec.depthwiseEngine().ifPresent(e -> parts.put("depthwise_engine", depthwiseEngine(e, w, a, device)));
        parts.put("input_buffer", buffer(spec.inputBuffer(), device));
        parts.put("weight_buffer", buffer(spec.weightBuffer(), device));
        parts.put("output_buffer", buffer(spec.outputBuffer(), device));
        parts.put("line_buffer", lineBuffer(spec, fam));
        parts.putAll(overheads(spec, device, attachment));
        return CostBreakdown.of(parts);
    }

    /** Used against available, each excess named (ResourceVector#overSubscribed). */
    public FitReport fit(AcceleratorSpec spec, DeviceSpec device) {
        return FitReport.of(accelerator(spec, device).total(), device);
    }

    /**
     * As {@link #fit}, but against the timing-closure ceilings of {@link CostConstants} (FINN: LUT 70 %,
     * FF 50 %, BRAM 80 %, URAM 80 %, DSP 80 %), all five applied.
     */
    public FitReport fitWithinCeilings(AcceleratorSpec spec, DeviceSpec device) {
        return FitReport.withCeilings(accelerator(spec, device).total(), device, k);
    }

    // ---------------------------------------------------------------- helpers

    /** A product ahead of an accumulator: its cost (registered) and its width at the register. */
    public record Product(ResourceVector cost, int bits) {
    }

    static int stages(int positions, int radix) {
        int stages = 0;
        for (long p = 1; p < positions; p *= radix) {
            stages++;
        }
        return stages;
    }

    long muxLuts(int inputs) {
        if (inputs <= 1) {
            return 0;
        }
        int perLut = k.muxInputsPerLut();
        long first = ceilDiv(inputs, perLut);
        int perSlice = perLut * 4; // F7/F8 join four LUTs of one slice (UG474): 16:1 with 4:1 LUTs
        return inputs > perSlice ? first + muxLuts((int) ceilDiv(inputs, perSlice)) : first;
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    static void requirePositive(int v, String what) {
        if (v <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + v);
        }
    }

    private static void requireFamily(FpgaFamily family) {
        if (family == null) {
            throw new IllegalArgumentException("FPGA family is required");
        }
    }

    private static void requireAccumulator(int accBits, int productBits) {
        if (accBits < productBits || accBits > 64) {
            throw new IllegalArgumentException("accumulator of " + accBits + " bits cannot hold a "
                    + productBits + "-bit product (needs " + productBits + "..64 bits)");
        }
    }

    static void requireKind(PeArraySpec array, MacKind kind) {
        if (array == null || array.mac() != kind) {
            throw new IllegalArgumentException("expected a " + kind + " array, got "
                    + (array == null ? null : array.mac()));
        }
    }
}
