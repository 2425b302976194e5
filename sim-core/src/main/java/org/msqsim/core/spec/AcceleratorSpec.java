package org.msqsim.core.spec;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The MSQ accelerator (Chang et al., HPCA 2021, §V): a DSP core for fixed-point rows and a LUT core
 * for SP2 rows working on the same input tile at the same time, with input, weight and output
 * buffers, DMA over the DDR controller, and a controller clocked at {@code controlClockHz}. Either
 * core may be absent (DSP-only or LUT-only designs), not both.
 *
 * @param weightBits     weight width of both cores
 * @param activationBits activation width (unsigned after ReLU)
 * @param fusion         which element-wise layers the output stage fuses ({@link FusionSpec#DEFAULT}: adds
 *                       and max pools)
 * @param dataPorts      the design's own AXI data masters, when it has a fixed number of them (the DPU's
 *                       two); empty: one DMA per port of the memory. When present, {@link #ddr()} is the
 *                       memory as those masters see it ({@link DataPortsSpec#through}): their ports, at the
 *                       control clock
 * @param sp2Fraction    the SP2 fraction the design was derived for (a default design derived by
 *                       {@code explore}, docs/cost-model.md "Default designs"): what {@code run} uses when
 *                       no fraction is given; empty: the cores' balanced fraction ({@code MsqBalance})
 */
public record AcceleratorSpec(String name, Optional<PeArraySpec> dspCore, Optional<PeArraySpec> lutCore,
                              BufferSpec inputBuffer, BufferSpec weightBuffer, BufferSpec outputBuffer,
                              DdrSpec ddr, long controlClockHz, int weightBits, int activationBits,
                              Optional<DepthwiseEngineSpec> depthwiseEngine, FusionSpec fusion,
                              Optional<DataPortsSpec> dataPorts, OptionalDouble sp2Fraction) {
    /** A design without a fraction of its own (run takes the cores' balanced fraction). */
    public AcceleratorSpec(String name, Optional<PeArraySpec> dspCore, Optional<PeArraySpec> lutCore,
                           BufferSpec inputBuffer, BufferSpec weightBuffer, BufferSpec outputBuffer, DdrSpec ddr,
                           long controlClockHz, int weightBits, int activationBits,
                           Optional<DepthwiseEngineSpec> depthwiseEngine, FusionSpec fusion,
                           Optional<DataPortsSpec> dataPorts) {
        this(name, dspCore, lutCore, inputBuffer, weightBuffer, outputBuffer, ddr, controlClockHz, weightBits,
                activationBits, depthwiseEngine, fusion, dataPorts, OptionalDouble.empty());
    }

    /** A design with one DMA per port of its memory. */
    public AcceleratorSpec(String name, Optional<PeArraySpec> dspCore, Optional<PeArraySpec> lutCore,
                           BufferSpec inputBuffer, BufferSpec weightBuffer, BufferSpec outputBuffer, DdrSpec ddr,
                           long controlClockHz, int weightBits, int activationBits,
                           Optional<DepthwiseEngineSpec> depthwiseEngine, FusionSpec fusion) {
        this(name, dspCore, lutCore, inputBuffer, weightBuffer, outputBuffer, ddr, controlClockHz, weightBits,
                activationBits, depthwiseEngine, fusion, Optional.empty());
    }

    /** A design with the default fusion ({@link FusionSpec#DEFAULT}). */
    public AcceleratorSpec(String name, Optional<PeArraySpec> dspCore, Optional<PeArraySpec> lutCore,
                           BufferSpec inputBuffer, BufferSpec weightBuffer, BufferSpec outputBuffer, DdrSpec ddr,
                           long controlClockHz, int weightBits, int activationBits,
                           Optional<DepthwiseEngineSpec> depthwiseEngine) {
        this(name, dspCore, lutCore, inputBuffer, weightBuffer, outputBuffer, ddr, controlClockHz, weightBits,
                activationBits, depthwiseEngine, FusionSpec.DEFAULT);
    }

    /** A design without a depthwise engine (depthwise layers run on the GEMM cores, group by group). */
    public AcceleratorSpec(String name, Optional<PeArraySpec> dspCore, Optional<PeArraySpec> lutCore,
                           BufferSpec inputBuffer, BufferSpec weightBuffer, BufferSpec outputBuffer, DdrSpec ddr,
                           long controlClockHz, int weightBits, int activationBits) {
        this(name, dspCore, lutCore, inputBuffer, weightBuffer, outputBuffer, ddr, controlClockHz, weightBits,
                activationBits, Optional.empty());
    }

    public AcceleratorSpec {
        Specs.require(fusion != null, "accelerator.fusion", null, "must not be null");
        Specs.require(dataPorts != null, "accelerator.data_ports", null, "must be an Optional, empty when absent");
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
        if (dataPorts.isPresent()) {
            // the masters' view of the memory, at this clock (idempotent: with* copies pass it back in)
            ddr = dataPorts.get().through(ddr, controlClockHz);
        }
        Specs.require(weightBits >= 3 && weightBits <= 8, "accelerator.weight_bits", weightBits, "must be 3..8");
        Specs.require(activationBits >= 2 && activationBits <= 8, "accelerator.activation_bits", activationBits,
                "must be 2..8");
        Specs.require(sp2Fraction != null, "accelerator.sp2_fraction", null, "must be an OptionalDouble, empty when absent");
        if (sp2Fraction.isPresent()) {
            double f = sp2Fraction.getAsDouble();
            Specs.require(f >= 0 && f <= 1, "accelerator.sp2_fraction", f, "must be within [0, 1]");
            // SP2 rows run on the LUT core, fixed-point rows on the DSP core (MsqBalance.missingCore)
            Specs.require(!(f > 0 && lutCore.isEmpty()), "accelerator.sp2_fraction", f,
                    "needs a lut_core (SP2 rows run on it); 0 for a DSP-only design");
            Specs.require(!(f < 1 && dspCore.isEmpty()), "accelerator.sp2_fraction", f,
                    "needs a dsp_core (fixed-point rows run on it); 1 for a LUT-only design");
        }
    }

    /**
     * The output stage's requantizer lanes, each one result a control clock (issue 13 point 10): the
     * fusion's {@code lanes} when set, else the rows of the wider core (the rule the board files were
     * written with: one column of accumulators per control clock).
     */
    public int outputLanes() {
        return fusion.lanes().orElseGet(() -> Math.max(dspCore.map(PeArraySpec::rows).orElse(0),
                lutCore.map(PeArraySpec::rows).orElse(0)));
    }

    /** This design with (or, empty, without) a fraction of its own. */
    public AcceleratorSpec withSp2Fraction(OptionalDouble f) {
        return new AcceleratorSpec(name, dspCore, lutCore, inputBuffer, weightBuffer, outputBuffer, ddr, controlClockHz,
                weightBits, activationBits, depthwiseEngine, fusion, dataPorts, f);
    }

    /** This design under another name. */
    public AcceleratorSpec withName(String newName) {
        return new AcceleratorSpec(newName, dspCore, lutCore, inputBuffer, weightBuffer, outputBuffer, ddr,
                controlClockHz, weightBits, activationBits, depthwiseEngine, fusion, dataPorts, sp2Fraction);
    }

    /**
     * This design with other cores (set together: at least one must be present), without a fraction of
     * its own: the fraction was derived for the cores it replaces.
     */
    public AcceleratorSpec withCores(Optional<PeArraySpec> dsp, Optional<PeArraySpec> lut) {
        return new AcceleratorSpec(name, dsp, lut, inputBuffer, weightBuffer, outputBuffer, ddr, controlClockHz,
                weightBits, activationBits, depthwiseEngine, fusion, dataPorts, OptionalDouble.empty());
    }

    /**
     * This design with its control clock and every core's (fabric) clock at {@code hz}: a
     * double-pumped core's slices then run at twice it.
     */
    public AcceleratorSpec withClockHz(long hz) {
        return new AcceleratorSpec(name, dspCore.map(c -> c.withClockHz(hz)), lutCore.map(c -> c.withClockHz(hz)),
                inputBuffer, weightBuffer, outputBuffer, ddr, hz, weightBits, activationBits, depthwiseEngine, fusion,
                dataPorts, sp2Fraction);
    }

    /** This design with (or without) a depthwise engine. */
    public AcceleratorSpec withDepthwiseEngine(Optional<DepthwiseEngineSpec> engine) {
        return new AcceleratorSpec(name, dspCore, lutCore, inputBuffer, weightBuffer, outputBuffer, ddr, controlClockHz,
                weightBits, activationBits, engine, fusion, dataPorts, sp2Fraction);
    }

    /** This design with other input, weight and output buffers. */
    public AcceleratorSpec withBuffers(BufferSpec input, BufferSpec weight, BufferSpec output) {
        return new AcceleratorSpec(name, dspCore, lutCore, input, weight, output, ddr, controlClockHz, weightBits,
                activationBits, depthwiseEngine, fusion, dataPorts, sp2Fraction);
    }

    /** This design with another output-stage fusion. */
    public AcceleratorSpec withFusion(FusionSpec other) {
        return new AcceleratorSpec(name, dspCore, lutCore, inputBuffer, weightBuffer, outputBuffer, ddr, controlClockHz,
                weightBits, activationBits, depthwiseEngine, other, dataPorts, sp2Fraction);
    }

    /** This design with its own data masters (or, empty, one DMA per port of its memory). */
    public AcceleratorSpec withDataPorts(Optional<DataPortsSpec> ports, DdrSpec memory) {
        return new AcceleratorSpec(name, dspCore, lutCore, inputBuffer, weightBuffer, outputBuffer, memory,
                controlClockHz, weightBits, activationBits, depthwiseEngine, fusion, ports, sp2Fraction);
    }

    /**
     * This design on another external memory (explore's choice between a board's memories); a design
     * with its own data masters sees that memory through them.
     */
    public AcceleratorSpec withDdr(DdrSpec other) {
        return new AcceleratorSpec(name, dspCore, lutCore, inputBuffer, weightBuffer, outputBuffer, other,
                controlClockHz, weightBits, activationBits, depthwiseEngine, fusion, dataPorts, sp2Fraction);
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
                controlClockHz, weight, activation, depthwiseEngine, fusion, dataPorts, sp2Fraction);
    }
}
