package org.msqsim.core.mapping;

/**
 * The loop nest of one {@link TilePlan} over one {@link GemmShape}: how many n-, m- and k-tiles
 * it has, which loads are reused, and where each step lands. Steps are numbered in loop order
 * {@code for n-tile { for m-tile { for k-tile { … } } }}, so step {@code s} is n-tile
 * {@code s / (kt·mt)}, m-tile {@code (s / kt) mod mt} and k-tile {@code s mod kt}; the last tile of
 * a dimension may be short, and a core whose rows run out before the last m-tile has none there.
 *
 * <p>Reuse: an input tile with a single k-tile is read once per n-tile and kept for all its
 * m-tiles; weights with a single m- and k-tile are read once and stay resident. The planner's
 * estimate charges loads by these rules and the accelerator's tile loop issues them by them.
 *
 * <p>Immutable; the per-step methods compute, they allocate nothing.
 */
public final class TileGrid {
    private final GemmShape g;
    private final TilePlan p;
    private final int nt;
    private final int mt;
    private final int kt;
    private final long steps;

    public TileGrid(GemmShape g, TilePlan p) {
        this.g = g;
        this.p = p;
        this.nt = p.nTiles(g);
        this.mt = p.mTiles(g);
        this.kt = p.kTiles(g);
        // nt·mt < 2^62 and kt < 2^31, both positive: the product overflows a long exactly when its
        // high 64 bits are not 0 or its low 64 bits have the sign bit set (the test
        // nm > Long.MAX_VALUE / kt, without a 64-bit division per plan the planner ranks).
        long nm = (long) nt * mt;
        long nmk = nm * kt;
        this.steps = Math.multiplyHigh(nm, kt) != 0 || nmk < 0 ? Long.MAX_VALUE : nmk;
    }

    public GemmShape shape() {
        return g;
    }

    public TilePlan plan() {
        return p;
    }

    public int nTiles() {
        return nt;
    }

    public int mTiles() {
        return mt;
    }

    public int kTiles() {
        return kt;
    }

    /**
     * Steps of the loop nest, one per (n-tile, m-tile, k-tile); {@link Long#MAX_VALUE} when there are
     * more (three int tile counts can overflow a long).
     */
    public long steps() {
        return steps;
    }

    /** Output tiles, one per (n-tile, m-tile). */
    public int outputTiles() {
        return nt * mt;
    }

    /** One k-tile: an input tile is read once per n-tile and serves all its m-tiles. */
    public boolean inputOncePerN() {
        return kt == 1;
    }

    /** One m- and one k-tile: the weights are read once and stay resident. */
    public boolean weightsResident() {
        return mt == 1 && kt == 1;
    }

    // ---- where step s lands -------------------------------------------------------------------

    public int nIndex(int s) {
        return s / (kt * mt);
    }

    public int mIndex(int s) {
        return (s / kt) % mt;
    }

    public int kIndex(int s) {
        return s % kt;
    }

    /** The output tile step {@code s} accumulates into: {@code nIndex · mTiles + mIndex}. */
    public int outputTile(int s) {
        return nIndex(s) * mt + mIndex(s);
    }

    /** The first step (k-tile 0) of output tile {@code o}. */
    public int firstStepOf(int o) {
        return (o / mt) * mt * kt + (o % mt) * kt;
    }

    /** Columns of step {@code s}'s input and output tiles. */
    public int tn(int s) {
        return Math.min(p.tn(), g.n() - nIndex(s) * p.tn());
    }

    /** Rows of step {@code s}'s input tile, columns of its weight tile. */
    public int tk(int s) {
        return Math.min(p.tk(), g.k() - kIndex(s) * p.tk());
    }

    /** The DSP core's fixed-point rows in step {@code s}; 0 when they have run out. */
    public int tmDsp(int s) {
        return Math.max(0, Math.min(p.tmDsp(), g.mDsp() - mIndex(s) * p.tmDsp()));
    }

    /** The LUT core's SP2 rows in step {@code s}; 0 when they have run out. */
    public int tmLut(int s) {
        return Math.max(0, Math.min(p.tmLut(), g.mLut() - mIndex(s) * p.tmLut()));
    }

    /** Both cores' rows in step {@code s}: the rows of its weight tile and of its output tile. */
    public int rows(int s) {
        return tmDsp(s) + tmLut(s);
    }

    /** The first column of X and C in step {@code s}. */
    public int nOffset(int s) {
        return nIndex(s) * p.tn();
    }

    /** The first column of W (row of X) in step {@code s}. */
    public int kOffset(int s) {
        return kIndex(s) * p.tk();
    }

    /** The first of the DSP core's rows of W and C in step {@code s}. */
    public int mOffsetDsp(int s) {
        return mIndex(s) * p.tmDsp();
    }

    /** The first of the LUT core's rows of W and C in step {@code s}. */
    public int mOffsetLut(int s) {
        return mIndex(s) * p.tmLut();
    }

    @Override
    public String toString() {
        return "TileGrid[" + nt + "x" + mt + "x" + kt + " of " + p + " over " + g + "]";
    }
}
