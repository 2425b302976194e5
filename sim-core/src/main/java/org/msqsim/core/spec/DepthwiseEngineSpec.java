package org.msqsim.core.spec;

/**
 * A depthwise-convolution engine beside the GEMM cores, as the Xilinx DPU has one (PG338 v3.4
 * "DepthwiseConv": "the parallelism of depthwise convolution is half that of the pixel
 * parallelism"; PG338 v4.1 "DepthwiseConv (ALU)"; the compiler targets'
 * {@code alu_engine { pixel_parallel: PP/2, channel_parallel: ICP }}): {@code pixels × channels}
 * lanes, each computing one output (pixel, channel) of a depthwise layer by taking one kernel tap
 * per clock of the accelerator's control clock into its accumulator. The input is read once from
 * DDR into a line buffer (no im2col), the per-channel weights into the engine's own weight bank.
 *
 * @param pixels          output pixels in flight (the DPU's PP/2)
 * @param channels        channels in flight (the DPU's ICP)
 * @param accumulatorBits width of each lane's accumulator (the DPU accumulates in DSP48E2 SIMD
 *                        TWO24 adders, hence at most 24 bits: PG338 gives the DSP count, the IP's
 *                        formula {@code par·ICP/4 + par·ICP/2} the split)
 * @param weightBankKib   the engine's weight buffer (the DPU's one extra ICP-byte × 2,048 bank)
 */
public record DepthwiseEngineSpec(int pixels, int channels, int accumulatorBits, int weightBankKib) {
    public DepthwiseEngineSpec {
        Specs.require(pixels >= 1 && pixels <= 256, "depthwise_engine.pixels", pixels, "must be 1..256");
        Specs.require(channels >= 1 && channels <= 256, "depthwise_engine.channels", channels, "must be 1..256");
        Specs.require(accumulatorBits >= 8 && accumulatorBits <= 24, "depthwise_engine.accumulator_bits",
                accumulatorBits, "must be 8..24 (DSP48 SIMD TWO24 accumulators)");
        Specs.require(weightBankKib >= 1 && weightBankKib <= 65536, "depthwise_engine.weight_bank_kib",
                weightBankKib, "must be 1..65536 KiB");
    }

    /** Lanes: outputs computed at once, one MAC each per clock. */
    public int lanes() {
        return pixels * channels;
    }
}
