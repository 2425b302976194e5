package org.msqsim.models.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Stage 2 of the search, shape polish: around each of the {@code refineTop} fastest designs of each
 * family and F so far, the DSP column counts within {@code ±SPAN}, each with the most LUT columns that
 * fit beside it and with the design's own LUT column count (LUT-only designs: LUT columns within the
 * span). Column levels are coarse, and a core's time moves in whole filter folds
 * ({@code ⌈filters/columns⌉}): the two cores finish together only when their fold counts match on the
 * layers that matter, which a coarse grid often misses by a column or two. Same clock and buffer scale
 * as the design polished; shapes already evaluated are skipped.
 *
 * <p>Row polish (issue 13 point 5): the stage-1 grid's rows are powers of two, but any row count
 * fits the arrays, and a layer's pixel folds ({@code ⌈pixels/rows⌉}) waste the last fold's idle rows.
 * Around the same designs, stage 2 also tries the row counts of {@link #rowNeighbours} — ±25–50 % in
 * multiples of 4, and the 7·2^j and 49 that divide common feature maps — with the DSP columns that
 * keep the design's slice count and the most LUT columns that fit (or the ones that keep its LUT MACs).
 */
final class PolishStage implements SearchStage {
    /** How far stage 2 moves a core's column count, each way. */
    static final int SPAN = 3;

    private final ExploreGrid grid;
    private final DesignBuilder b;

    PolishStage(ExploreGrid grid, DesignBuilder b) {
        this.grid = grid;
        this.b = b;
    }

    @Override
    public List<Design> designs(List<DesignResult> done, int firstIndex) {
        if (grid.refineTop() == 0) {
            return List.of();
        }
        Set<DesignKey> seen = DesignKey.evaluated(done);
        List<Design> out = new ArrayList<>();
        for (Design d : FractionGroup.fastest(done, grid.refineTop()).values()) {
            int packing = b.packing(d);
            for (long pair : columnPairs(d, packing)) {
                int c = (int) (pair >>> 32);
                int l = (int) pair;
                b.design(firstIndex + out.size(), d.family(), d.organisations(), d.fraction(), d.rows(), packing, c,
                        l, d.clockHz(), d.bufferScale(), d.engineShare()).filter(x -> seen.add(DesignKey.of(x)))
                        .ifPresent(out::add);
            }
            if (grid.rowOptions().isEmpty()) {
                continue; // the base design's rows only: no row polish either
            }
            for (int rows : rowNeighbours(d.rows())) {
                for (long pair : rowPairs(d, rows, packing)) {
                    b.design(firstIndex + out.size(), d.family(), d.organisations(), d.fraction(), rows, packing,
                            (int) (pair >>> 32), (int) pair, d.clockHz(), d.bufferScale(), d.engineShare())
                            .filter(x -> seen.add(DesignKey.of(x))).ifPresent(out::add);
                }
            }
        }
        return out;
    }

    /** Row polish: the fractions of a design's rows tried, each rounded to a multiple of 4. */
    static final double[] ROW_STEPS = {0.75, 0.875, 1.125, 1.25, 1.5};

    /**
     * Row counts near {@code rows} (issue 13 point 5: any row count that fits, not only the grid's
     * powers of two): {@link #ROW_STEPS} × rows rounded to multiples of 4, and the row counts that
     * divide the pixel counts of the common 7·2^j feature maps (ImageNet CNNs: 7, 14, 28, 56, 112 wide,
     * H·W = 49·4^j; rows 7·2^j and 49 leave no short pixel fold) within [rows/2, 2·rows]. At most 4096.
     */
    static TreeSet<Integer> rowNeighbours(int rows) {
        TreeSet<Integer> out = new TreeSet<>();
        for (double q : ROW_STEPS) {
            out.add(Math.max(4, (int) Math.round(rows * q / 4) * 4));
        }
        for (int r = 7; r <= 2 * rows; r *= 2) {
            if (2 * r >= rows) {
                out.add(r);
            }
        }
        if (49 <= 2 * rows && 2 * 49 >= rows) {
            out.add(49);
        }
        out.remove(rows);
        out.removeIf(r -> r > 4096);
        return out;
    }

    /**
     * The (DSP cols, LUT cols) pairs of {@code d} re-shaped to {@code rows} rows: the DSP columns that
     * keep its slice count (rounded), each with the most LUT columns that fit and with the LUT columns
     * that keep its LUT MACs; LUT-only designs the most LUT columns that fit.
     */
    private TreeSet<Long> rowPairs(Design d, int rows, int packing) {
        TreeSet<Long> pairs = new TreeSet<>();
        int c = d.dspCols() == 0 ? 0 : Math.max(1, (int) Math.round((double) d.dspCols() * d.rows() / rows));
        if (d.family() == DesignFamily.DSP_ONLY) {
            pairs.add((long) c << 32);
            return pairs;
        }
        int max = b.maxCols(d.family(), d.organisations(), rows, packing, c, d.engineShare());
        int keep = Math.max(1, (int) Math.round((double) d.lutCols() * d.rows() / rows));
        for (int l : new int[] {max, keep}) {
            if (l > 0 && l <= max) {
                pairs.add(((long) c << 32) | l);
            }
        }
        return pairs;
    }

    /** The (DSP cols, LUT cols) pairs around {@code d}, as {@code (DSP cols << 32) | LUT cols}, ascending. */
    private TreeSet<Long> columnPairs(Design d, int packing) {
        TreeSet<Long> pairs = new TreeSet<>();
        if (d.dspCols() == 0) {
            for (int l = Math.max(1, d.lutCols() - SPAN); l <= d.lutCols() + SPAN; l++) {
                pairs.add((long) l);
            }
        } else {
            for (int c = Math.max(1, d.dspCols() - SPAN); c <= d.dspCols() + SPAN; c++) {
                if (d.family() == DesignFamily.DSP_ONLY) {
                    pairs.add((long) c << 32);
                } else {
                    int max = b.maxCols(d.family(), d.organisations(), d.rows(), packing, c, d.engineShare());
                    for (int l : new int[] {max, d.lutCols()}) {
                        if (l > 0 && l <= max) {
                            pairs.add(((long) c << 32) | l);
                        }
                    }
                }
            }
        }
        return pairs;
    }
}
