package org.msqsim.core.resource;

import java.util.Optional;
import java.util.OptionalInt;
import org.msqsim.core.hw.compute.ArrayTiming;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.DepthwiseEngineSpec;
import org.msqsim.core.spec.FusionSpec;
import org.msqsim.core.spec.PeArraySpec;

/**
 * The documented rule that sizes a design's output stage (docs/cost-model.md "Output stage lanes";
 * issue 13 point 10): enough requantizer lanes, one result a lane and control clock, to keep up with
 * the result rate of the design's cores on a layer of the smallest reduction length the design is
 * meant for, {@link #TARGET_K}, and with its depthwise engine's on a 3×3 kernel. A design rule, not a
 * hardware constant: the board defaults ({@code DefaultDesignRule}) and {@code explore}
 * ({@code DesignBuilder}) both use it.
 * <ul>
 *   <li>A core's result rate: one fold of the array, a tile of {@code cols · packing} output channels ×
 *       {@code rows} pixels at reduction length K, yields {@code cols · packing · rows} results in
 *       {@link ArrayTiming#tileCycles} core clocks (so an output-stationary fold's drain and fill count,
 *       as each dataflow's own timing has them); in control clocks, times {@code coreHz / controlHz}.
 *       The two cores run side by side on the same tiles: their rates add.</li>
 *   <li>The depthwise engine: {@code pixels · (channels + sp2_channels)} results each R·S tap clocks
 *       ({@code DepthwiseEngine}), R·S = 9 (3×3, every depthwise kernel of the built-in networks); it runs
 *       between the cores' layers, so the stage needs the larger of the two rates, not their sum.</li>
 *   <li>{@code lanes = ceil(rate)}, at least 1.</li>
 * </ul>
 */
public final class OutputStageSizing {
    /**
     * The smallest GEMM reduction length of the networks msqsim's verdict measures (README: ResNet-18
     * and MobileNet-v2): MobileNet-v2's first expansion, a 1×1 convolution over its 16-channel
     * bottleneck (K = 16). ResNet-18's smallest is 64 (its 1×1 downsample convolutions). A layer of
     * smaller K may still wait on the output stage; one of this K or more does not.
     */
    public static final int TARGET_K = 16;
    /** Taps of the depthwise kernels the engine is sized for: 3×3 (MobileNet-v1/v2). */
    static final int ENGINE_TAPS = 9;

    private OutputStageSizing() {
    }

    /** The rule's lanes for {@code a}'s cores and engine. */
    public static int lanes(AcceleratorSpec a) {
        double control = a.controlClockHz();
        double cores = coreRate(a.dspCore(), control) + coreRate(a.lutCore(), control);
        double engine = a.depthwiseEngine().map(OutputStageSizing::engineRate).orElse(0.0);
        double rate = Math.max(cores, engine);
        // a rate that is a whole number of lanes up to rounding stays that number
        return (int) Math.max(1, Math.ceil(rate - 1e-9));
    }

    /** {@code a} with the rule's lanes set ({@code fusion.lanes}). */
    public static AcceleratorSpec withLanes(AcceleratorSpec a) {
        return a.withFusion(a.fusion().withLanes(OptionalInt.of(Math.min(FusionSpec.MAX_LANES, lanes(a)))));
    }

    /** Results a control clock of one core on a fold of reduction length {@link #TARGET_K}. */
    static double coreRate(Optional<PeArraySpec> core, double controlHz) {
        if (core.isEmpty()) {
            return 0;
        }
        PeArraySpec c = core.get();
        int m = c.cols() * c.packing();
        int n = c.rows();
        long cycles = ArrayTiming.tileCycles(c, m, TARGET_K, n);
        return (double) m * n / cycles * c.clockHz() / controlHz;
    }

    /** Results a control clock of the depthwise engine on a 3×3 kernel. */
    static double engineRate(DepthwiseEngineSpec e) {
        return (double) e.pixels() * (e.channels() + e.sp2Channels()) / ENGINE_TAPS;
    }
}
