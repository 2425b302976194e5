package org.msqsim.boards;

import java.util.Optional;
import org.msqsim.core.hw.compute.BufferPorts;
import org.msqsim.core.resource.CostModel;
import org.msqsim.core.resource.DepthwiseEngineSizing;
import org.msqsim.core.resource.FitReport;
import org.msqsim.core.resource.OutputStageSizing;
import org.msqsim.core.resource.ResourceVector;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.spec.BufferSpec;
import org.msqsim.core.spec.DepthwiseEngineSpec;
import org.msqsim.core.spec.DeviceSpec;
import org.msqsim.core.spec.PeArraySpec;

/**
 * The documented rule that sizes each board's default design (docs/cost-model.md "Default designs",
 * steps 0-3) as code: from a board file's design it re-derives the DSP core's columns, the LUT core's
 * columns, the weight buffer's banks, the depthwise engine, the input buffer's banks and the output stage's lanes
 * (step 6, {@link OutputStageSizing}) under the current cost model. Steps 0
 * and 3 are iterated to a fixed point, and step 2 with them, since the overheads (requantization
 * units, output stage) follow the cores.
 */
final class DefaultDesignRule {
    static final double LUT_CORE_SHARE = 0.15;
    static final double DSP_FLOOR = 0.60;

    private DefaultDesignRule() {
    }

    /** The rule's design for {@code b}: its file's design with the rule's cores, weight buffer and engine. */
    static AcceleratorSpec size(CostModel cost, BoardSpec b) {
        DeviceSpec dev = b.device();
        AcceleratorSpec a = b.accelerator();
        BufferSpec w0 = a.weightBuffer();
        long bankDepth = w0.capacityBytes() * 8 / ((long) w0.banks() * w0.widthBits()); // the bank depth in words, kept
        for (int i = 0; i < 50; i++) {
            PeArraySpec dsp = a.dspCore().orElseThrow();
            PeArraySpec lut = a.lutCore().orElseThrow();
            int dspCols = dspColumns(cost, a, dev);
            a = withCores(a, dsp.withShape(dsp.rows(), dspCols), lut, bankDepth);
            a = withInputPort(a.withDepthwiseEngine(DepthwiseEngineSizing.size(cost, a, dev,
                    DepthwiseEngineSizing.DEFAULT_LUT_SHARE)), dev);
            int lutCols = 4;
            for (int c = 8; c <= 4096; c += 4) {
                if (!cost.fitWithinCeilings(withCores(a, a.dspCore().orElseThrow(), lut.withShape(lut.rows(), c),
                        bankDepth), dev).fits()) {
                    break;
                }
                lutCols = c;
            }
            AcceleratorSpec next = withCores(a, a.dspCore().orElseThrow(), lut.withShape(lut.rows(), lutCols), bankDepth);
            Optional<DepthwiseEngineSpec> e = DepthwiseEngineSizing.size(cost, next, dev,
                    DepthwiseEngineSizing.DEFAULT_LUT_SHARE);
            next = withInputPort(next.withDepthwiseEngine(e), dev);
            if (next.equals(a)) {
                return a;
            }
            a = next;
        }
        throw new IllegalStateException(b.id() + ": the rule does not reach a fixed point");
    }

    /**
     * Step 4: the input buffer's banks (capacity and bank width kept): the banks the cores read (one
     * row of activations per column set, {@code BufferPorts.activationNeedBits}), widened for the
     * depthwise engine's one activation per lane a tap clock at no block RAM beyond the capacity's
     * where a bank count allows ({@link DepthwiseEngineSizing#withEnginePort}).
     */
    static AcceleratorSpec withInputPort(AcceleratorSpec a, DeviceSpec dev) {
        BufferSpec in = a.inputBuffer();
        long cores = Math.max(a.dspCore().map(c -> BufferPorts.activationNeedBits(c, a.activationBits())).orElse(0L),
                a.lutCore().map(c -> BufferPorts.activationNeedBits(c, a.activationBits())).orElse(0L));
        int banks = (int) Math.max(1, (cores + in.widthBits() - 1) / in.widthBits());
        // step 6 again: the engine's result rate may need more lanes than the cores'
        return OutputStageSizing.withLanes(DepthwiseEngineSizing.withEnginePort(a.withBuffers(in.withBanks(banks),
                a.weightBuffer(), a.outputBuffer()), dev));
    }

    /** Step 2 (with its 60 % floor) beside {@code a}'s overheads. */
    static int dspColumns(CostModel cost, AcceleratorSpec a, DeviceSpec dev) {
        PeArraySpec dsp = a.dspCore().orElseThrow();
        long overheadLut = cost.overheads(a, dev).values().stream().mapToLong(ResourceVector::lut).sum();
        long overheadDsp = cost.overheads(a, dev).values().stream().mapToLong(ResourceVector::dsp).sum();
        long budget = (long) Math.floor(0.70 * dev.lut()) - overheadLut;
        long dspCap = (long) Math.floor(0.80 * dev.dsp()) - overheadDsp;
        int best = 1;
        for (int c = 1; (long) dsp.rows() * c <= dspCap; c++) {
            if (cost.peArray(dsp.withShape(dsp.rows(), c), a.weightBits(), a.activationBits(), dev.family()).lut()
                    > budget - Math.ceil(LUT_CORE_SHARE * budget)) {
                break;
            }
            best = c;
        }
        int sixty = (int) Math.ceil(DSP_FLOOR * dev.dsp() / dsp.rows());
        if (best < sixty) {
            PeArraySpec lut = a.lutCore().orElseThrow();
            AcceleratorSpec atSixty = a.withCores(Optional.of(dsp.withShape(dsp.rows(), sixty)),
                    Optional.of(lut.withShape(lut.rows(), 4)));
            FitReport fit = cost.fitWithinCeilings(atSixty, dev);
            if (fit.overSubscribed().stream().noneMatch(s -> s.startsWith("LUT "))) {
                return sixty;
            }
        }
        return best;
    }

    /** {@code a} with these cores and a weight buffer of the widest whole 16/32/64-bit banks they need. */
    static AcceleratorSpec withCores(AcceleratorSpec a, PeArraySpec dsp, PeArraySpec lut, long bankDepth) {
        long bits = (long) (dsp.cols() * dsp.packing() + lut.cols()) * a.weightBits();
        int width = bits % 64 == 0 ? 64 : bits % 32 == 0 ? 32 : 16;
        int banks = (int) (bits / width);
        BufferSpec w = a.weightBuffer().withWidthBits(width).withBanks(banks).withCapacityBytes(banks * bankDepth * width / 8);
        // step 6: the output stage's lanes follow the cores (OutputStageSizing)
        return OutputStageSizing.withLanes(a.withCores(Optional.of(dsp), Optional.of(lut))
                .withBuffers(a.inputBuffer(), w, a.outputBuffer()));
    }
}
