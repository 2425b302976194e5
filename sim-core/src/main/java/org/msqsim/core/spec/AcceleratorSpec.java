package org.msqsim.core.spec;

import java.util.Optional;

/**
 * The MSQ accelerator (Chang et al., HPCA 2021, §V): a DSP core for fixed-point rows and a LUT core
 * for SP2 rows working on the same input tile at the same time, with input, weight and output
 * buffers, DMA over the DDR controller, and a controller clocked at {@code controlClockHz}. Either
 * core may be absent (DSP-only or LUT-only designs), not both.
 *
 * @param weightBits     weight width of both cores
 * @param activationBits activation width (unsigned after ReLU)
 */
public record AcceleratorSpec(String name, Optional<PeArraySpec> dspCore, Optional<PeArraySpec> lutCore,
                              BufferSpec inputBuffer, BufferSpec weightBuffer, BufferSpec outputBuffer,
                              DdrSpec ddr, long controlClockHz, int weightBits, int activationBits,
                              Optional<DepthwiseEngineSpec> depthwiseEngine) {
    /** A design without a depthwise engine (depthwise layers run on the GEMM cores, group by group). */
    public AcceleratorSpec(String name, Optional<PeArraySpec> dspCore, Optional<PeArraySpec> lutCore,
                           BufferSpec inputBuffer, BufferSpec weightBuffer, BufferSpec outputBuffer, DdrSpec ddr,
                           long controlClockHz, int weightBits, int activationBits) {
        this(name, dspCore, lutCore, inputBuffer, weightBuffer, outputBuffer, ddr, controlClockHz, weightBits,
                activationBits, Optional.empty());
    }

    public AcceleratorSpec {
        Specs.require(depthwiseEngine != null, "accelerator.depthwise_engine", null, "must not be null");
        Specs.require(name != null && !name.isBlank(), "accelerator.name", name, "is required");
        Specs.require(dspCore != null && lutCore != null, "accelerator", null, "core options must not be null");
        Specs.require(dspCore.isPresent() || lutCore.isPresent(), "accelerator.cores", "none",
                "needs a DSP core, a LUT core or both");
        dspCore.ifPresent(c -> Specs.require(c.mac() == MacKind.DSP, "accelerator.dsp_core.mac", c.mac(),
                "the DSP core must use DSP MACs"));
        lutCore.ifPresent(c -> Specs.require(c.mac() != MacKind.DSP, "accelerator.lut_core.mac", c.mac(),
                "the LUT core must use LUT MACs"));
        Specs.require(inputBuffer != null && weightBuffer != null && outputBuffer != null, "accelerator.buffers",
                null, "input, weight and output buffers are required");
        Specs.require(ddr != null, "accelerator.ddr", null, "is required");
        Specs.require(controlClockHz > 0 && controlClockHz <= 1_000_000_000L, "accelerator.control_clock_mhz",
                controlClockHz, "must be in (0, 1000] MHz");
        Specs.require(weightBits >= 3 && weightBits <= 8, "accelerator.weight_bits", weightBits, "must be 3..8");
        Specs.require(activationBits >= 2 && activationBits <= 8, "accelerator.activation_bits", activationBits,
                "must be 2..8");
    }

    /** This design under another name. */
    public AcceleratorSpec withName(String newName) {
        return new AcceleratorSpec(newName, dspCore, lutCore, inputBuffer, weightBuffer, outputBuffer, ddr,
                controlClockHz, weightBits, activationBits, depthwiseEngine);
    }

    /** This design with other cores (set together: at least one must be present). */
    public AcceleratorSpec withCores(Optional<PeArraySpec> dsp, Optional<PeArraySpec> lut) {
        return new AcceleratorSpec(name, dsp, lut, inputBuffer, weightBuffer, outputBuffer, ddr, controlClockHz,
                weightBits, activationBits, depthwiseEngine);
    }

    /**
     * This design with its control clock and every core's (fabric) clock at {@code hz}: a
     * double-pumped core's slices then run at twice it.
     */
    public AcceleratorSpec withClockHz(long hz) {
        return new AcceleratorSpec(name, dspCore.map(c -> c.withClockHz(hz)), lutCore.map(c -> c.withClockHz(hz)),
                inputBuffer, weightBuffer, outputBuffer, ddr, hz, weightBits, activationBits, depthwiseEngine);
    }

    /** This design with (or without) a depthwise engine. */
    public AcceleratorSpec withDepthwiseEngine(Optional<DepthwiseEngineSpec> engine) {
        return new AcceleratorSpec(name, dspCore, lutCore, inputBuffer, weightBuffer, outputBuffer, ddr, controlClockHz,
                weightBits, activationBits, engine);
    }

    /** This design with other input, weight and output buffers. */
    public AcceleratorSpec withBuffers(BufferSpec input, BufferSpec weight, BufferSpec output) {
        return new AcceleratorSpec(name, dspCore, lutCore, input, weight, output, ddr, controlClockHz, weightBits,
                activationBits, depthwiseEngine);
    }

    /** This design on another external memory (explore's choice between a board's memories). */
    public AcceleratorSpec withDdr(DdrSpec other) {
        return new AcceleratorSpec(name, dspCore, lutCore, inputBuffer, weightBuffer, outputBuffer, other,
                controlClockHz, weightBits, activationBits, depthwiseEngine);
    }

    /**
     * This design at {@code bits}-bit weights and activations, with the DSP packing and accumulators
     * that width needs ({@link BitWidthChange} states the rule and what it changed).
     */
    public AcceleratorSpec withBits(int bits) {
        return BitWidthChange.of(this, bits).after();
    }

    /** The widths alone, without the rule of {@link #withBits}: for that rule only. */
    AcceleratorSpec withOperandBits(int weight, int activation) {
        return new AcceleratorSpec(name, dspCore, lutCore, inputBuffer, weightBuffer, outputBuffer, ddr,
                controlClockHz, weight, activation, depthwiseEngine);
    }
}
