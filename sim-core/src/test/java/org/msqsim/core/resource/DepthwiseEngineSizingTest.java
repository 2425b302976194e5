package org.msqsim.core.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.AxiPortSpec;
import org.msqsim.core.spec.BufferSpec;
import org.msqsim.core.spec.Dataflow;
import org.msqsim.core.spec.DdrSpec;
import org.msqsim.core.spec.DepthwiseEngineSpec;
import org.msqsim.core.spec.DeviceSpec;
import org.msqsim.core.spec.FpgaFamily;
import org.msqsim.core.spec.MacKind;
import org.msqsim.core.spec.MemoryKind;
import org.msqsim.core.spec.PeArraySpec;

/** The engine's cost composes its lanes' primitives; the sizing rule does what docs/cost-model.md step 0 says. */
class DepthwiseEngineSizingTest {
    private static final DeviceSpec Z7020 =
            new DeviceSpec("xc7z020clg400-1", FpgaFamily.SERIES7, 53_200, 106_400, 220, 140, 0);
    private static final CostModel M = CostModel.defaults();
    private static final PeArraySpec DSP = new PeArraySpec("dsp_core", MacKind.DSP, Dataflow.OUTPUT_STATIONARY, 8,
            22, 4, 100_000_000L, 24);
    private static final PeArraySpec LUT = new PeArraySpec("lut_core", MacKind.LUT_SP2, Dataflow.OUTPUT_STATIONARY, 8,
            12, 1, 100_000_000L, 24);
    private static final BufferSpec BUF = new BufferSpec("b", 64 * 1024, 32, 1, true, MemoryKind.BRAM);
    private static final DdrSpec DDR = new DdrSpec("DDR3", 32, 1066, 0.75, 128, 120_000, 30_000,
            List.of(new AxiPortSpec("hp0", 64, 100_000_000L)));

    private static AcceleratorSpec design(Optional<PeArraySpec> dsp, Optional<PeArraySpec> lut) {
        return new AcceleratorSpec("msq", dsp, lut, BUF, BUF, BUF, DDR, 100_000_000L, 4, 4);
    }

    @Test
    void lutLanesCostTheirMacsAndOperandRegisters() {
        DepthwiseEngineSpec e = new DepthwiseEngineSpec(2, 3, MacKind.LUT_FIXED, 1, 13, 1);
        ResourceVector want = M.lutFixedMac(4, 4, 13, FpgaFamily.SERIES7).times(6)
                .plus(M.sp2Mac(4, 4, e.sp2AccumulatorBits(4), FpgaFamily.SERIES7).times(2))
                .plus(ResourceVector.ofLut(0, 8 * 8))
                .plus(M.buffer(new BufferSpec("depthwise_weights", 1024, 4 * 8, 1, false, MemoryKind.BRAM), Z7020));
        assertEquals(want, M.depthwiseEngine(e, 4, 4, Z7020));
        assertEquals(0, want.dsp());
    }

    @Test
    void theRuleFillsItsShareAndSplitsAtTheBalancedFraction() {
        AcceleratorSpec a = design(Optional.of(DSP), Optional.of(LUT));
        DepthwiseEngineSpec e = DepthwiseEngineSizing.size(M, a, Z7020, 0.05).orElseThrow();
        long allowed = (long) Math.floor(0.05 * DepthwiseEngineSizing.coreLutBudget(M, a, Z7020));
        assertTrue(M.depthwiseEngine(e, 4, 4, Z7020).lut() <= allowed);
        DepthwiseEngineSpec bigger = DepthwiseEngineSizing.engine(8, e.channels() + e.sp2Channels() + 1,
                DepthwiseEngineSizing.balancedFraction(a), 13);
        assertTrue(M.depthwiseEngine(bigger, 4, 4, Z7020).lut() > allowed, "one more channel lane would not fit");
        assertEquals(8, e.pixels());
        assertEquals(13, e.accumulatorBits());
        assertEquals(MacKind.LUT_FIXED, e.fixedMac());
        assertEquals(2 * (e.channels() + e.sp2Channels()), e.weightBankKib());
        // 96 LUT-core MACs against 704 DSP products per clock: F = 0.12, one SP2 lane of 5 (the budget
        // less the priced requantization, output stage, AXI interconnect and controller)
        assertEquals(1, e.sp2Channels());
        assertEquals(4, e.channels());
    }

    @Test
    void dspOnlyAndLutOnlyDesignsGetEnginesToo() {
        DepthwiseEngineSpec dspOnly = DepthwiseEngineSizing.size(M, design(Optional.of(DSP), Optional.empty()), Z7020,
                0.05).orElseThrow();
        assertEquals(0, dspOnly.sp2Channels(), "no SP2 rows, no SP2 lanes");
        DepthwiseEngineSpec lutOnly = DepthwiseEngineSizing.size(M, design(Optional.empty(), Optional.of(LUT)), Z7020,
                0.05).orElseThrow();
        assertEquals(1, lutOnly.channels(), "one fixed-point lane, the rest SP2");
        assertTrue(lutOnly.sp2Channels() >= 1);
    }
}
