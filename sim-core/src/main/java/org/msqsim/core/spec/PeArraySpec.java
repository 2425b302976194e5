package org.msqsim.core.spec;

/**
 * One PE array (a GEMM core).
 *
 * <p><b>Vector PEs.</b> A systolic PE may hold {@code vectorLanes} = V lanes of input channels: each
 * clock it multiplies V activations by V weights (of each of its {@code packing} filters) and
 * reduces the V products into its one accumulator — through an adder tree on a LUT core, through the
 * DSP48 cascade (PCOUT→PCIN) on a DSP core. An R×C array of such PEs computes R output pixels × C·p
 * output channels × V input channels per clock: the PP × OCP × ICP parallelism of the Xilinx DPU
 * (PG338 Table 8) and of most HLS accelerators (the Tm × Tn unrolling of Zhang et al., FPGA 2015).
 * A dot-product array already reduces {@code rows} lanes per PE, so it keeps V = 1.
 *
 * <p><b>Double-pumped DSPs.</b> With {@code doublePumped}, the DSP slices run at twice the array's
 * (fabric) clock, as the DPU's {@code dpu_2x_clk} (Vitis AI DPU docs, "clocking") and CHaiDNN do:
 * operands are delivered at the fabric clock, two lanes share a slice — it takes one lane's product
 * in each half of the fabric cycle — so a PE of V lanes needs V/2 slices for the same products per
 * fabric cycle. The timing is the fabric clock's; the cost model prices the operand multiplexers.
 *
 * <p><b>DSP accumulators.</b> With {@code dspAccumulators}, each output accumulator of a DSP core is a
 * DSP slice of its own (the DPU's "high DSP usage": DSPs multiply and accumulate, PG338 Table 9)
 * instead of a fabric adder. The simulated arithmetic is the declared accumulator's either way, which
 * is exact for a wrapping accumulator (every shipped design); with SATURATE the simulation clamps a
 * packed lane once per P chain, where a fabric accumulator taking one cascade sum per clock would
 * clamp per clock.
 *
 * <p><b>Column sets</b> (docs/cost-model.md "Column sets"). A layer tile of G = ⌈m/p⌉ filter groups
 * leaves C − G columns idle in every fold when G &lt; C. With {@code columnSets} = N &gt; 1, the columns
 * are cut into N slices of {@code ⌊C/N⌋} columns; at each of the N − 1 slice boundaries every row has a
 * 2:1 multiplexer in front of the boundary PE's activation register that takes either its left
 * neighbour's activation (no split there) or its own activation stream from the input buffer. A tile
 * then runs on s sets ({@link #setsFor}), s the largest power of two ≤ N whose sets, {@code ⌊C/N⌋·N/s}
 * columns wide, hold its G groups: each set computes the same G groups (their weights fanned out
 * along the top edge) for pixels of its own, so one fold covers up to s·R pixels (output-stationary)
 * or each set streams n/s pixels (weight-stationary). The fixed, nested boundaries keep each mux 2:1;
 * letting sets start at any column (width G for every G) would need a stream crossbar at every column.
 * Applies to every dataflow and drain: with the overlapped drain the sets share the controller's fold
 * starts; a dot-product array splits its ragged last group fold, each set's PEs taking their own
 * input vector (docs/core-organisations.md "Column sets on dot-product arrays").
 *
 * @param name            e.g. {@code dsp_core}
 * @param mac             what multiplies
 * @param dataflow        how the array maps a GEMM
 * @param rows            PE rows (systolic) or SIMD lanes per PE (dot-product)
 * @param cols            PE columns (systolic) or PEs (dot-product)
 * @param packing         products per multiplier per cycle sharing one activation: 1, 2 or 4 for
 *                        DSP (WP486 / FINN packing), 1 for LUT MACs
 * @param clockHz         the array's (fabric) clock
 * @param accumulatorBits width of each PE's accumulator
 * @param vectorLanes     input-channel lanes per PE (V), 1 for a scalar PE
 * @param doublePumped    DSP slices at twice {@code clockHz}, two lanes per slice
 * @param dspAccumulators output accumulators in DSP slices rather than fabric (DSP cores only)
 * @param drain           how an output-stationary array drains its folds ({@link Drain}); IN_PLACE
 *                        for the other dataflows
 * @param columnSets      the most column sets N the array can split into (1: no split; a power of
 *                        two): see "Column sets" above
 */
public record PeArraySpec(String name, MacKind mac, Dataflow dataflow, int rows, int cols, int packing,
                          long clockHz, int accumulatorBits, int vectorLanes, boolean doublePumped,
                          boolean dspAccumulators, Drain drain, int columnSets) {
    /** The most input-channel lanes a PE may hold (the DPU's widest ICP is 16). */
    public static final int MAX_VECTOR_LANES = 64;

    public PeArraySpec {
        Specs.require(name != null && !name.isBlank(), "core.name", name, "is required");
        Specs.require(mac != null, name + ".mac", mac, "is required");
        Specs.require(dataflow != null, name + ".dataflow", dataflow, "is required");
        Specs.require(rows > 0 && rows <= 4096, name + ".rows", rows, "must be 1..4096");
        Specs.require(cols > 0 && cols <= 4096, name + ".cols", cols, "must be 1..4096");
        Specs.require(mac == MacKind.DSP ? packing == 1 || packing == 2 || packing == 4 : packing == 1,
                name + ".packing", packing, mac == MacKind.DSP ? "must be 1, 2 or 4" : "must be 1 for LUT MACs");
        Specs.require(clockHz > 0 && clockHz <= 1_000_000_000L, name + ".clock_mhz", clockHz,
                "must be in (0, 1000] MHz");
        Specs.require(accumulatorBits >= 8 && accumulatorBits <= 48, name + ".accumulator_bits", accumulatorBits,
                "must be 8..48");
        Specs.require(vectorLanes >= 1 && vectorLanes <= MAX_VECTOR_LANES, name + ".vector_lanes", vectorLanes,
                "must be 1.." + MAX_VECTOR_LANES);
        Specs.require(vectorLanes == 1 || dataflow != Dataflow.DOT_PRODUCT, name + ".vector_lanes", vectorLanes,
                "must be 1 for a dot_product array (its rows are already the lanes each PE reduces)");
        Specs.require(!doublePumped || mac == MacKind.DSP, name + ".double_pumped", true,
                "applies to DSP slices only");
        Specs.require(!doublePumped || vectorLanes % 2 == 0, name + ".double_pumped", true,
                "needs an even number of vector_lanes (two lanes share each slice), got " + vectorLanes);
        Specs.require(!doublePumped || 2 * clockHz <= 1_000_000_000L, name + ".clock_mhz", clockHz,
                "must be at most 500 MHz when double-pumped (the slices run at twice it)");
        Specs.require(!dspAccumulators || mac == MacKind.DSP, name + ".dsp_accumulators", true,
                "applies to DSP cores only");
        Specs.require(!dspAccumulators || vectorLanes > 1, name + ".dsp_accumulators", true,
                "needs vector_lanes > 1: a scalar or dot-product DSP PE accumulates in its own P");
        Specs.require(drain != null, name + ".drain", drain, "is required");
        Specs.require(drain != Drain.OVERLAPPED || dataflow == Dataflow.OUTPUT_STATIONARY, name + ".drain",
                "overlapped", "applies to output_stationary arrays only (the others have no fold drain)");
        Specs.require(columnSets >= 1 && Integer.bitCount(columnSets) == 1 && columnSets <= cols, name
                + ".column_sets", columnSets, "must be a power of two from 1 to the array's columns (" + cols + ")");
    }

    /** As the canonical constructor without column sets (every design before the option). */
    public PeArraySpec(String name, MacKind mac, Dataflow dataflow, int rows, int cols, int packing, long clockHz,
                       int accumulatorBits, int vectorLanes, boolean doublePumped, boolean dspAccumulators,
                       Drain drain) {
        this(name, mac, dataflow, rows, cols, packing, clockHz, accumulatorBits, vectorLanes, doublePumped,
                dspAccumulators, drain, 1);
    }

    /** As the canonical constructor, draining in place (every design before the drain option). */
    public PeArraySpec(String name, MacKind mac, Dataflow dataflow, int rows, int cols, int packing, long clockHz,
                       int accumulatorBits, int vectorLanes, boolean doublePumped, boolean dspAccumulators) {
        this(name, mac, dataflow, rows, cols, packing, clockHz, accumulatorBits, vectorLanes, doublePumped,
                dspAccumulators, Drain.IN_PLACE);
    }

    /** A scalar PE array (one input-channel lane per PE), single-pumped, fabric accumulators. */
    public PeArraySpec(String name, MacKind mac, Dataflow dataflow, int rows, int cols, int packing, long clockHz,
                       int accumulatorBits) {
        this(name, mac, dataflow, rows, cols, packing, clockHz, accumulatorBits, 1, false, false);
    }

    /** This array with another multiplier kind (its packing must suit it: 1 for LUT MACs). */
    public PeArraySpec withMac(MacKind newMac) {
        return new PeArraySpec(name, newMac, dataflow, rows, cols, packing, clockHz, accumulatorBits, vectorLanes,
                doublePumped, dspAccumulators, drain, columnSets);
    }

    /**
     * This array with {@code newRows} × {@code newCols} PEs; its column sets kept, at most the largest
     * power of two ≤ {@code newCols} (a slice is at least one column).
     */
    public PeArraySpec withShape(int newRows, int newCols) {
        int sets = newCols > 0 ? Math.min(columnSets, Integer.highestOneBit(newCols)) : columnSets;
        return new PeArraySpec(name, mac, dataflow, newRows, newCols, packing, clockHz, accumulatorBits, vectorLanes,
                doublePumped, dspAccumulators, drain, sets);
    }

    /** This array packing {@code newPacking} products per multiplier. */
    public PeArraySpec withPacking(int newPacking) {
        return new PeArraySpec(name, mac, dataflow, rows, cols, newPacking, clockHz, accumulatorBits, vectorLanes,
                doublePumped, dspAccumulators, drain, columnSets);
    }

    /** This array at another (fabric) clock; a double-pumped core's slices then run at twice it. */
    public PeArraySpec withClockHz(long newClockHz) {
        return new PeArraySpec(name, mac, dataflow, rows, cols, packing, newClockHz, accumulatorBits, vectorLanes,
                doublePumped, dspAccumulators, drain, columnSets);
    }

    /** This array with accumulators of {@code bits} bits. */
    public PeArraySpec withAccumulatorBits(int bits) {
        return new PeArraySpec(name, mac, dataflow, rows, cols, packing, clockHz, bits, vectorLanes, doublePumped,
                dspAccumulators, drain, columnSets);
    }

    /** This array with another dataflow (a dot-product array needs one vector lane). */
    public PeArraySpec withDataflow(Dataflow newDataflow) {
        return new PeArraySpec(name, mac, newDataflow, rows, cols, packing, clockHz, accumulatorBits, vectorLanes,
                doublePumped, dspAccumulators, Drain.IN_PLACE, columnSets);
    }

    /** This array with V input-channel lanes per PE. */
    public PeArraySpec withVectorLanes(int lanes) {
        return new PeArraySpec(name, mac, dataflow, rows, cols, packing, clockHz, accumulatorBits, lanes,
                doublePumped, dspAccumulators, drain, columnSets);
    }

    /**
     * This array draining its output-stationary folds {@code newDrain}; the other dataflows keep
     * IN_PLACE (they have no fold drain), so an explore search can set it on any core.
     */
    public PeArraySpec withDrain(Drain newDrain) {
        return new PeArraySpec(name, mac, dataflow, rows, cols, packing, clockHz, accumulatorBits, vectorLanes,
                doublePumped, dspAccumulators, dataflow == Dataflow.OUTPUT_STATIONARY ? newDrain : Drain.IN_PLACE,
                columnSets);
    }

    /** This array able to split into up to {@code n} column sets (1: none). */
    public PeArraySpec withColumnSets(int n) {
        return new PeArraySpec(name, mac, dataflow, rows, cols, packing, clockHz, accumulatorBits, vectorLanes,
                doublePumped, dspAccumulators, drain, n);
    }

    /** The columns of one slice between two possible set boundaries, {@code ⌊C/N⌋}. */
    public int columnSlice() {
        return cols / columnSets;
    }

    /**
     * The column sets a tile of {@code groups} filter groups runs on: the largest power of two s ≤ N
     * whose sets ({@code ⌊C/N⌋·N/s} columns each) hold all the groups; 1 when none does (the whole
     * array, folding the groups over its C columns as before).
     */
    public int setsFor(int groups) {
        for (int s = columnSets; s >= 2; s /= 2) {
            if (groups <= columnSlice() * (columnSets / s)) {
                return s;
            }
        }
        return 1;
    }

    /** Whether folds overlap their drain with the next fold's compute ({@link Drain#OVERLAPPED}). */
    public boolean overlappedDrain() {
        return drain == Drain.OVERLAPPED;
    }

    /** Multipliers (DSP slices or LUT MACs) in the array: a double-pumped slice serves two lanes. */
    public int multipliers() {
        return rows * cols * vectorLanes / (doublePumped ? 2 : 1);
    }

    /** Products per cycle of the array's clock at full occupancy. */
    public long peakMacsPerCycle() {
        return (long) rows * cols * packing * vectorLanes;
    }

    /** The clock the multipliers run at: twice the array's when double-pumped. */
    public long multiplierClockHz() {
        return doublePumped ? 2 * clockHz : clockHz;
    }

    /**
     * Output accumulators in DSP slices, 0 with fabric accumulators: one per filter lane of each PE in
     * an output-stationary array (each PE holds its outputs), of each column at the bottom of a
     * weight-stationary one (partial sums flow down the column), of each PE of a dot-product one.
     */
    public int accumulatorSlices() {
        if (!dspAccumulators) {
            return 0;
        }
        return (dataflow == Dataflow.OUTPUT_STATIONARY ? rows : 1) * cols * packing;
    }
}
