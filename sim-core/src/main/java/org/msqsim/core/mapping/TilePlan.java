package org.msqsim.core.mapping;

/**
 * Tile sizes of the controller's loop nest {@code for n-tile { for m-tile { for k-tile { … } } }}:
 * each step the DSP core takes {@code tmDsp} fixed-point rows and the LUT core {@code tmLut} SP2
 * rows of the same m-tile index, both over the same {@code tk × tn} input tile.
 */
public record TilePlan(int tn, int tk, int tmDsp, int tmLut) {
    public TilePlan {
        if (tn <= 0 || tk <= 0 || tmDsp < 0 || tmLut < 0 || tmDsp + tmLut == 0) {
            throw new IllegalArgumentException("bad tile plan " + tn + "/" + tk + "/" + tmDsp + "/" + tmLut);
        }
    }

    public int nTiles(GemmShape g) {
        return ceilDiv(g.n(), tn);
    }

    public int kTiles(GemmShape g) {
        return ceilDiv(g.k(), tk);
    }

    /** m-tiles: both cores step through theirs in lock-step, so the longer row list sets the count. */
    public int mTiles(GemmShape g) {
        int d = tmDsp == 0 ? 0 : ceilDiv(g.mDsp(), tmDsp);
        int l = tmLut == 0 ? 0 : ceilDiv(g.mLut(), tmLut);
        return Math.max(1, Math.max(d, l));
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
