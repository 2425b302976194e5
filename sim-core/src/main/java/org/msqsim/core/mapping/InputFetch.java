package org.msqsim.core.mapping;

import java.util.Optional;

/**
 * How the DMA fetches the input tiles of one plan, and what each occupies in the input buffer: the
 * im2col tiles as they are, or, for a convolution ({@link ConvWindow}), feature-map rows with their
 * halo into the input buffer used as a line buffer, expanded on chip by an address generator.
 *
 * <p>Line-buffer mode: input load {@code i} (the tile at GEMM row {@code k0} and column {@code n0})
 * holds every input row its output pixels read, over the channels its K range touches
 * ({@link ConvWindow#rowElements}); the DMA reads only the rows the previous load did not already
 * hold: when the plan has one k-tile, consecutive n-tiles read the same channels and the rows they
 * share stay in the line buffer, so each input row is read once plus the rows an n-tile boundary
 * needs on both sides (the halo re-reads the tiling implies). With several k-tiles the channels
 * change between loads and every load reads all its rows.
 *
 * <p>The plan uses whichever mode reads fewer bytes in all (a 1×1 convolution's im2col tile is the
 * pixels it needs and nothing else; narrow tiles split over k can read more rows than im2col
 * values). Loads are numbered as the tile loop issues them (one per n-tile with one k-tile, else
 * one per step).
 */
public final class InputFetch {
    private final TileBytes bytes;
    private final TileGrid grid;
    private final Optional<ConvWindow> rows;
    private final boolean perN;
    /** {@link #lineBufferElements} of the window, computed once (the planner asks for it per candidate); 0 without one. */
    private final long lineElements;
    private final long firstFetch;

    public InputFetch(TileBytes bytes, TileGrid grid) {
        this.bytes = bytes;
        this.grid = grid;
        this.perN = grid.inputOncePerN();
        Optional<ConvWindow> w = grid.shape().window();
        this.lineElements = w.isPresent() ? lineBufferElements(w.get()) : 0;
        this.rows = w.isPresent() && lineElements < (long) grid.shape().k() * grid.shape().n() ? w : Optional.empty();
        this.firstFetch = fetchBytes(0);
    }

    /**
     * {@link #fetchBytes} of load 0, computed once: the planner's estimate charges it for every m-tile
     * count of a (tn, tk) ({@link #sameLoads}), and load 0 is step 0 whatever the m-tiling.
     */
    long firstFetchBytes() {
        return firstFetch;
    }

    /**
     * Whether this fetch's loads are also those of {@code other}'s plan: the same GEMM and the same
     * {@code tn} and {@code tk}. Nothing here depends on the m-tiling (loads are per n-tile or per
     * (n-tile, k-tile), the mode and the bytes by tn and tk alone; {@link #fetchBytes} reads only
     * load 0 through the step numbering, which starts at step 0 whatever the m-tiles), so the
     * planner builds one per (tn, tk) and ranks every m-tile count with it.
     */
    boolean sameLoads(TileGrid other) {
        return (other.shape() == grid.shape() || other.shape().equals(grid.shape()))
                && other.plan().tn() == grid.plan().tn() && other.plan().tk() == grid.plan().tk();
    }

    /** Whether the plan fetches feature-map rows (line-buffer mode) rather than im2col tiles. */
    public boolean lineBuffer() {
        return rows.isPresent();
    }

    /** Input loads of the plan: one per n-tile with one k-tile, else one per step. */
    public long loads() {
        return perN ? grid.nTiles() : grid.steps();
    }

    /** The first step that reads load {@code i}. */
    public long firstStep(long i) {
        return perN ? i * grid.mTiles() * grid.kTiles() : i;
    }

    /** Bytes the DMA reads for load {@code i}; 0 when the line buffer already holds all its rows. */
    public long fetchBytes(long i) {
        int s = (int) firstStep(i);
        if (rows.isEmpty()) {
            return bytes.input(grid.tk(s), grid.tn(s));
        }
        ConvWindow w = rows.get();
        long elements = w.rowElements(grid.kOffset(s), grid.tk(s), grid.nOffset(s), grid.tn(s));
        if (perN && grid.nIndex(s) > 0) {
            int prev = grid.nOffset(s) - grid.plan().tn();
            elements -= w.channels(0, grid.tk(s)) * w.sharedRows(prev, grid.plan().tn(), grid.nOffset(s), grid.tn(s))
                    * w.width();
        }
        return TileBytes.packed(elements, bytes.activationBits());
    }

    /** Input-buffer bytes load {@code i} occupies: its whole tile, rows with halo or im2col. */
    public long claimBytes(long i) {
        int s = (int) firstStep(i);
        return rows.map(w -> TileBytes.packed(w.rowElements(grid.kOffset(s), grid.tk(s), grid.nOffset(s),
                grid.tn(s)), bytes.activationBits())).orElseGet(() -> bytes.input(grid.tk(s), grid.tn(s)));
    }

    /** The most any load of the plan occupies: what one input-buffer half must hold. */
    public long maxClaimBytes() {
        TilePlan p = grid.plan();
        return rows.map(w -> TileBytes.packed(w.maxRowElements(p.tk(), p.tn()), bytes.activationBits()))
                .orElseGet(() -> bytes.input(p.tk(), p.tn()));
    }

    /**
     * The mean bytes one (n-tile, k-tile) input tile reads: what the planner's estimate charges a load.
     * In line-buffer mode from {@link #lineBufferElements} (closed forms, so that ranking plans stays
     * cheap); the tile loop reads each load's exact bytes ({@link #fetchBytes}).
     */
    public double meanFetchBytes() {
        TilePlan p = grid.plan();
        if (rows.isEmpty()) {
            return bytes.input(p.tk(), p.tn());
        }
        long tiles = (long) grid.nTiles() * grid.kTiles();
        return TileBytes.packed(lineElements, bytes.activationBits()) / (double) tiles;
    }

    /**
     * Activations all (n-tile, k-tile) loads read as rows. One k-tile: exactly the union of the rows
     * the output pixels read (consecutive loads keep what they share, and their row ranges only move
     * down). Several k-tiles: every load its whole rows, the channels each k-tile touches times the
     * rows each n-tile reads ({@link ConvWindow#channelsOverTiles}, {@link ConvWindow#rowsOverTiles}).
     */
    private long lineBufferElements(ConvWindow w) {
        GemmShape g = grid.shape();
        if (perN) {
            return w.channels(0, g.k()) * w.rows(0, g.n()) * w.width();
        }
        return w.channelsOverTiles(grid.plan().tk(), g.k()) * w.rowsOverTiles(grid.plan().tn(), g.n()) * w.width();
    }
}
