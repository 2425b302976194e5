package org.msqsim.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.msqsim.core.resource.CostConstants;

/** The specs' with-methods change one thing and keep the rest; the bit-width rule does what it says. */
class SpecWithTest {
    private static final PeArraySpec DSP = new PeArraySpec("dsp_core", MacKind.DSP, Dataflow.OUTPUT_STATIONARY, 16,
            44, 4, 200_000_000L, 24);
    private static final PeArraySpec LUT = new PeArraySpec("lut_core", MacKind.LUT_SP2, Dataflow.OUTPUT_STATIONARY,
            16, 24, 1, 200_000_000L, 24);
    private static final BufferSpec BUF = new BufferSpec("weight", 64 * 1024, 64, 4, true, MemoryKind.BRAM);
    private static final DdrSpec DDR = new DdrSpec("DDR3", 32, 1066, 0.75, 128, 120_000, 30_000,
            List.of(new AxiPortSpec("hp0", 64, 150_000_000L)));

    private static AcceleratorSpec design() {
        return new AcceleratorSpec("msq", Optional.of(DSP), Optional.of(LUT), BUF.withBanks(1), BUF, BUF.withBanks(2),
                DDR, 100_000_000L, 4, 4);
    }

    @Test
    void peArrayWithMethodsChangeOneField() {
        assertEquals(new PeArraySpec("dsp_core", MacKind.DSP, Dataflow.OUTPUT_STATIONARY, 8, 12, 4, 200_000_000L,
                24), DSP.withShape(8, 12));
        assertEquals(2, DSP.withPacking(2).packing());
        assertEquals(150_000_000L, DSP.withClockHz(150_000_000L).clockHz());
        assertEquals(32, DSP.withAccumulatorBits(32).accumulatorBits());
        assertEquals(MacKind.LUT_FIXED, LUT.withMac(MacKind.LUT_FIXED).mac());
        assertThrows(IllegalArgumentException.class, () -> DSP.withMac(MacKind.LUT_SP2), "packing 4 on LUT MACs");
        assertEquals(DSP, DSP.withPacking(2).withPacking(4));
    }

    @Test
    void bufferAndAcceleratorWithMethodsChangeOneField() {
        assertEquals(new BufferSpec("weight", 32 * 1024, 128, 8, true, MemoryKind.BRAM),
                BUF.withBanks(8).withWidthBits(128).withCapacityBytes(32 * 1024));
        AcceleratorSpec a = design();
        assertEquals("other", a.withName("other").name());
        AcceleratorSpec lutOnly = a.withCores(Optional.empty(), Optional.of(LUT));
        assertTrue(lutOnly.dspCore().isEmpty());
        assertEquals(a, lutOnly.withCores(a.dspCore(), a.lutCore()));
        assertEquals(BUF, a.withBuffers(BUF, BUF, BUF).inputBuffer());
        assertThrows(IllegalArgumentException.class, () -> a.withCores(Optional.empty(), Optional.empty()));
    }

    @Test
    void widerOperandsLowerThePackingAndGrowTheAccumulators() {
        BitWidthChange w = BitWidthChange.of(design(), 6);
        assertEquals(6, w.bits());
        assertEquals(4, w.accumulatorGrowth());
        assertEquals(Optional.of(new BitWidthChange.LoweredPacking(4, 2)), w.loweredPacking());
        PeArraySpec dsp = w.after().dspCore().orElseThrow();
        assertEquals(DSP.withPacking(2).withAccumulatorBits(28), dsp);
        assertEquals(LUT.withAccumulatorBits(28), w.after().lutCore().orElseThrow());
        assertEquals(6, w.after().activationBits());
        assertEquals(w.after(), design().withBits(6));
    }

    @Test
    void narrowerOperandsKeepTheDesign() {
        BitWidthChange w = BitWidthChange.of(design(), 3);
        assertEquals(0, w.accumulatorGrowth());
        assertTrue(w.loweredPacking().isEmpty());
        assertEquals(design().dspCore(), w.after().dspCore());
        assertEquals(3, w.after().weightBits());
    }

    @Test
    void accumulatorsStopAtFortyEightBits() {
        AcceleratorSpec wide = design().withCores(Optional.of(DSP.withAccumulatorBits(46)), Optional.empty());
        assertEquals(48, wide.withBits(8).dspCore().orElseThrow().accumulatorBits());
        assertEquals(8, BitWidthChange.of(wide, 8).accumulatorGrowth(), "the growth asked for, before the cap");
    }

    /** A depthwise engine's accumulators grow with the width as the cores' do, to at most 24 bits; withDdr keeps it. */
    @Test
    void depthwiseEngineAccumulatorsGrowWithTheWidth() {
        DepthwiseEngineSpec e = new DepthwiseEngineSpec(16, 10, MacKind.LUT_FIXED, 2, 13, 24);
        AcceleratorSpec a = design().withDepthwiseEngine(Optional.of(e));
        assertEquals(e.withAccumulatorBits(21), a.withBits(8).depthwiseEngine().orElseThrow());
        assertEquals(e, a.withBits(3).depthwiseEngine().orElseThrow(), "never shrinks");
        assertEquals(24, a.withDepthwiseEngine(Optional.of(e.withAccumulatorBits(20))).withBits(8).depthwiseEngine()
                .orElseThrow().accumulatorBits(), "TWO24 cap");
        assertEquals(Optional.of(e), a.withDdr(DDR).depthwiseEngine());
    }

    @Test
    void costConstantsWithMethodsChangeOneCeiling() {
        CostConstants d = CostConstants.defaults();
        CostConstants c = d.withLutCeiling(0.5).withDspCeiling(0.6).withBramCeiling(0.7).withFfCeiling(0.4)
                .withUramCeiling(0.3);
        assertEquals(0.5, c.lutCeiling());
        assertEquals(0.6, c.dspCeiling());
        assertEquals(0.7, c.bramCeiling());
        assertEquals(0.4, c.ffCeiling());
        assertEquals(0.3, c.uramCeiling());
        assertEquals(d, c.withLutCeiling(d.lutCeiling()).withDspCeiling(d.dspCeiling())
                .withBramCeiling(d.bramCeiling()).withFfCeiling(d.ffCeiling()).withUramCeiling(d.uramCeiling()));
        assertThrows(IllegalArgumentException.class, () -> d.withLutCeiling(1.5));
    }
}
