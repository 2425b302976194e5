package org.msqsim.core.resource;

/**
 * Every number the {@link CostModel} uses that is not a device fact fixed by the spec records. Each
 * field cites its source; {@code docs/cost-model.md} tabulates them (a test checks that every field
 * and its default value appear there). A board file or a user may override any of them by building
 * another instance; the model never fits them to a published result.
 *
 * @param lutInputs            inputs of one fabric LUT: 6 (LUT6; UG474 CLB, UG574 CLB). Used by
 *                             FINN-R's multiplier formula {@code ceil((W+A)/lutInputs)}.
 * @param muxInputsPerLut      data inputs of the widest mux one LUT6 implements: 4 (UG474
 *                             "Multiplexers": a 4:1 MUX = 1 LUT, 2 select + 4 data = 6 inputs)
 * @param handOptimised4x4Luts LUTs of the hand-optimised 4×4 LUT multiplier (Kida &amp; Sato,
 *                             facts/boards.md §5 [V3]); a lower bound, used only when
 *                             {@link LutMultiplierModel#HAND_OPTIMISED_4X4} is chosen
 * @param lutMultiplier        which LUT multiplier formula prices LUT_FIXED MACs (default FINN-R)
 * @param controllerLut        controller LUTs: FINN-R's fixed base of its LUT model, "300 + …"
 *                             (facts/boards.md §5, FINN {@code matrixvectoractivation.py})
 * @param controllerFf         controller FFs: our assumption, six 32-bit loop counters and six
 *                             32-bit bounds of the tile loop nest = 12 · 32 (FINN gives no FF base)
 * @param dmaLutPerPort        LUTs of one AXI DMA / datamover per AXI port: assumption (no PG021
 *                             table could be read; a whole public XC7Z045 design with one AXI DMA,
 *                             an AXI IIC, an interconnect and a custom IP placed at 2,175 LUT, so one
 *                             simple-mode DMA lies below that)
 * @param dmaFfPerPort         FFs of one DMA per port: assumption, same cross-check (3,218 registers
 *                             for that whole design)
 * @param dmaBram18PerPort     RAMB18 of one DMA per port: assumption, one data FIFO per direction
 *                             (that design placed 1.5 RAMB36 = 3 RAMB18 in all)
 * @param migLut               LUTs of one UltraScale+ DDR4 memory controller (PG150 MIG, one per channel):
 *                             the Vivado synthesis report of the IP in the U250's board preset (72-bit
 *                             RDIMM with ECC, DDR4-2400, AXI4 512 bit), docs/cost-model.md "Overheads"
 * @param migFf                FFs of one UltraScale+ DDR4 controller: the same report
 * @param migBram18            RAMB18 of one UltraScale+ DDR4 controller: the same report (25 RAMB36 and
 *                             1 RAMB18)
 * @param migDsp               DSPs of one UltraScale+ DDR4 controller: the same report
 * @param mig7Lut              LUTs of one 7-series DDR3 MIG with its AXI4 slave (UG586), one per
 *                             channel: the Vivado synthesis report of the IP for KC705's 64-bit DDR3
 *                             SODIMM (the ZC706's module) with a 512-bit AXI4 slave, docs/cost-model.md
 * @param mig7Ff               FFs of one 7-series DDR3 MIG: the same report
 * @param mig7Bram18           RAMB18 of one 7-series DDR3 MIG: the same report
 * @param hbmLut               LUTs of an HBM controller (Alveo U50/U280): FINN, facts §1a
 * @param hbmFf                FFs of an HBM controller: FINN, facts §1a
 * @param hbmBram18            RAMB18 of an HBM controller: FINN, facts §1a
 * @param lutCeiling           fraction of LUTs a design may use and still close timing: FINN 0.70
 * @param ffCeiling            fraction of FFs: FINN 0.50 (applied; rarely binding, see the doc)
 * @param bramCeiling          fraction of block RAM: FINN 0.80
 * @param uramCeiling          fraction of URAM: FINN 0.80
 * @param dspCeiling           fraction of DSP slices: FINN 0.80
 */
public record CostConstants(int lutInputs, int muxInputsPerLut, int handOptimised4x4Luts,
                            LutMultiplierModel lutMultiplier,
                            long controllerLut, long controllerFf,
                            long dmaLutPerPort, long dmaFfPerPort, long dmaBram18PerPort,
                            long migLut, long migFf, long migBram18, long migDsp,
                            long mig7Lut, long mig7Ff, long mig7Bram18,
                            long hbmLut, long hbmFf, long hbmBram18,
                            double lutCeiling, double ffCeiling, double bramCeiling, double uramCeiling,
                            double dspCeiling) {

    /** Which formula prices a LUT-built fixed-point multiplier. */
    public enum LutMultiplierModel {
        /** FINN-R (Blott et al. 2018): {@code (2·ceil((W+A)/6) − 1)·(W+A)} LUTs; any width. */
        FINN_R,
        /** Kida &amp; Sato's hand-optimised 4×4 multiplier (11 LUT + 2 CARRY4); W = A = 4 only. */
        HAND_OPTIMISED_4X4
    }

    public CostConstants {
        if (lutInputs < 4 || muxInputsPerLut < 2 || handOptimised4x4Luts <= 0 || lutMultiplier == null) {
            throw new IllegalArgumentException("LUT constants must be positive and a LUT multiplier model given");
        }
        for (long v : new long[] {controllerLut, controllerFf, dmaLutPerPort, dmaFfPerPort, dmaBram18PerPort,
                migLut, migFf, migBram18, migDsp, mig7Lut, mig7Ff, mig7Bram18, hbmLut, hbmFf, hbmBram18}) {
            if (v < 0) {
                throw new IllegalArgumentException("fixed costs cannot be negative: " + v);
            }
        }
        for (double c : new double[] {lutCeiling, ffCeiling, bramCeiling, uramCeiling, dspCeiling}) {
            if (!(c > 0 && c <= 1)) {
                throw new IllegalArgumentException("utilisation ceilings must be in (0, 1]: " + c);
            }
        }
    }

    /** These constants with another LUT ceiling. */
    public CostConstants withLutCeiling(double ceiling) {
        return with(lutMultiplier, ceiling, ffCeiling, bramCeiling, uramCeiling, dspCeiling);
    }

    /** These constants with another FF ceiling. */
    public CostConstants withFfCeiling(double ceiling) {
        return with(lutMultiplier, lutCeiling, ceiling, bramCeiling, uramCeiling, dspCeiling);
    }

    /** These constants with another block-RAM ceiling. */
    public CostConstants withBramCeiling(double ceiling) {
        return with(lutMultiplier, lutCeiling, ffCeiling, ceiling, uramCeiling, dspCeiling);
    }

    /** These constants with another URAM ceiling. */
    public CostConstants withUramCeiling(double ceiling) {
        return with(lutMultiplier, lutCeiling, ffCeiling, bramCeiling, ceiling, dspCeiling);
    }

    /** These constants with another DSP ceiling. */
    public CostConstants withDspCeiling(double ceiling) {
        return with(lutMultiplier, lutCeiling, ffCeiling, bramCeiling, uramCeiling, ceiling);
    }

    /** These constants with another LUT multiplier formula. */
    public CostConstants withLutMultiplier(LutMultiplierModel model) {
        return with(model, lutCeiling, ffCeiling, bramCeiling, uramCeiling, dspCeiling);
    }

    /** The one copy the with-methods share: the primitive costs kept, the choices that vary replaced. */
    private CostConstants with(LutMultiplierModel model, double lut, double ff, double bram, double uram,
                               double dsp) {
        return new CostConstants(lutInputs, muxInputsPerLut, handOptimised4x4Luts, model, controllerLut,
                controllerFf, dmaLutPerPort, dmaFfPerPort, dmaBram18PerPort, migLut, migFf, migBram18, migDsp,
                mig7Lut, mig7Ff, mig7Bram18, hbmLut, hbmFf, hbmBram18, lut, ff, bram, uram, dsp);
    }

    /** The documented defaults (docs/cost-model.md, "Constants"). */
    public static CostConstants defaults() {
        return new CostConstants(
                6,      // lutInputs: LUT6, UG474 / UG574
                4,      // muxInputsPerLut: 4:1 mux = 1 LUT, UG474 Multiplexers
                11,     // handOptimised4x4Luts: Kida & Sato [V3], lower bound only
                LutMultiplierModel.FINN_R, // the well-sourced public formula (FINN-R)
                300,    // controllerLut: FINN-R LUT model base
                384,    // controllerFf: assumption, 12 registers × 32 bits
                1_500,  // dmaLutPerPort: assumption, below 2,175 LUT of a whole DMA design
                2_000,  // dmaFfPerPort: assumption, below 3,218 registers of that design
                2,      // dmaBram18PerPort: assumption, one FIFO per direction
                20_011, // migLut: UltraScale+ DDR4 MIG, U250 preset, AXI4 512 bit: Vivado 2024.1 synthesis report
                21_332, // migFf: same report
                51,     // migBram18: same report, 25 RAMB36 + 1 RAMB18 (the calibration MicroBlaze's memory)
                3,      // migDsp: same report
                11_868, // mig7Lut: 7-series DDR3 MIG, KC705 64-bit SODIMM, AXI4 512 bit: Vivado 2014.2 synthesis report
                9_107,  // mig7Ff: same report
                1,      // mig7Bram18: same report
                10_718, // hbmLut: FINN HBM controller
                21_793, // hbmFf: FINN HBM controller
                8,      // hbmBram18: FINN HBM controller
                0.70,   // lutCeiling: FINN
                0.50,   // ffCeiling: FINN
                0.80,   // bramCeiling: FINN
                0.80,   // uramCeiling: FINN
                0.80);  // dspCeiling: FINN
    }
}
