package org.msqsim.models.tensor;

import java.util.Arrays;

/**
 * A dense row-major matrix of real weights, one row per output channel (a convolution's K×C×R×S
 * kernel is lowered to K rows of C·R·S, in C, R, S order). Immutable: the array is copied in and
 * {@link #row} hands out copies, so a quantizer can never alter its input.
 */
public final class FloatMatrix {
    private final int rows;
    private final int cols;
    private final float[] data;

    public FloatMatrix(int rows, int cols, float[] data) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("matrix must be at least 1x1, got " + rows + "x" + cols);
        }
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException(
                    "matrix " + rows + "x" + cols + " needs " + (long) rows * cols + " values, got " + data.length);
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data.clone();
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public float get(int r, int c) {
        return data[r * cols + c];
    }

    /** A copy of row {@code r} widened to double, the precision every quantizer works in. */
    public double[] row(int r) {
        double[] out = new double[cols];
        int base = r * cols;
        for (int c = 0; c < cols; c++) {
            out[c] = data[base + c];
        }
        return out;
    }

    /**
     * A 128-bit digest of the shape and every value's bit pattern, as 32 hex digits: names the content
     * (for a cache of what is computed from it), equal for equal matrices.
     */
    public String contentDigest() {
        return ContentDigest.hex(data, ((long) rows << 32) | cols);
    }

    /** A copy of all values, row-major. */
    public float[] toArray() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatMatrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FloatMatrix[" + rows + "x" + cols + "]";
    }
}
