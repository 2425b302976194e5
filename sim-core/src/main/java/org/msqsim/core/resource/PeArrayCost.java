package org.msqsim.core.resource;

import org.msqsim.core.fixed.PackedDspMac;
import org.msqsim.core.spec.Dataflow;
import org.msqsim.core.spec.FpgaFamily;
import org.msqsim.core.spec.MacKind;
import org.msqsim.core.spec.PeArraySpec;

/**
 * Cost of one PE array: its multipliers, accumulators and the registers its dataflow needs. A
 * "PE" is one multiplier site (a DSP slice carrying {@code packing} lanes, or one LUT MAC). A packed
 * DSP PE is priced as msqsim simulates it ({@link PackedDspCost}): canary LUTs and carry counters
 * beside every slice, the lanes summed in P, and the lane resolve shared as late as the dataflow
 * allows.
 *
 * <ul>
 *   <li><b>Output-stationary systolic</b>: each PE holds its accumulator and passes the activation
 *       right ({@code A} FF) and the weights down ({@code packing·W} FF). Its drain follows the
 *       spec's {@code drain} option ({@link #drain}): <b>in place</b>, the output registers shift
 *       down through themselves while the array idles ({@code hw.compute.ArrayTiming}: an OS fold
 *       is {@code k + 2r + c − 2} cycles), so a LUT PE's drain mux folds into its accumulator's
 *       LUT6_2 and a DSP PE's P shifts down the cascade; <b>overlapped</b>, a fabric shadow register
 *       per output register takes the fold's results and shifts them out while the next fold
 *       computes, and each column lane adds them into the outputs' running sums.
 *       <ul>
 *         <li>DSP PEs drain P down the DSP cascade in place: each slice's PCOUT feeds the PCIN of the
 *             slice below in the column, and during the drain the dynamic OPMODE selects Z = PCIN, X = Y
 *             = 0 (and W = 0 on DSP48E2), so P ← PCIN (UG479 DSP48E1 / UG579 DSP48E2: P cascade and
 *             OPMODE). Dedicated routing, no LUT or FF. The cascade cannot carry the drain while P
 *             accumulates the next fold, which is why the overlapped drain needs fabric shadows.</li>
 *         <li>A packed DSP PE also holds its {@code p − 1} carry counters in fabric
 *             ({@link PackedDspCost#counterBits()}); in place each counter register shifts to the PE
 *             below, as P does: a 2:1 mux per bit (1 LUT). The lanes are resolved once per column,
 *             at the bottom ({@code p} registered {@code accBits} adders per column).</li>
 *       </ul>
 *       This assumes each array column is placed as one DSP cascade chain (one physical DSP column,
 *       not crossing an SLR); the model does not check {@code rows} against the part's geometry.</li>
 *   <li><b>Weight-stationary systolic</b>: each PE holds its weights twice (active and the shadow
 *       being loaded for the next tile, {@code 2·packing·W} FF) and passes the activation right
 *       ({@code A} FF); the partial sum flowing down is the MAC's own registered adder (LUT MACs)
 *       or the PCIN cascade (DSP), already counted in the MAC. Packed DSP columns resolve their
 *       lanes once, at the bottom, as in OS.</li>
 *   <li><b>Vector PEs</b> (V input-channel lanes, {@code PeArraySpec#vectorLanes}) in either systolic
 *       dataflow: V multipliers per PE reduced into its one accumulator — on a DSP core V slices
 *       (V/2 when double-pumped, plus a 2:1 operand mux per bit) summing in the P cascade, on a LUT
 *       core V products, a registered adder tree and one accumulator; the moving registers carry
 *       V activations and V·p weights. DSP output accumulators ({@code dsp_accumulators}, the DPU's
 *       high DSP usage) add {@link PeArraySpec#accumulatorSlices()} slices.</li>
 *   <li><b>Dot-product</b> (FINN MVAU style): {@code cols} PEs each reduce {@code rows} products.
 *       LUT lanes have multipliers only, then a registered binary adder tree and one accumulator
 *       per PE; DSP lanes sum in the DSP cascade (PCIN/PCOUT) and accumulate in the last slice's
 *       P; packed slices each carry their canary fabric and the lanes are resolved once per PE.
 *       The activation vector is registered once for the array ({@code rows·A} FF, broadcast) and
 *       each PE registers its weights ({@code rows·packing·W} FF). SP2 lanes apply the sign by XOR
 *       in the first tree level's LUTs (an input each, fused) and add the {@code +1}s of the
 *       negations as a popcount of the sign bits, one more tree input; the popcount itself is an
 *       adder tree of 1-bit inputs.</li>
 * </ul>
 */
final class PeArrayCost {
    private final CostModel model;
    private final PeArraySpec a;
    private final int w;
    private final int act;
    private final FpgaFamily fam;

    PeArrayCost(CostModel model, PeArraySpec array, int weightBits, int actBits, FpgaFamily family) {
        if (array == null || family == null) {
            throw new IllegalArgumentException("array and family are required");
        }
        CostModel.requirePositive(weightBits, "weight width");
        CostModel.requirePositive(actBits, "activation width");
        this.model = model;
        this.a = array;
        this.w = weightBits;
        this.act = actBits;
        this.fam = family;
    }

    ResourceVector total() {
        return a.dataflow() == Dataflow.DOT_PRODUCT ? dotProduct() : systolic();
    }

    private ResourceVector systolic() {
        long pes = (long) a.rows() * a.cols();
        int v = a.vectorLanes();
        int acc = a.accumulatorBits();
        ResourceVector mac = switch (a.mac()) {
            // V/pump slices per PE; the cascade (PCOUT→PCIN) sums the lanes inside P, no fabric
            case DSP -> model.dspSlice(a.packing(), w, act, acc, chain(), fam.dsp()).times(v / pump())
                    .plus(doublePumpMux().times(v / pump()));
            case LUT_SP2 -> v == 1 ? model.sp2Mac(w, act, acc, fam) : lutVectorPe();
            case LUT_FIXED -> v == 1 ? model.lutFixedMac(w, act, acc, fam) : lutVectorPe();
        };
        PackedDspCost packed = packed();
        ResourceVector regs;
        if (a.dataflow() == Dataflow.OUTPUT_STATIONARY) {
            regs = ResourceVector.ofLut(0, (long) v * act + (long) v * a.packing() * w).plus(drain(packed));
        } else {
            regs = ResourceVector.ofLut(0, (long) v * act + 2L * v * a.packing() * w);
        }
        ResourceVector columns = packed == null ? ResourceVector.ZERO : packed.resolve(acc).times(a.cols());
        if (a.overlappedDrain()) { // each column lane adds its results into the outputs' running sums
            columns = columns.plus(model.adder(acc, fam, true).times((long) a.cols() * a.packing()));
        }
        return mac.plus(regs).times(pes).plus(columns).plus(vectorAccumulators()).plus(setBoundaryMuxes());
    }

    /**
     * Column sets ({@link PeArraySpec#setsFor}, docs/cost-model.md "Column sets"): at each of the N − 1
     * slice boundaries every row's boundary PE takes its V activations either from its left neighbour
     * or from the row's stream for the set starting there — a 2:1 mux per activation bit in front of
     * the activation register it already has ({@code CostModel#mux}: one LUT6 per bit, UG474). The
     * weights fan out to every set along the top edge (wires, no logic) and each column drains its own
     * results as before, so nothing else changes in the array; the wider input-buffer port is the
     * buffer's ({@code BufferCost}).
     */
    private ResourceVector setBoundaryMuxes() {
        long boundaries = (long) a.rows() * (a.columnSets() - 1);
        return boundaries == 0 ? ResourceVector.ZERO : model.mux(a.vectorLanes() * act, 2).times(boundaries);
    }

    /**
     * An output-stationary PE's drain (docs/cost-model.md "Drain").
     *
     * <p><b>In place</b>: the output registers shift down through themselves. A LUT PE's accumulator
     * bit i is one LUT6_2 on the carry chain; its drain mux folds into it — O6 (propagate) =
     * drain ? above_i : acc_i ⊕ p_i ⊕ s, O5 (the chain's DI) = drain ? 0 : acc_i, carry-in 0 while
     * draining (the product register is cleared by its synchronous reset), so the chain passes above_i
     * to the register: 5 shared inputs, no LUT or FF of its own. A vector DSP PE's fabric accumulators
     * do the same; P and DSP accumulator slices shift down the PCOUT→PCIN cascade (OPMODE Z = PCIN);
     * a packed slice's carry counters take a 2:1 mux per bit (1 LUT) in front of their own register.
     *
     * <p><b>Overlapped</b>: a shadow register per output register, loaded with the fold's last sum
     * or from the shadow above (a 2:1 mux per bit: 1 LUT + 1 FF); the accumulator restarts from zero
     * at the next fold's first MAC, which folds into its adder LUT (acc_i AND NOT first: 4 inputs) or
     * is the DSP's dynamic OPMODE (Z = 0). Shadow bits per PE: a scalar PE's accumulator (P read
     * through the declared width: accBits); a packed scalar slice's whole P and its counters (the
     * lanes are resolved at the column foot, from the shadows); a vector PE's p output accumulators
     * (p·accBits), whose packed counters keep their in-place charge. Each shadow keeps a valid bit
     * and the fold's parity and shifts only while the one above holds a result of the fold being
     * drained: 2 FF and 1 LUT per PE. The running-sum adders at the column foot are in {@link #systolic}.
     */
    private ResourceVector drain(PackedDspCost packed) {
        int v = a.vectorLanes();
        int acc = a.accumulatorBits();
        long counters = packed == null ? 0 : packed.counterBits() * (v / pump());
        if (!a.overlappedDrain()) {
            return a.mac() == MacKind.DSP ? ResourceVector.ofLut(counters, 0) : ResourceVector.ZERO;
        }
        long shadowBits;
        if (v > 1) {
            shadowBits = (long) a.packing() * acc;
        } else if (packed != null) {
            shadowBits = fam.dsp().pBits() + packed.counterBits();
        } else {
            shadowBits = acc;
        }
        ResourceVector vectorCounters = v > 1 ? ResourceVector.ofLut(counters, 0) : ResourceVector.ZERO;
        return ResourceVector.ofLut(shadowBits + 1, shadowBits + 2).plus(vectorCounters);
    }

    /**
     * Where a vector DSP PE accumulates: its cascade sums the V lanes of one clock, and the running
     * sum lives outside it — in DSP slices of their own with {@code dsp_accumulators} (the DPU's high
     * DSP usage: "DSPs multiply and accumulate", PG338 Table 9), else in fabric, one registered adder
     * of the accumulator width per filter lane of each PE (the DPU's low DSP usage: "DSPs multiply
     * only"). A scalar DSP PE accumulates in its own P (above); a LUT PE's accumulator is in its MAC.
     */
    private ResourceVector vectorAccumulators() {
        if (a.mac() != MacKind.DSP) {
            return ResourceVector.ZERO;
        }
        if (a.dspAccumulators()) {
            return new ResourceVector(0, 0, a.accumulatorSlices(), 0, 0);
        }
        if (a.vectorLanes() == 1) {
            return ResourceVector.ZERO;
        }
        long sites = (long) (a.dataflow() == Dataflow.OUTPUT_STATIONARY ? a.rows() : 1) * a.cols() * a.packing();
        return model.adder(a.accumulatorBits(), fam, true).times(sites);
    }

    /** Lanes per DSP slice: 2 when double-pumped. */
    private int pump() {
        return a.doublePumped() ? 2 : 1;
    }

    /**
     * The fabric a double-pumped slice needs beside it: operands arrive at the fabric clock for two
     * lanes, and the slice takes one lane's in each half of the cycle, so each of its operand bits —
     * the {@code packing} weights and the activation — passes a 2:1 mux steered by the fast clock's
     * phase (one LUT6 per bit, UG474 "Multiplexers"). The slice's own A/B/P registers run at the fast
     * clock (UG579); the fabric reads the cascade's P at the slow edge, a two-cycle path of the fast
     * clock with no register of its own. Nothing when single-pumped.
     */
    private ResourceVector doublePumpMux() {
        return a.doublePumped() ? model.mux((int) ((long) a.packing() * w + act), 2) : ResourceVector.ZERO;
    }

    /**
     * A vector LUT PE: V fabric multipliers, a registered adder tree over their products (SP2: the
     * sign applied by XOR in the first level and the negations' {@code +1}s added as a popcount, one
     * more tree input, as in the dot-product PE below) and one registered accumulator.
     */
    private ResourceVector lutVectorPe() {
        int v = a.vectorLanes();
        CostModel.Product p = a.mac() == MacKind.LUT_SP2
                ? model.sp2Product(w, act, fam) : model.lutFixedProduct(w, act, fam);
        ResourceVector tree = a.mac() == MacKind.LUT_SP2
                ? adderTree(v + 1, p.bits()).plus(adderTree(v, 1)) : adderTree(v, p.bits());
        return p.cost().times(v).plus(tree).plus(model.adder(a.accumulatorBits(), fam, true));
    }

    private ResourceVector dotProduct() {
        int rows = a.rows();
        int acc = a.accumulatorBits();
        ResourceVector perPe;
        if (a.mac() == MacKind.DSP) {
            PackedDspCost packed = packed();
            perPe = model.dspSlice(a.packing(), w, act, acc, fam.dsp()).times(rows)
                    .plus(packed == null ? ResourceVector.ZERO : packed.resolve(acc));
        } else {
            CostModel.Product p = a.mac() == MacKind.LUT_SP2
                    ? model.sp2Product(w, act, fam) : model.lutFixedProduct(w, act, fam);
            ResourceVector lanes = p.cost().times(rows);
            ResourceVector tree;
            if (a.mac() == MacKind.LUT_SP2) {
                tree = adderTree(rows + 1, p.bits()).plus(adderTree(rows, 1));
            } else {
                tree = adderTree(rows, p.bits());
            }
            perPe = lanes.plus(tree).plus(model.adder(acc, fam, true));
        }
        ResourceVector weightRegs = ResourceVector.ofLut(0, (long) rows * a.packing() * w);
        ResourceVector activationRegs = ResourceVector.ofLut(0, (long) rows * act * a.columnSets());
        return perPe.plus(weightRegs).times(a.cols()).plus(activationRegs).plus(dotSetMuxes())
                .plus(new ResourceVector(0, 0, a.accumulatorSlices(), 0, 0));
    }

    /**
     * Column sets on a dot-product array (docs/core-organisations.md "Column sets on dot-product
     * arrays"): N input-vector registers of {@code rows·A} bits (one per stream, counted above) and, in
     * front of each slice σ = 1 … N − 1's vector register, a mux of the streams that slice can take: its
     * own (every slice starts a set when s = N) and the first slice of each larger set containing it —
     * σ rounded down to multiples of 2, 4, … N slices, a new value for each set bit of σ, so
     * {@code 1 + popcount(σ)} inputs (N = 4: 2, 2, 3; {@code CostModel#mux}: one LUT6 per bit up to 4
     * inputs, UG474 "Multiplexers"). Slice 0 always takes stream 0. The weights
     * need no mux: the loader writes each group's weights into the bank of every set's column
     * (replication at load, the write data bus is common to the banks; only the write enables differ).
     */
    private ResourceVector dotSetMuxes() {
        int n = a.columnSets();
        ResourceVector total = ResourceVector.ZERO;
        for (int slice = 1; slice < n; slice++) {
            int inputs = 1 + Integer.bitCount(slice); // own stream + one per set bit (each a larger set's start)
            total = total.plus(model.mux(a.rows() * act, inputs));
        }
        return total;
    }

    /** The packed-DSP lane facts, or null for LUT MACs and unpacked DSPs. */
    private PackedDspCost packed() {
        return a.mac() == MacKind.DSP && a.packing() > 1
                ? model.packedDsp(a.packing(), w, act, a.accumulatorBits(), chain(), fam.dsp()) : null;
    }

    /**
     * Products a packed slice's P chain takes before its lanes are resolved, which decides its layout
     * (guard bits when they hold the chain, {@code PackedDspMac#forChain}) and sizes its carry
     * counters otherwise ({@link PackedDspCost}): a weight-stationary column's {@code rows·V} (the
     * column is the chain); elsewhere the chain the simulated kernel takes by default, the accumulator's bound in
     * whole clocks of V products ({@code PackedDspMac#chainOf}).
     */
    private int chain() {
        if (a.mac() != MacKind.DSP || a.packing() == 1) {
            return 0;
        }
        if (a.dataflow() == Dataflow.WEIGHT_STATIONARY) {
            return a.rows() * a.vectorLanes();
        }
        try {
            return new PackedDspMac(fam.dsp(), w, act, false, a.packing(), true).chainOf(a.accumulatorBits(),
                    a.vectorLanes());
        } catch (IllegalArgumentException e) {
            return 0; // widths FINN's layout cannot pack: the slice's own check names them
        }
    }

    /**
     * A registered binary adder tree over {@code inputs} operands of {@code bits} bits: each level
     * pairs operands into adders one bit wider; an odd operand is registered through to the next
     * level (FF only). Compare FINN-R's {@code (W+A)·(2·SIMD − 1)} LUTs, which counts a tree at the
     * product width plus the multiplier-width term.
     */
    ResourceVector adderTree(int inputs, int bits) {
        ResourceVector sum = ResourceVector.ZERO;
        int n = inputs;
        int width = bits;
        while (n > 1) {
            int pairs = n / 2;
            sum = sum.plus(model.adder(width + 1, fam, true).times(pairs));
            if (n % 2 == 1) {
                sum = sum.plus(ResourceVector.ofLut(0, width));
            }
            n = pairs + n % 2;
            width++;
        }
        return sum;
    }
}
