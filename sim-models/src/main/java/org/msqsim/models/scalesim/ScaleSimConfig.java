package org.msqsim.models.scalesim;

import java.util.List;
import java.util.Optional;

/**
 * One SCALE-Sim v2 {@code .cfg} file, validated. Read it with {@link ScaleSimConfigReader}.
 *
 * <p>Sizes are SCALE-Sim's: SRAM capacities in kB of one-byte words (SCALE-Sim fixes the word at
 * one byte, {@code scalesim/single_layer_sim.py} {@code word_size = 1}), offsets and bandwidths in
 * words. Only the array shape and the dataflow affect compute cycles; the other fields are kept so
 * that a configuration round-trips and so that USER-mode inputs are checked as SCALE-Sim checks them.
 *
 * @param runName            {@code [general] run_name}
 * @param arrayHeight        {@code ArrayHeight}: PE rows (SCALE-Sim's {@code arr_row})
 * @param arrayWidth         {@code ArrayWidth}: PE columns ({@code arr_col})
 * @param bandwidths         {@code Bandwidth}: words/cycle per memory bank; empty when absent
 * @param memoryBanks        {@code MemoryBanks}; 1 when absent
 * @param topologyCsvLoc     {@code [network_presets] TopologyCsvLoc}, which SCALE-Sim's own writer emits
 */
public record ScaleSimConfig(
        String runName,
        int arrayHeight,
        int arrayWidth,
        int ifmapSramKb,
        int filterSramKb,
        int ofmapSramKb,
        long ifmapOffset,
        long filterOffset,
        long ofmapOffset,
        List<Integer> bandwidths,
        ScaleSimDataflow dataflow,
        int memoryBanks,
        InterfaceBandwidth interfaceBandwidth,
        Optional<String> topologyCsvLoc) {

    /** {@code [run_presets] InterfaceBandwidth}. */
    public enum InterfaceBandwidth {
        /** SCALE-Sim computes the DRAM bandwidth a stall-free run needs. */
        CALC,
        /** SCALE-Sim uses the {@code Bandwidth} values and reports stalls. */
        USER
    }

    public ScaleSimConfig {
        if (arrayHeight < 1 || arrayWidth < 1) {
            throw new IllegalArgumentException("array must be at least 1x1, got " + arrayHeight + "x" + arrayWidth);
        }
        bandwidths = List.copyOf(bandwidths);
    }

    /** The same configuration with another array shape and dataflow (for sweeps and tests). */
    public ScaleSimConfig withArray(int height, int width, ScaleSimDataflow df) {
        return new ScaleSimConfig(runName, height, width, ifmapSramKb, filterSramKb, ofmapSramKb,
                ifmapOffset, filterOffset, ofmapOffset, bandwidths, df, memoryBanks, interfaceBandwidth,
                topologyCsvLoc);
    }

    /** A CALC-mode configuration with SCALE-Sim's default SRAMs and offsets and the given array. */
    public static ScaleSimConfig of(int height, int width, ScaleSimDataflow df) {
        return new ScaleSimConfig("msqsim", height, width, 64, 64, 64, 0, 10_000_000, 20_000_000,
                List.of(), df, 1, InterfaceBandwidth.CALC, Optional.empty());
    }
}
