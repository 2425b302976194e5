package org.msqsim.core.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.msqsim.core.fixed.DspKind;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.AxiPortSpec;
import org.msqsim.core.spec.BufferSpec;
import org.msqsim.core.spec.Dataflow;
import org.msqsim.core.spec.DdrSpec;
import org.msqsim.core.spec.DeviceSpec;
import org.msqsim.core.spec.Drain;
import org.msqsim.core.spec.FpgaFamily;
import org.msqsim.core.spec.MacKind;
import org.msqsim.core.spec.MemoryKind;
import org.msqsim.core.spec.PeArraySpec;

/** Buffers, PE arrays, overheads, the breakdown and the fit check. */
class AcceleratorCostTest {
    private static final DeviceSpec Z7020 =
            new DeviceSpec("xc7z020clg400-1", FpgaFamily.SERIES7, 53_200, 106_400, 220, 140, 0);
    private static final DeviceSpec ZU7EV =
            new DeviceSpec("xczu7ev-ffvc1156-2-e", FpgaFamily.ULTRASCALE_PLUS, 230_400, 460_800, 1_728, 312, 96);
    private static final DeviceSpec U250 =
            new DeviceSpec("xcu250-figd2104-2L-e", FpgaFamily.ULTRASCALE_PLUS, 1_728_000, 3_456_000, 12_288, 2_688,
                    1_280);
    private final CostModel m = CostModel.defaults();

    private static BufferSpec bram(long bytes, int width, int banks, boolean dbl) {
        return new BufferSpec("buf", bytes, width, banks, dbl, MemoryKind.BRAM);
    }

    @ParameterizedTest(name = "{0} bytes, {1} bits x {2} banks = {3} RAMB18")
    @CsvSource({
        "4608,36,1,2",     // 36 Kb of 36-bit words: one RAMB36 (1K x 36)
        "4608,72,1,2",     // 512 x 72: one RAMB36 in SDP mode
        "65536,64,1,32",   // 64 KiB of 64-bit words: 16 RAMB36
        "2304,36,1,1",     // 18 Kb of 36-bit words: one RAMB18 (512 x 36 SDP)
        "1,8,1,1",         // one byte still takes a block
        "4097,8,1,3",      // 4097 x 8: three RAMB18 of 2K x 9
        "16384,64,4,8",    // four banks of 4 KiB x 64 bits: one RAMB36 each
        "4609,36,1,3",     // one word past a RAMB36: plus one RAMB18
        "9216,144,1,4"})   // 512 x 144: two RAMB36 side by side
    void blockRamShapes(long bytes, int width, int banks, long bram18) {
        ResourceVector v = m.buffer(bram(bytes, width, banks, false), Z7020);
        assertEquals(new ResourceVector(0, 0, 0, bram18, 0), v);
        assertEquals(v, m.buffer(bram(bytes, width, banks, true), Z7020), "double buffering adds no blocks");
    }

    @Test
    void uramIsFourKBySeventyTwo() {
        BufferSpec one = new BufferSpec("w", 4096L * 72 / 8, 72, 1, true, MemoryKind.URAM);
        assertEquals(new ResourceVector(0, 0, 0, 0, 1), m.buffer(one, ZU7EV));
        BufferSpec wide = new BufferSpec("w", 4097L * 144 / 8, 144, 2, false, MemoryKind.URAM);
        // per bank: 4097*144/8/2 bytes at 144 bits = 2049 words -> 2 wide x 1 deep = 2; two banks
        assertEquals(4, m.buffer(wide, ZU7EV).uram());
    }

    @Test
    void uramOnADeviceWithoutUramIsRejected() {
        BufferSpec u = new BufferSpec("weights", 1 << 16, 72, 1, false, MemoryKind.URAM);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.buffer(u, Z7020));
        assertTrue(e.getMessage().contains("weights") && e.getMessage().contains("xc7z020clg400-1"), e.getMessage());
    }

    private static PeArraySpec array(MacKind mac, Dataflow df, int rows, int cols, int packing, int acc) {
        return new PeArraySpec(mac == MacKind.DSP ? "dsp_core" : "lut_core", mac, df, rows, cols, packing,
                200_000_000L, acc);
    }

    @Test
    void systolicArraysByHand() {
        // OS, SP2 4x4, acc 32: MAC 42 LUT/40 FF; drain in place, folded into the accumulator; act 4 FF +
        // weight 4 FF
        assertEquals(ResourceVector.ofLut(168, 192),
                m.peArray(array(MacKind.LUT_SP2, Dataflow.OUTPUT_STATIONARY, 2, 2, 1, 32), 4, 4, FpgaFamily.SERIES7));
        // WS, LUT fixed 4x4, acc 16: MAC 24+16 LUT, 8+16 FF; act 4 FF + 2 weights 8 FF
        assertEquals(ResourceVector.ofLut(160, 144),
                m.peArray(array(MacKind.LUT_FIXED, Dataflow.WEIGHT_STATIONARY, 2, 2, 1, 16), 4, 4,
                        FpgaFamily.ULTRASCALE_PLUS));
        // WS, DSP packing 2 at 8 bits, acc 24, DSP48E2: a column of 2 rows is the chain, and the
        // guard-bit layout (upper lane at offset 19) holds 8 products of ±32,385, so no canary and no
        // counter (issue 13 point 9); per PE act 8 + 2*2*8 weight FF; per column (2) resolve 2*24 = 48
        // LUT/FF. LUT 2*48 = 96; FF 4*(8 + 32) + 2*48 = 256
        assertEquals(new ResourceVector(2 * 48, 4 * (8 + 32) + 2 * 48, 4, 0, 0),
                m.peArray(array(MacKind.DSP, Dataflow.WEIGHT_STATIONARY, 2, 2, 2, 24), 8, 8,
                        FpgaFamily.ULTRASCALE_PLUS));
    }

    /**
     * Issue 13 point 9: 2-lane W4A4 on DSP48E1 is built with guard bits (upper lane at offset 21,
     * 9,986 products) when the accumulator bounds the chain within them (acc 21:
     * (2^20 − 1)/105 = 9,986), and with FINN's canaries one accumulator bit later.
     */
    @Test
    void twoLaneFourBitSlicesUseGuardBitsWhenTheAccumulatorBoundsTheChain() {
        // acc 21: per PE act 4 + weights 2*4 = 12 FF, no canary, no counter to drain; per column resolve
        // 2*21 = 42 LUT/FF. LUT 2*42 = 84; FF 2*12 + 84 = 108
        assertEquals(new ResourceVector(84, 108, 2, 0, 0),
                m.peArray(array(MacKind.DSP, Dataflow.OUTPUT_STATIONARY, 1, 2, 2, 21), 4, 4, FpgaFamily.SERIES7));
        assertEquals(0, m.packedDsp(2, 4, 4, 21, 9_986, DspKind.DSP48E1).counterBits());
        // acc 22: chain 19,972 > 9,986, FINN's layout at offset 8: counter 1 + clog2(2^(22-8-1) + 1) = 15
        // bits; canary + counter 16 LUT/FF, counter drain 15 LUT; resolve 2*22 = 44 per column.
        // LUT 2*(16 + 15) + 88 = 150; FF 2*(16 + 12) + 88 = 144
        assertEquals(new ResourceVector(150, 144, 2, 0, 0),
                m.peArray(array(MacKind.DSP, Dataflow.OUTPUT_STATIONARY, 1, 2, 2, 22), 4, 4, FpgaFamily.SERIES7));
    }

    @Test
    void outputStationaryDspArraysDrainPDownTheCascadeAndResolvePerColumn() {
        // OS, DSP p=4 at 4 bits, acc 24, 2 rows x 3 cols, 7-series (DSP48E1, counters of FINN's
        // 1 + clog2(2^(24-7-1) + 1) = 18 bits): per PE canaries 3*(1+18) = 57 LUT/FF; drain: P down
        // PCOUT->PCIN (0), the 3*18 = 54 counter bits shift in place through a 2:1 mux each: 54 LUT,
        // 0 FF; act 4 + weights 4*4 = 20 FF. 6 PEs: LUT 6*(57+54) = 666, FF 6*(57+20) = 462;
        // 3 columns x resolve 4*24 = 96 -> +288
        assertEquals(new ResourceVector(666 + 288, 462 + 288, 6, 0, 0),
                m.peArray(array(MacKind.DSP, Dataflow.OUTPUT_STATIONARY, 2, 3, 4, 24), 4, 4, FpgaFamily.SERIES7));
        // the same on UltraScale+ (DSP48E2, LO 8, 8, 7: counters 17, 17, 18): canaries 3 + 52 = 55;
        // counter drain 52 LUT; LUT 6*107 = 642, FF 6*(55+20) = 450; + 288
        assertEquals(new ResourceVector(642 + 288, 450 + 288, 6, 0, 0),
                m.peArray(array(MacKind.DSP, Dataflow.OUTPUT_STATIONARY, 2, 3, 4, 24), 4, 4,
                        FpgaFamily.ULTRASCALE_PLUS));
        // DSP p=2 at 8 bits, acc 24, 1 x 2, DSP48E2 (counter 1 + clog2(2^7 + 1) = 9 bits): canary 10
        // LUT/FF, counter drain 9 LUT; act 8 + weights 2*8 = 24 FF; per column resolve 2*24 = 48 LUT/FF.
        // LUT 2*(10+9) + 2*48 = 134; FF 2*(10+24) + 2*48 = 164
        assertEquals(new ResourceVector(134, 164, 2, 0, 0),
                m.peArray(array(MacKind.DSP, Dataflow.OUTPUT_STATIONARY, 1, 2, 2, 24), 8, 8,
                        FpgaFamily.ULTRASCALE_PLUS));
        // OS, DSP p=1 at 8 bits, acc 32, 2x2: no fabric MAC and no fabric drain (P cascade);
        // act 8 + weight 8 FF per PE
        assertEquals(new ResourceVector(0, 4 * 16, 4, 0, 0),
                m.peArray(array(MacKind.DSP, Dataflow.OUTPUT_STATIONARY, 2, 2, 1, 32), 8, 8, FpgaFamily.SERIES7));
        // the LUT PE draining in place: SP2 4x4, acc 24, 1x1: MAC 10 + 24 LUT, 8 + 24 FF, the drain mux
        // folded into the accumulator's LUT6_2; act 4 + weight 4 FF -> 34 LUT, 40 FF
        PeArraySpec sp2 = array(MacKind.LUT_SP2, Dataflow.OUTPUT_STATIONARY, 1, 1, 1, 24);
        assertEquals(ResourceVector.ofLut(34, 40), m.peArray(sp2, 4, 4, FpgaFamily.ULTRASCALE_PLUS));
        // overlapped: + shadow 24 LUT/FF + control 1 LUT, 2 FF per PE; + one running-sum adder 24 LUT/FF
        // per column -> 59 + 24 LUT, 66 + 24 FF
        assertEquals(ResourceVector.ofLut(59 + 24, 66 + 24),
                m.peArray(sp2.withDrain(Drain.OVERLAPPED), 4, 4, FpgaFamily.ULTRASCALE_PLUS));
        // DSP p=1, acc 32, 2x2, overlapped: shadow 32 + 1 LUT, 32 + 2 FF per PE; 2 columns x adder 32
        assertEquals(new ResourceVector(4 * 33 + 2 * 32, 4 * (16 + 34) + 2 * 32, 4, 0, 0),
                m.peArray(array(MacKind.DSP, Dataflow.OUTPUT_STATIONARY, 2, 2, 1, 32).withDrain(Drain.OVERLAPPED),
                        8, 8, FpgaFamily.SERIES7));
        // an accumulator wider than the lanes is rejected: 26 > R = 25 on DSP48E2
        assertThrows(IllegalArgumentException.class, () -> m.peArray(array(MacKind.DSP,
                Dataflow.OUTPUT_STATIONARY, 2, 2, 4, 26), 4, 4, FpgaFamily.ULTRASCALE_PLUS));
    }

    @Test
    void dotProductArraysByHand() {
        // DSP 8 lanes x 4 PEs: 32 slices, cascade sums; FF: weights 8*8 per PE, activations 8*8 once
        assertEquals(new ResourceVector(0, 4 * 64 + 64, 32, 0, 0),
                m.peArray(array(MacKind.DSP, Dataflow.DOT_PRODUCT, 8, 4, 1, 32), 8, 8, FpgaFamily.SERIES7));
        // DSP p=4 at 4 bits, 8 lanes x 2 PEs, acc 20, DSP48E2 (LO 8, 8, 7: counters 13, 13, 14 by
        // FINN's width; the chain of 4,993 products would allow 14): per PE 8 slices x canaries
        // 3 + 40 = 344 LUT/FF, resolve once 4*20 = 80 LUT/FF, weights 8*4*4 = 128 FF;
        // LUT 2*(344+80) = 848; FF 2*(424+128) + activations 8*4 = 1,136
        assertEquals(new ResourceVector(848, 1_136, 16, 0, 0),
                m.peArray(array(MacKind.DSP, Dataflow.DOT_PRODUCT, 8, 2, 4, 20), 4, 4, FpgaFamily.ULTRASCALE_PLUS));
        // LUT fixed 4x4, 4 lanes, 1 PE, acc 16: lanes 4*(24, 8); tree 2*9 + 10 registered; acc 16;
        // weights 16 FF, activations 16 FF
        assertEquals(ResourceVector.ofLut(96 + 28 + 16, 32 + 28 + 16 + 16 + 16),
                m.peArray(array(MacKind.LUT_FIXED, Dataflow.DOT_PRODUCT, 4, 1, 1, 16), 4, 4, FpgaFamily.SERIES7));
        // SP2 4-bit, 2 lanes: lanes 2*(10, 8); tree of 3 8-bit inputs: 9 + 10 LUT, 9 + 8 + 10 FF;
        // popcount of 2 sign bits: 2 LUT 2 FF; acc 16
        assertEquals(ResourceVector.ofLut(20 + 19 + 2 + 16, 16 + 27 + 2 + 16 + 8 + 8),
                m.peArray(array(MacKind.LUT_SP2, Dataflow.DOT_PRODUCT, 2, 1, 1, 16), 4, 4, FpgaFamily.SERIES7));
    }

    private static AcceleratorSpec accel(String portName, String ddrType, PeArraySpec lut, PeArraySpec dsp,
                                         MemoryKind weights) {
        List<AxiPortSpec> ports = List.of(new AxiPortSpec(portName + "0", 64, 150_000_000L),
                new AxiPortSpec(portName + "2", 64, 150_000_000L));
        DdrSpec ddr = new DdrSpec(ddrType, 16, 1050, 0.75, 64, 100_000, 10_000, ports);
        return new AcceleratorSpec("msq", Optional.ofNullable(dsp), Optional.ofNullable(lut),
                bram(16 * 1024, 64, 1, true), new BufferSpec("weights", 32 * 1024, 64, 1, true, weights),
                bram(8 * 1024, 64, 1, true), ddr, 100_000_000L, 4, 4);
    }

    @Test
    void breakdownNamesEveryComponentAndSumsToTheTotal() {
        PeArraySpec lut = array(MacKind.LUT_SP2, Dataflow.OUTPUT_STATIONARY, 8, 8, 1, 24);
        PeArraySpec dsp = array(MacKind.DSP, Dataflow.OUTPUT_STATIONARY, 8, 8, 4, 12);
        CostBreakdown b = m.accelerator(accel("S_AXI_HP", "DDR3-1066 x16", lut, dsp, MemoryKind.BRAM), Z7020);
        assertEquals(List.of("dsp_core", "lut_core", "input_buffer", "weight_buffer", "output_buffer",
                "line_buffer", "dma", "control", "requantization", "elementwise", "axi_interconnect",
                "memory_controller"), List.copyOf(b.parts().keySet()));
        ResourceVector sum = ResourceVector.ZERO;
        for (ResourceVector v : b.parts().values()) {
            sum = sum.plus(v);
        }
        assertEquals(sum, b.total());
        assertEquals(64, b.part("dsp_core").dsp());
        assertEquals(ResourceVector.ZERO, b.part("memory_controller"), "Zynq PS DDR costs no PL");
        assertEquals(new ResourceVector(3_000, 4_000, 0, 4, 0), b.part("dma"), "one DMA per AXI port");
        // FINN-R's 300-LUT base and the 12 loop registers' 384 FF; 6 loops x (32-bit increment +
        // 32-bit comparator); 4 DMA streams x (address adder + length counter), registered, 32 bits;
        // 16 host registers of 32 bits read through a 16:1 mux (4 LUT per bit).
        assertEquals(ResourceVector.ofLut(300 + 12 * 32 + 8 * 32 + 32 * 4, 384 + 8 * 32 + 16 * 32), b.part("control"));
        // Requantization, 8 lanes (the rows) at A = 4: 1 DSP; a 5-bit shifter over 64 shifts (5 x 3 LUT);
        // the 40-bit overflow mask (40 LUT) and OR tree (14 + 3 + 1); the 4-bit clamp mux; 4 + 1 + 4 FF.
        // Parameters of 8 x 4 + 8 = 40 channels, 64 bits wide, double-buffered: 80 words of 64 bits, two
        // 36-bit RAMB18 side by side (or one 512 x 72 RAMB36).
        assertEquals(new ResourceVector(8 * (15 + 40 + 18 + 4), 8 * 9, 8, 2, 0), b.part("requantization"));
        // Add lane: two FINN-R 16x4 multipliers (7 x 20 LUT, 20 FF each), a registered 21-bit adder,
        // the 4-bit clamp; pool lane: 4 x (4-bit comparator + 4-bit mux + 4 FF). Plus the 8 KiB pool
        // row buffer, 32 bits wide (2K x 32: 2 RAMB36 = 4 RAMB18), and the skip FIFO of 2 x 64 B (1 RAMB18).
        assertEquals(new ResourceVector(8 * (2 * 140 + 21 + 4 + 4 * 8), 8 * (2 * 20 + 21 + 4 * 4), 0, 4 + 1, 0),
                b.part("elementwise"));
        // Per port: the 54-bit AR channel through a 3:1 mux (1 LUT per bit), an 8-LUT arbiter, a 2-LUT
        // routing FIFO; 54 + 2 FF.
        assertEquals(ResourceVector.ofLut(2 * (54 + 8 + 2), 2 * (54 + 2)), b.part("axi_interconnect"));
        // Line buffer, 8 rows x 4 bit: counters and adders 7 x 16 LUT/FF + 4 x 16 LUT comparators +
        // 2 x 20 LUT/FF row bases = 216 LUT, 152 FF; aligner: a 32-bit shifter over 8 positions
        // (32 x 2 LUT) and the second word's 32 FF.
        assertEquals(ResourceVector.ofLut(216 + 64, 152 + 32), b.part("line_buffer"));
        assertEquals(8 + 16 + 4, b.part("input_buffer").bram18() + b.part("weight_buffer").bram18()
                + b.part("output_buffer").bram18());
    }

    @Test
    void memoryControllerOnlyWhenThePlHoldsOne() {
        PeArraySpec lut = array(MacKind.LUT_SP2, Dataflow.OUTPUT_STATIONARY, 4, 4, 1, 24);
        assertEquals(MemoryAttachment.PS_DDR, MemoryAttachment.infer(accel("S_AXI_HP", "DDR3", lut, null,
                MemoryKind.BRAM), Z7020));
        AcceleratorSpec zc706Pl = accel("mig_port", "DDR3-1600 x64 SODIMM", lut, null, MemoryKind.BRAM);
        assertEquals(new ResourceVector(11_868, 9_107, 0, 1, 0), m.accelerator(zc706Pl, Z7020)
                .part("memory_controller"), "a 7-series part gets the 7-series DDR3 MIG");
        AcceleratorSpec u250 = accel("ddr", "DDR4", lut, null, MemoryKind.URAM);
        assertEquals(MemoryAttachment.PL_MIG, MemoryAttachment.infer(u250, U250));
        assertEquals(new ResourceVector(20_011, 21_332, 3, 51, 0), m.accelerator(u250, U250)
                .part("memory_controller"), "an UltraScale+ part gets the DDR4 MIG");
        DdrSpec two = u250.ddr();
        AcceleratorSpec twoChannels = u250.withDdr(new DdrSpec(two.type(), two.busWidthBits(), two.dataRateMtps(),
                two.efficiency(), two.burstBytes(), two.latencyPs(), two.turnaroundPs(), two.ports(), 2));
        assertEquals(new ResourceVector(2 * 20_011, 2 * 21_332, 6, 2 * 51, 0), m.accelerator(twoChannels, U250)
                .part("memory_controller"), "one controller per channel");
        assertEquals(new ResourceVector(10_718, 21_793, 0, 8, 0),
                m.accelerator(accel("hbm", "HBM2", lut, null, MemoryKind.URAM), U250).part("memory_controller"));
        assertEquals(ResourceVector.ZERO, m.accelerator(zc706Pl, Z7020, MemoryAttachment.PS_DDR)
                .part("memory_controller"));
    }

    @Test
    void fitReportNamesOverSubscribedResources() {
        PeArraySpec big = array(MacKind.LUT_SP2, Dataflow.OUTPUT_STATIONARY, 40, 40, 1, 24);
        FitReport r = m.fit(accel("S_AXI_HP", "DDR3", big, null, MemoryKind.BRAM), Z7020);
        assertFalse(r.fits());
        assertTrue(r.used().lut() > 53_200);
        String lut = String.format(Locale.ROOT, "LUT %,d needed / 53,200 available", r.used().lut());
        assertTrue(r.overSubscribed().contains(lut), r.overSubscribed().toString());
        assertEquals((double) r.used().lut() / 53_200, r.utilisation().get("LUT"), 1e-12);
        assertEquals(List.of("LUT", "FF", "DSP", "BRAM", "URAM"), List.copyOf(r.utilisation().keySet()));
        assertEquals(0.0, r.utilisation().get("URAM"));
    }

    @Test
    void ceilingsRejectWhatTheWholeDeviceWouldHold() {
        // 16x16 SP2 OS at 4 bits, acc 24: (34 + 24 drain) LUT per PE = 14,848 LUT + overheads, under
        // 53,200 but check the 70 % ceiling against a small device
        PeArraySpec lut = array(MacKind.LUT_SP2, Dataflow.OUTPUT_STATIONARY, 16, 16, 1, 24);
        AcceleratorSpec spec = accel("S_AXI_HP", "DDR3", lut, null, MemoryKind.BRAM);
        long used = m.accelerator(spec, Z7020).total().lut();
        DeviceSpec tight = new DeviceSpec("xc7z010clg400-1", FpgaFamily.SERIES7, (long) (used / 0.8), 106_400, 80,
                60, 0);
        assertTrue(m.fit(spec, tight).fits());
        FitReport capped = m.fitWithinCeilings(spec, tight);
        assertFalse(capped.fits());
        assertEquals(1, capped.overSubscribed().size(), capped.overSubscribed().toString());
        assertTrue(capped.overSubscribed().get(0).startsWith("LUT ")
                && capped.overSubscribed().get(0).contains("allowed (70 % of"), capped.overSubscribed().toString());
        assertEquals((long) Math.floor(tight.lut() * 0.7), capped.allowed().lut());
        assertEquals((long) Math.floor(tight.ff() * 0.5), capped.allowed().ff());
    }
}
