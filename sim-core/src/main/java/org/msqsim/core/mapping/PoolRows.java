package org.msqsim.core.mapping;

/**
 * A max pool fused into a convolution's output stage (issue 13 point 3): the pool's window over the
 * convolution's {@code convH × convW} output, in the order the tile loop produces it.
 *
 * <p>What the tile order allows: the loop nest is {@code for n-tile { for m-tile { … } store }},
 * and N is the convolution's output pixels in raster order, so output tiles arrive as consecutive
 * pixel ranges, all channels of a range before the next range. A pool window spans {@code r}
 * consecutive rows, so it straddles output tiles whenever a tile ends inside its rows (nearly always:
 * a 512-pixel tile holds under 5 rows of a 112-wide map). The pool unit therefore keeps a row buffer
 * of partial maxima: per channel and pooled column, the running maximum of each pooled row still
 * open. A convolution row belongs to at most {@code ceil(r / stride)} pooled rows, so that many rows
 * are open at once ({@link #rowBufferBytes}). A pooled output is final, and is stored, once the
 * last convolution pixel of its window has been produced ({@link #pooledDone}); the store of an
 * output tile writes the pooled outputs its pixels completed, for its channels. Padding is never a
 * maximum (PyTorch's −∞ padding), so a window clipped by the border simply ends earlier.
 *
 * @param r      window rows
 * @param s      window columns
 * @param stride stride, both ways
 * @param pad    padding, both ways
 * @param convH  rows of the convolution's output
 * @param convW  columns of the convolution's output
 * @param outH   rows of the pooled output
 * @param outW   columns of the pooled output
 */
public record PoolRows(int r, int s, int stride, int pad, int convH, int convW, int outH, int outW) {
    public PoolRows {
        if (r < 1 || s < 1 || stride < 1 || pad < 0 || convH < 1 || convW < 1 || outH < 1 || outW < 1
                || lastOf(outH - 1, r, stride, pad, convH) < 0) {
            throw new IllegalArgumentException("bad fused pool " + r + "x" + s + ",s" + stride + ",p" + pad + " over "
                    + convH + "x" + convW + " -> " + outH + "x" + outW);
        }
    }

    /**
     * Pooled outputs (per channel) complete once the first {@code convPixels} convolution outputs
     * (raster order) have been produced.
     */
    public long pooledDone(long convPixels) {
        // A window ends at convolution row (column) min(size − 1, p·stride − pad + window − 1), which
        // never decreases with p, so the pooled rows done are a prefix: every pooled row whose window
        // ends above row `row`, all outW columns of it, plus the pooled rows whose window ends in row
        // `row`, the columns whose window ends left of column `col`. Each is a count in closed form
        // (countBelow) rather than a walk over the pooled rows and columns: the tile loop asks twice
        // per store. The walk stays in PoolRowsTest as the oracle.
        long row = convPixels / convW;
        long col = convPixels % convW;
        long cols = countBelow(col, s, outW); // col < convW: the clip at convW − 1 never decides
        long below = row > convH - 1 ? outH : countBelow(row, r, outH);
        long upTo = row >= convH - 1 ? outH : countBelow(row + 1, r, outH);
        return below * outW + (upTo - below) * cols;
    }

    /**
     * Pooled rows (columns) {@code p < count} whose unclipped window end {@code p·stride − pad + window − 1}
     * is below {@code x}: those with {@code p·stride < x + pad − window + 1}.
     */
    private long countBelow(long x, int window, int count) {
        long a = x + pad - window + 1;
        return a <= 0 ? 0 : Math.min(count, (a + stride - 1) / stride);
    }

    /** Pooled rows open at once: a convolution row falls in at most {@code ceil(r / stride)} windows. */
    public int openRows() {
        return (r + stride - 1) / stride;
    }

    /** The row buffer of partial maxima for {@code channels} channels of {@code bits}-bit activations. */
    public long rowBufferBytes(int channels, int bits) {
        return TileBytes.packed((long) openRows() * outW * channels, bits);
    }

    /** The last convolution row (or column) of pooled row (column) {@code p}'s window, clipped to the map. */
    private static int lastOf(int p, int window, int stride, int pad, int size) {
        return Math.min(size - 1, p * stride - pad + window - 1);
    }
}
