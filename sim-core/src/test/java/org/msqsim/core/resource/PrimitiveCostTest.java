package org.msqsim.core.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.msqsim.core.fixed.DspKind;
import org.msqsim.core.spec.FpgaFamily;

/** Hand-computed costs of the fabric primitives and the three MAC kinds (docs/cost-model.md). */
class PrimitiveCostTest {
    private final CostModel m = CostModel.defaults();

    @ParameterizedTest
    @EnumSource(FpgaFamily.class)
    void sixteenBitAdderIsSixteenLuts(FpgaFamily f) {
        assertEquals(ResourceVector.ofLut(16, 0), m.adder(16, f));
        assertEquals(ResourceVector.ofLut(16, 16), m.adder(16, f, true));
    }

    @Test
    void carryPrimitivesFollowTheFamily() {
        assertEquals(4, m.carryPrimitives(16, FpgaFamily.SERIES7));
        assertEquals(2, m.carryPrimitives(16, FpgaFamily.ULTRASCALE_PLUS));
        assertEquals(5, m.carryPrimitives(17, FpgaFamily.SERIES7));
        assertEquals(3, m.carryPrimitives(17, FpgaFamily.ULTRASCALE_PLUS));
    }

    @ParameterizedTest(name = "{0} bits x {1} positions = {2} LUT")
    @CsvSource({"32,32,96", "8,4,8", "8,2,8", "8,1,0", "8,16,16", "8,17,24", "22,16,44", "14,8,28"})
    void barrelShifterIsBitsTimesCeilLog4Positions(int bits, int positions, long luts) {
        assertEquals(ResourceVector.ofLut(luts, 0), m.shifter(bits, positions));
    }

    @ParameterizedTest(name = "{1}:1 mux, {0} bits = {2} LUT")
    @CsvSource({"1,2,1", "1,4,1", "1,8,2", "1,16,4", "1,32,9", "8,4,8", "3,1,0"})
    void muxFollowsUg474(int bits, int inputs, long luts) {
        assertEquals(luts, m.mux(bits, inputs).lut());
    }

    @ParameterizedTest
    @EnumSource(FpgaFamily.class)
    void sp2MacAtFourBits(FpgaFamily f) {
        // m1=2, m2=1, L=3: term-1 shifter 6 bits x 4 positions = 6; term 2 (AND) fused; add 4 bits;
        // product register 4+3+1 = 8 FF; accumulator 32 LUT + 32 FF.
        CostModel.Product p = m.sp2Product(4, 4, f);
        assertEquals(ResourceVector.ofLut(10, 8), p.cost());
        assertEquals(8, p.bits());
        assertEquals(ResourceVector.ofLut(42, 40), m.sp2Mac(4, 4, 32, f));
    }

    @ParameterizedTest
    @EnumSource(FpgaFamily.class)
    void sp2MacAtEightBits(FpgaFamily f) {
        // m1=4, m2=3, L=15: term 1 22 bits x 16 positions = 44; term 2 14 bits x 8 positions = 28;
        // add 8+8-2 = 14; product register 8+15+1 = 24 FF.
        assertEquals(ResourceVector.ofLut(86, 24), m.sp2Product(8, 8, f).cost());
        assertEquals(ResourceVector.ofLut(118, 56), m.sp2Mac(8, 8, 32, f));
    }

    @Test
    void lutFixedMultiplierUsesFinnR() {
        // (2*ceil(8/6) - 1) * 8 = 24; (2*ceil(16/6) - 1) * 16 = 80
        assertEquals(ResourceVector.ofLut(24, 8), m.lutFixedProduct(4, 4, FpgaFamily.SERIES7).cost());
        assertEquals(ResourceVector.ofLut(80, 16), m.lutFixedProduct(8, 8, FpgaFamily.SERIES7).cost());
        assertEquals(ResourceVector.ofLut(56, 40), m.lutFixedMac(4, 4, 32, FpgaFamily.SERIES7));
    }

    @Test
    void handOptimisedMultiplierIsFourByFourOnly() {
        CostModel hand = new CostModel(CostConstants.defaults()
                .withLutMultiplier(CostConstants.LutMultiplierModel.HAND_OPTIMISED_4X4));
        assertEquals(11, hand.lutFixedProduct(4, 4, FpgaFamily.SERIES7).cost().lut());
        assertThrows(IllegalArgumentException.class, () -> hand.lutFixedProduct(8, 8, FpgaFamily.SERIES7));
    }

    /*
     * Packed-DSP lane facts by hand, from PackedLayout (narrow weights, unsigned activations):
     *   8-bit, 2 lanes (both kinds): offsets {0, 16}, R = 48 - 16 = 32; products in [-127*255, 127*255]
     *     = ±32,385; depth = floor((2^31 - 1) / 32,385) = 66,311 (2^16 <= 66,311 < 2^17: 17 bits);
     *     hiBits = 17 + 1 = 18.
     *   4-bit, 4 lanes, DSP48E1: offsets {0, 7, 14, 21}, R = 27; products ±7*15 = ±105;
     *     depth = floor((2^26 - 1) / 105) = 639,132 (2^19 <= . < 2^20: 20 bits); hiBits = 21.
     *   4-bit, 4 lanes, DSP48E2: offsets {0, 8, 16, 23}, R = 25; depth = (2^24 - 1) / 105 = 159,783
     *     exactly (2^17 <= . < 2^18: 18 bits); hiBits = 19.
     */
    @ParameterizedTest(name = "{0}: {1} lanes w{2}")
    @CsvSource({"DSP48E1,2,8,32,66311,18", "DSP48E2,2,8,32,66311,18", "DSP48E1,4,4,27,639132,21",
        "DSP48E2,4,4,25,159783,19"})
    void packedDspFactsFollowTheSimulatedLayout(DspKind kind, int lanes, int bits, int r, int depth, int hi) {
        PackedDspCost facts = m.packedDsp(lanes, bits, bits, kind);
        assertEquals(new PackedDspCost(lanes, r, depth, hi), facts);
        // fabric state of the unresolved result: (p - 1) counters; with P, 48 + (p - 1)*hiBits
        assertEquals((long) (lanes - 1) * hi, facts.counterBits());
        assertEquals(48L + (long) (lanes - 1) * hi, facts.rawBits());
    }

    @ParameterizedTest
    @EnumSource(DspKind.class)
    void dspPacking(DspKind kind) {
        assertEquals(new ResourceVector(0, 0, 1, 0, 0), m.dspMac(1, 8, 8, 32, kind));
        // Counters of FINN's widths, 1 + clog2(2^(acc - LO - 1) + 1), capped by the chain's carries
        // (PackedDspMac#counterBits). 2 lanes at 8 bits, acc 24, LO 16: 9 bits; one canary + counter
        // 1 + 9 = 10; resolve 2*24 = 48 -> 58
        assertEquals(new ResourceVector(58, 58, 1, 0, 0), m.dspMac(2, 8, 8, 24, kind));
        // acc 32 = R still fits P: counter 17 (FINN; the depth 66,311 would need 18): 18 + 2*32 = 82
        assertEquals(new ResourceVector(82, 82, 1, 0, 0), m.dspMac(2, 8, 8, 32, kind));
        // 4 lanes at 4 bits, acc 12 (chain of 19 products: 6 bits at most): E1 LO 7,7,7 -> 6,6,6:
        // 3 + 18 + 4*12 = 69; E2 LO 8,8,7 -> 5,5,6: 3 + 16 + 48 = 67
        long four = kind == DspKind.DSP48E1 ? 69 : 67;
        assertEquals(new ResourceVector(four, four, 1, 0, 0), m.dspMac(4, 4, 4, 12, kind));
        // acc 24: E1 3 + 3*18 + 96 = 153; E2 3 + 17 + 17 + 18 + 96 = 151
        long four24 = kind == DspKind.DSP48E1 ? 153 : 151;
        assertEquals(new ResourceVector(four24, four24, 1, 0, 0), m.dspMac(4, 4, 4, 24, kind));
        assertThrows(IllegalArgumentException.class, () -> m.dspMac(4, 8, 8, 32, kind));
        assertThrows(IllegalArgumentException.class, () -> m.dspMac(3, 4, 4, 32, kind));
    }

    @ParameterizedTest
    @EnumSource(DspKind.class)
    void packedAccumulatorWiderThanALaneIsRejectedNamingTheWidths(DspKind kind) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.dspMac(2, 8, 8, 33, kind));
        assertTrue(e.getMessage().contains("33 bits") && e.getMessage().contains("32-bit lanes"), e.getMessage());
        // 26 bits fits E1's 27-bit lanes, not E2's 25-bit ones; 28 fits neither
        if (kind == DspKind.DSP48E1) {
            assertEquals(1, m.dspMac(4, 4, 4, 26, kind).dsp());
        } else {
            e = assertThrows(IllegalArgumentException.class, () -> m.dspMac(4, 4, 4, 26, kind));
            assertTrue(e.getMessage().contains("26 bits") && e.getMessage().contains("25-bit lanes"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> m.dspMac(4, 4, 4, 28, kind));
        // packing 1: P is 48 bits, no lane limit
        assertEquals(new ResourceVector(0, 0, 1, 0, 0), m.dspMac(1, 4, 4, 48, kind));
    }

    @Test
    void accumulatorNarrowerThanTheProductIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> m.sp2Mac(8, 8, 16, FpgaFamily.SERIES7));
        assertThrows(IllegalArgumentException.class, () -> m.adder(0, FpgaFamily.SERIES7));
    }

    @ParameterizedTest
    @EnumSource(FpgaFamily.class)
    void moreBitsAreNeverCheaper(FpgaFamily f) {
        for (int w = 3; w <= 8; w++) {
            for (int a = 2; a <= 8; a++) {
                long sp2 = m.sp2Product(w, a, f).cost().lut();
                long fixed = m.lutFixedProduct(w, a, f).cost().lut();
                if (w < 8) {
                    assertTrue(m.sp2Product(w + 1, a, f).cost().lut() >= sp2, "sp2 w " + w + " a " + a);
                    assertTrue(m.lutFixedProduct(w + 1, a, f).cost().lut() >= fixed, "fixed w " + w);
                }
                if (a < 8) {
                    assertTrue(m.sp2Product(w, a + 1, f).cost().lut() >= sp2, "sp2 a " + a + " w " + w);
                    assertTrue(m.lutFixedProduct(w, a + 1, f).cost().lut() >= fixed, "fixed a " + a);
                }
                for (int acc = 24; acc < 48; acc++) {
                    assertTrue(m.sp2Mac(w, a, acc + 1, f).lut() > m.sp2Mac(w, a, acc, f).lut());
                    assertTrue(m.lutFixedMac(w, a, acc + 1, f).lut() > m.lutFixedMac(w, a, acc, f).lut());
                }
            }
        }
        for (int bits = 1; bits < 64; bits++) {
            assertTrue(m.adder(bits + 1, f).lut() > m.adder(bits, f).lut());
            for (int s = 1; s < 70; s++) {
                assertTrue(m.shifter(bits + 1, s).lut() >= m.shifter(bits, s).lut());
                assertTrue(m.shifter(bits, s + 1).lut() >= m.shifter(bits, s).lut());
                assertTrue(m.mux(bits, s + 1).lut() >= m.mux(bits, s).lut());
            }
        }
    }
}
