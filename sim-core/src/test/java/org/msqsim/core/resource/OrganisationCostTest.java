package org.msqsim.core.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.msqsim.core.spec.Dataflow;
import org.msqsim.core.spec.FpgaFamily;
import org.msqsim.core.spec.MacKind;
import org.msqsim.core.spec.PeArraySpec;

/**
 * The LUT of one PE of each core organisation {@code explore} searches (issue 13 point 6), held to
 * the hand derivations of {@code docs/core-organisations.md} from msqsim's primitives, and the
 * packed DSP PE's fabric with counters sized from the accumulator (point 9).
 */
class OrganisationCostTest {
    private final CostModel m = CostModel.defaults();

    /**
     * 4-bit SP2, accumulator 24: product 10 LUT (8 bits); adder trees per {@code PeArrayCost.adderTree}.
     * os (drain in place, its mux folded into the accumulator's LUT6_2; docs/cost-model.md "Drain"):
     * 10 + 24; ws: 10 + 24; dot R: 10R + tree(R+1, 8) + tree(R, 1) + 24; os-vV: 10V + tree(V+1, 8)
     * + tree(V, 1) + 24.
     */
    @ParameterizedTest
    @CsvSource({"OUTPUT_STATIONARY, 1, 1, 34", "WEIGHT_STATIONARY, 1, 1, 34", "DOT_PRODUCT, 8, 1, 201",
        "DOT_PRODUCT, 16, 1, 384", "DOT_PRODUCT, 32, 1, 751", "OUTPUT_STATIONARY, 1, 2, 65",
        "OUTPUT_STATIONARY, 1, 4, 110", "OUTPUT_STATIONARY, 1, 8, 201"})
    void sp2PeOfEachOrganisation(Dataflow flow, int rows, int lanes, long lut) {
        PeArraySpec pe = new PeArraySpec("lut_core", MacKind.LUT_SP2, flow, rows, 1, 1, 200_000_000L, 24, lanes,
                false, false);
        assertEquals(lut, m.peArray(pe, 4, 4, FpgaFamily.SERIES7).lut());
    }

    /**
     * DSP48E1, 4 lanes at 4 bits, accumulator 24, one column of 16 PEs. Counters of 18 bits (FINN's
     * {@code 1 + clog2(2^(24 − 7 − 1) + 1)}): canaries 3 × (1 + 18) = 57 per slice; OS drains the
     * counters (3 × 18 = 54 LUT); the column resolves its 4 lanes at 24 bits (96). WS: a column of 16
     * rows makes at most 16 carries, 6-bit counters: 3 × 7 = 21 per slice, no drain.
     */
    @ParameterizedTest
    @CsvSource({"OUTPUT_STATIONARY, 1872", "WEIGHT_STATIONARY, 432"})
    void packedDspColumn(Dataflow flow, long lut) {
        PeArraySpec col = new PeArraySpec("dsp_core", MacKind.DSP, flow, 16, 1, 4, 200_000_000L, 24);
        // OS: 16 × (57 + 54) + 96 = 1,872; WS: 16 × 21 + 96 = 432
        assertEquals(lut, m.peArray(col, 4, 4, FpgaFamily.SERIES7).lut());
    }

    /**
     * Column sets (docs/cost-model.md "Column sets"): N − 1 slice boundaries, a 2:1 mux (one LUT) per
     * activation bit of each row's boundary PE. ZC706's 16 × 45 4-lane DSP core at 4-bit activations:
     * N = 2 adds 16 · 1 · 4 = 64 LUT, N = 4 adds 16 · 3 · 4 = 192; vector PEs of V = 4 lanes 4× that.
     */
    @ParameterizedTest
    @CsvSource({"2, 1, 64", "4, 1, 192", "4, 4, 768", "1, 1, 0"})
    void columnSetBoundaryMuxes(int sets, int lanes, long extraLut) {
        PeArraySpec core = new PeArraySpec("dsp_core", MacKind.DSP, Dataflow.OUTPUT_STATIONARY, 16, 45, 4,
                200_000_000L, 24, lanes, false, false);
        long none = m.peArray(core, 4, 4, FpgaFamily.SERIES7).lut();
        assertEquals(none + extraLut, m.peArray(core.withColumnSets(sets), 4, 4, FpgaFamily.SERIES7).lut());
        assertEquals(m.peArray(core, 4, 4, FpgaFamily.SERIES7).ff(),
                m.peArray(core.withColumnSets(sets), 4, 4, FpgaFamily.SERIES7).ff());
    }
    /**
     * Column sets on a dot-product array (docs/core-organisations.md "Column sets on dot-product
     * arrays"): N input-vector registers of R·A bits (N − 1 more FF sets than one broadcast vector) and a
     * mux of 1 + popcount(σ) streams per bit in front of slice σ = 1 … N − 1 (one LUT6 per bit up to 4:1).
     * ZC706's 64 × 62 SP2 core at A = 4: N = 2: one 2:1 mux of 256 bits, 256 FF; N = 4: slices 1, 2, 3
     * take 2, 2, 3 streams: 768 LUT, 768 FF; N = 8: 7 slices (2, 2, 3, 2, 3, 3, 4 streams), 1,792 LUT and FF.
     */
    @ParameterizedTest
    @CsvSource({"1, 0, 0", "2, 256, 256", "4, 768, 768", "8, 1792, 1792"})
    void dotProductColumnSets(int sets, long extraLut, long extraFf) {
        PeArraySpec core = new PeArraySpec("lut_core", MacKind.LUT_SP2, Dataflow.DOT_PRODUCT, 64, 62, 1,
                200_000_000L, 24);
        var none = m.peArray(core, 4, 4, FpgaFamily.SERIES7);
        var split = m.peArray(core.withColumnSets(sets), 4, 4, FpgaFamily.SERIES7);
        assertEquals(none.lut() + extraLut, split.lut());
        assertEquals(none.ff() + extraFf, split.ff());
        assertEquals(none.dsp(), split.dsp());
    }
}
