package org.msqsim.core.mapping;

/**
 * The input of a convolution's GEMM as the accelerator fetches it: feature-map rows with their
 * halo, not the im2col matrix. The DMA reads whole input rows of the channels a tile's K range
 * touches, over the input rows its output pixels need (their window's R rows, stride apart), into
 * the input buffer used as a line buffer; an address generator expands them into the im2col
 * columns the array consumes (Zhang et al. FPGA'15 and Qiu et al. FPGA'16 fetch input tiles with
 * their halo the same way). A 3×3 layer then reads its feature map about once per k-tile split and
 * once more per halo row an n-tile boundary repeats, where im2col reads it nine times.
 *
 * <p>Orders (those of {@code GoldenReference.im2col}): GEMM row {@code k = (c·R + ky)·S + kx},
 * GEMM column {@code n = oy·outWidth + ox}.
 *
 * <p>A plan fetches whichever reads fewer bytes in all, the rows with halo or the im2col tiles
 * ({@link InputFetch}): a strided 1×1 convolution's im2col tile skips the rows and columns its stride
 * passes over, which whole rows would fetch.
 *
 * @param channels  input channels of the GEMM (one group's)
 * @param height    input rows
 * @param width     input columns
 * @param r         window rows
 * @param s         window columns
 * @param stride    stride in both directions
 * @param pad       zero padding on every side (padding is generated on chip, never fetched)
 * @param outHeight output rows
 * @param outWidth  output columns
 */
public record ConvWindow(int channels, int height, int width, int r, int s, int stride, int pad, int outHeight,
                         int outWidth) {
    public ConvWindow {
        if (channels < 1 || height < 1 || width < 1 || r < 1 || s < 1 || stride < 1 || pad < 0 || outHeight < 1
                || outWidth < 1) {
            throw new IllegalArgumentException("bad convolution window: " + channels + " channels, " + height + "x"
                    + width + " input, " + r + "x" + s + " window, stride " + stride + ", pad " + pad + ", output "
                    + outHeight + "x" + outWidth);
        }
    }

    /** GEMM rows per channel: R·S. */
    public int taps() {
        return r * s;
    }

    /** Input channels GEMM rows {@code [k0, k0 + tk)} touch. */
    public long channels(int k0, int tk) {
        return (k0 + tk - 1) / taps() - k0 / taps() + 1;
    }

    /** Input rows (inside the feature map) that output pixels {@code [n0, n0 + tn)} read. */
    public long rows(int n0, int tn) {
        int top = Math.max(0, n0 / outWidth * stride - pad);
        int bottom = Math.min(height - 1, (n0 + tn - 1) / outWidth * stride - pad + r - 1);
        return Math.max(0, bottom - top + 1);
    }

    /** Input rows both pixel ranges {@code [a0, a0 + an)} and {@code [b0, b0 + bn)} read. */
    public long sharedRows(int a0, int an, int b0, int bn) {
        int top = Math.max(Math.max(0, a0 / outWidth * stride - pad), Math.max(0, b0 / outWidth * stride - pad));
        int bottom = Math.min(Math.min(height - 1, (a0 + an - 1) / outWidth * stride - pad + r - 1),
                Math.min(height - 1, (b0 + bn - 1) / outWidth * stride - pad + r - 1));
        return Math.max(0, bottom - top + 1);
    }

    /**
     * The input rows all tiles of {@code tn} output pixels over {@code n} pixels read, summed: each
     * tile its window's R rows plus {@code stride} per output-row boundary inside it (the boundaries
     * that fall on a tile boundary start the next tile instead), less the rows above and below the
     * feature map (padding, generated on chip) for the tiles in the first and last output row. Exact
     * for the rows inside the map; the clipped rows are counted for ceil(outWidth / tn) tiles at each
     * edge, an estimate when a tile spans more than one output row there.
     */
    public long rowsOverTiles(int tn, int n) {
        long tiles = (n + (long) tn - 1) / tn;
        long lcm = (long) outWidth / gcd(outWidth, tn) * tn;
        long inside = (outHeight - 1L) - (n - 1L) / lcm;
        long rowsSum = inside * stride + tiles * r;
        long edge = Math.min(tiles, (outWidth + (long) tn - 1) / tn);
        long above = Math.min(pad, r);
        long below = Math.max(0, (outHeight - 1L) * stride - pad + r - 1 - (height - 1L));
        return Math.max(tiles, rowsSum - edge * (above + below));
    }

    /**
     * The input channels all tiles of {@code tk} GEMM rows over {@code k} rows touch, summed: tile
     * {@code t} covers rows {@code [t·tk, min((t+1)·tk, k))} and touches {@link #channels} of them,
     * {@code ⌊(last row)/RS⌋ − ⌊(first row)/RS⌋ + 1}. Summed over the {@code kt = ⌈k/tk⌉} tiles that is
     * {@code kt + Σ_{t<kt−1} ⌊((t+1)·tk − 1)/RS⌋ + ⌊(k − 1)/RS⌋ − Σ_{t<kt} ⌊t·tk/RS⌋}, and both sums are
     * floor sums of an arithmetic progression ({@link #floorSum}), so this costs O(log) steps where the
     * per-tile loop cost kt (up to K) — the planner asks it for every candidate plan. Exact, equal to
     * the loop (a property test keeps the loop as its oracle).
     */
    public long channelsOverTiles(int tk, int k) {
        long kt = (k + (long) tk - 1) / tk;
        long t = taps();
        return kt + floorSum(kt - 1, t, tk, tk - 1L) + (k - 1L) / t - floorSum(kt, t, tk, 0);
    }

    /**
     * {@code Σ_{i=0}^{n−1} ⌊(a·i + b)/m⌋} for {@code n, a, b ≥ 0} and {@code m ≥ 1}, by the Euclid-like
     * reduction of the AtCoder Library's {@code floor_sum} (reduce a and b below m, then swap the roles
     * of the axes under the line {@code y = (a·x + b)/m}), O(log m) steps. No overflow for the int
     * arguments it is given here: after reduction {@code a < m} and {@code b < m}, so {@code a·n + b}
     * stays below 2^62.
     */
    static long floorSum(long n, long m, long a, long b) {
        long sum = 0;
        while (n > 0) {
            if (a >= m) {
                sum += n * (n - 1) / 2 * (a / m);
                a %= m;
            }
            if (b >= m) {
                sum += n * (b / m);
                b %= m;
            }
            long yMax = a * n + b;
            if (yMax < m) {
                break;
            }
            n = yMax / m;
            b = yMax % m;
            long swap = m;
            m = a;
            a = swap;
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** Activations the DMA reads for the tile at {@code (k0, n0)} of {@code tk × tn}: whole rows. */
    public long rowElements(int k0, int tk, int n0, int tn) {
        return channels(k0, tk) * rows(n0, tn) * width;
    }

    /**
     * The most activations any {@code tk × tn} tile of a tiling that starts its tiles at multiples of
     * {@code tk} and {@code tn} reads as whole rows: the buffer must hold it.
     */
    public long maxRowElements(int tk, int tn) {
        long ch = tk % taps() == 0 ? tk / taps() : Math.min(channels, (tk - 1) / taps() + 2L);
        long outRows = tn % outWidth == 0 ? tn / outWidth : Math.min(outHeight, (tn - 1) / outWidth + 2L);
        long rows = Math.min(height, (outRows - 1) * stride + r);
        return ch * rows * width;
    }
}
