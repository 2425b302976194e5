package org.msqsim.core.hw.accel;

/**
 * One step of the tile loop nest: both cores over the same {@code tk × tn} input tile, the DSP core
 * on {@code tmDsp} fixed-point rows and the LUT core on {@code tmLut} SP2 rows of the same m-tile.
 * Offsets are element indices into the GEMM ({@code nOff} a column of X and C, {@code kOff} a
 * column of W and row of X, {@code mOff…} a row of that core's W and C); a core with no rows this
 * step has {@code tm… == 0}.
 *
 * @param index the step's position in the loop nest, from 0
 */
record TileStep(int index, int nOff, int tn, int kOff, int tk, int mOffDsp, int tmDsp, int mOffLut, int tmLut) {

    /** Both cores' rows this step: the rows of the weight tile and of the output tile. */
    int rows() {
        return tmDsp + tmLut;
    }
}
