package org.msqsim.core.spec;

/**
 * One PE array (a GEMM core).
 *
 * @param name            e.g. {@code dsp_core}
 * @param mac             what multiplies
 * @param dataflow        how the array maps a GEMM
 * @param rows            PE rows (systolic) or SIMD lanes per PE (dot-product)
 * @param cols            PE columns (systolic) or PEs (dot-product)
 * @param packing         products per multiplier per cycle sharing one activation: 1, 2 or 4 for
 *                        DSP (WP486 / FINN packing), 1 for LUT MACs
 * @param clockHz         the array's clock
 * @param accumulatorBits width of each PE's accumulator
 */
public record PeArraySpec(String name, MacKind mac, Dataflow dataflow, int rows, int cols, int packing,
                          long clockHz, int accumulatorBits) {
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
    }

    /** This array with another multiplier kind (its packing must suit it: 1 for LUT MACs). */
    public PeArraySpec withMac(MacKind newMac) {
        return new PeArraySpec(name, newMac, dataflow, rows, cols, packing, clockHz, accumulatorBits);
    }

    /** This array with {@code newRows} × {@code newCols} PEs. */
    public PeArraySpec withShape(int newRows, int newCols) {
        return new PeArraySpec(name, mac, dataflow, newRows, newCols, packing, clockHz, accumulatorBits);
    }

    /** This array packing {@code newPacking} products per multiplier. */
    public PeArraySpec withPacking(int newPacking) {
        return new PeArraySpec(name, mac, dataflow, rows, cols, newPacking, clockHz, accumulatorBits);
    }

    /** This array at another clock. */
    public PeArraySpec withClockHz(long newClockHz) {
        return new PeArraySpec(name, mac, dataflow, rows, cols, packing, newClockHz, accumulatorBits);
    }

    /** This array with accumulators of {@code bits} bits. */
    public PeArraySpec withAccumulatorBits(int bits) {
        return new PeArraySpec(name, mac, dataflow, rows, cols, packing, clockHz, bits);
    }

    /** Multipliers (DSP slices or LUT MACs) in the array. */
    public int multipliers() {
        return rows * cols;
    }

    /** Products per cycle at full occupancy. */
    public long peakMacsPerCycle() {
        return (long) rows * cols * packing;
    }
}
