package org.msqsim.core.spec;

import org.msqsim.core.fixed.Sp2Format;

/**
 * A depthwise-convolution engine beside the GEMM cores, as the Xilinx DPU has one (PG338 v3.4
 * "DepthwiseConv": "the parallelism of depthwise convolution is half that of the pixel
 * parallelism"; PG338 v4.1 "DepthwiseConv (ALU)"; the compiler targets'
 * {@code alu_engine { pixel_parallel: PP/2, channel_parallel: ICP }}) and the channel-parallel
 * line-buffer engines of HLS MobileNet accelerators have one (Wu et al., FPL 2019): lanes, each
 * computing one output (pixel, channel) of a depthwise layer by taking one kernel tap per clock of
 * the accelerator's control clock into its accumulator. The input is read once from DDR into a line
 * buffer (no im2col), the per-channel weights into the engine's own weight bank.
 *
 * <p><b>Two lane kinds, MSQ's split per channel.</b> A depthwise layer has one weight row per channel,
 * so MSQ gives each channel a scheme. {@code pixels × channels} <i>fixed-point lanes</i> multiply the
 * fixed-point channels, on DSP slices ({@link MacKind#DSP}, the DPU's engine) or on LUT-built
 * multipliers ({@link MacKind#LUT_FIXED}); {@code pixels × sp2Channels} <i>SP2 lanes</i> multiply the
 * SP2 channels with the LUT shift-adder of the SP2 core ({@code Sp2Mac}). Each lane kind takes its own
 * channels in channel order; both work at once, so a layer takes as long as the slower kind. With
 * {@code sp2Channels = 0} (the DPU) every depthwise channel is fixed-point.
 *
 * @param pixels          output pixels in flight (the DPU's PP/2)
 * @param channels        fixed-point channels in flight (the DPU's ICP)
 * @param fixedMac        what the fixed-point lanes multiply on: {@link MacKind#DSP} or {@link MacKind#LUT_FIXED}
 * @param sp2Channels     SP2 channels in flight (0: the engine has no SP2 lanes)
 * @param accumulatorBits width of each fixed-point lane's accumulator (the DPU accumulates in DSP48E2
 *                        SIMD TWO24 adders, hence at most 24 bits: PG338 gives the DSP count, the IP's
 *                        formula {@code par·ICP/4 + par·ICP/2} the split); the SP2 lanes' width follows
 *                        from it ({@link #sp2AccumulatorBits})
 * @param weightBankKib   the engine's weight buffer (the DPU's one extra ICP-byte × 2,048 bank)
 */
public record DepthwiseEngineSpec(int pixels, int channels, MacKind fixedMac, int sp2Channels, int accumulatorBits,
                                  int weightBankKib) {
    /** The widest accumulator: DSP48 SIMD TWO24 adders. */
    public static final int MAX_ACCUMULATOR_BITS = 24;

    public DepthwiseEngineSpec {
        Specs.require(pixels >= 1 && pixels <= 256, "depthwise_engine.pixels", pixels, "must be 1..256");
        Specs.require(channels >= 1 && channels <= 256, "depthwise_engine.channels", channels, "must be 1..256");
        Specs.require(fixedMac == MacKind.DSP || fixedMac == MacKind.LUT_FIXED, "depthwise_engine.fixed_mac", fixedMac,
                "must be dsp or lut_fixed");
        Specs.require(sp2Channels >= 0 && sp2Channels <= 256, "depthwise_engine.sp2_channels", sp2Channels,
                "must be 0..256");
        Specs.require(accumulatorBits >= 8 && accumulatorBits <= 24, "depthwise_engine.accumulator_bits",
                accumulatorBits, "must be 8..24 (DSP48 SIMD TWO24 accumulators)");
        Specs.require(weightBankKib >= 1 && weightBankKib <= 65536, "depthwise_engine.weight_bank_kib",
                weightBankKib, "must be 1..65536 KiB");
    }

    /** The DPU's kind of engine: DSP fixed-point lanes only. */
    public DepthwiseEngineSpec(int pixels, int channels, int accumulatorBits, int weightBankKib) {
        this(pixels, channels, MacKind.DSP, 0, accumulatorBits, weightBankKib);
    }

    /** This engine with accumulators of {@code bits}. */
    public DepthwiseEngineSpec withAccumulatorBits(int bits) {
        return new DepthwiseEngineSpec(pixels, channels, fixedMac, sp2Channels, bits, weightBankKib);
    }

    /** Fixed-point lanes: outputs of fixed-point channels computed at once, one MAC each per clock. */
    public int lanes() {
        return pixels * channels;
    }

    /** SP2 lanes: outputs of SP2 channels computed at once. */
    public int sp2Lanes() {
        return pixels * sp2Channels;
    }

    /** Whether MSQ may give a depthwise channel SP2 weights on this engine. */
    public boolean hasSp2Lanes() {
        return sp2Channels > 0;
    }

    /**
     * The SP2 lanes' accumulator width at {@code weightBits}: an SP2 product is in units of
     * {@code 2^-L} of the row scale ({@link Sp2Format}), a fixed-point one in units of 1 with
     * {@code W − 1} magnitude bits, so the SP2 accumulator is {@code L − (W − 1)} bits wider to hold
     * the same sums (never narrower): 4 bits → +0, 8 bits → +8.
     */
    public int sp2AccumulatorBits(int weightBits) {
        return accumulatorBits + Math.max(0, Sp2Format.of(weightBits).fractionBits() - (weightBits - 1));
    }
}
