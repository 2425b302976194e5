package org.msqsim.models.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.msqsim.models.tensor.FloatMatrix;

/**
 * Reads NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0, as specified in
 * {@code numpy.lib.format}) into weight matrices with one row per output channel.
 *
 * <p>File layout: the magic {@code \x93NUMPY}, a major and minor version byte, the header length
 * (2 bytes little-endian in version 1.0, 4 bytes in 2.0 and 3.0), the header (a Python dict
 * literal, Latin-1 in 1.0 and 2.0, UTF-8 in 3.0, padded with spaces and a newline so that the data
 * starts 64-byte aligned), then the raw elements in C or Fortran order. The alignment is what NumPy
 * writes, not what it requires when reading, so it is not enforced here either.
 *
 * <p>Shapes are lowered as msqsim's weight matrices have them: {@code (rows, cols)} as is;
 * {@code (n,)} as 1×n; a convolution kernel {@code (K, C, R, S)} as K rows of C·R·S values in C, R, S
 * order. Fortran-ordered data is permuted to that logical order. Elements are checked to be finite
 * and, for {@code float64}, to fit {@code float32}; doubles are then rounded to nearest float.
 *
 * <p>Every problem, including an unreadable file, is a {@link NpyFormatException} whose message is
 * {@code <path>: <problem>}. Files are read whole into memory: weight tensors are megabytes, and
 * arrays over 2 GiB of data are rejected by name rather than streamed.
 */
public final class NpyReader {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final long MAX_DATA_BYTES = Integer.MAX_VALUE - 8;
    /** Piece of data {@link #check} decodes at a time. */
    private static final int CHECK_CHUNK_BYTES = 1 << 20;

    private NpyReader() {
    }

    /** Reads a 1-, 2- or 4-dimensional array as a matrix, lowering it as the class comment says. */
    public static FloatMatrix readMatrix(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            Prelude prelude = readPrelude(file, ch, size);
            NpyHeader header = prelude.header();
            int[] rowsCols = lowerShape(file, header);
            int count = rowsCols[0] * rowsCols[1];
            ByteBuffer data = readData(file, ch, size, prelude.dataOffset(), (long) count * header.dtype().itemSize());
            double[] values = header.dtype().decode(data, count);
            ValueCheck check = new ValueCheck(file, header, rowsCols[1]);
            check.accept(values, values.length, 0);
            check.finish(count);
            if (header.fortranOrder()) {
                values = fortranToC(values, header.shape());
            }
            return toMatrix(values, rowsCols[0], rowsCols[1]);
        } catch (IOException e) {
            throw new NpyFormatException(file, "cannot read file (" + e + ")", e);
        }
    }

    /**
     * The lowered shape of a file that {@link #readMatrix} would read without a problem: every check
     * {@code readMatrix} makes (header, shape, data size, every value finite and within float32), in
     * the same words, but reading the data in pieces, so that a whole network's weights can be
     * checked before a run without holding any of them.
     *
     * @param header the parsed header
     * @param rows   rows of the lowered matrix
     * @param cols   columns of the lowered matrix
     */
    public record Checked(NpyHeader header, int rows, int cols) {
    }

    /**
     * Checks a file as {@link #readMatrix} would read it, without keeping its values.
     *
     * @throws NpyFormatException with the message {@code readMatrix} would give
     */
    public static Checked check(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            Prelude prelude = readPrelude(file, ch, size);
            NpyHeader header = prelude.header();
            int[] rowsCols = lowerShape(file, header);
            int count = rowsCols[0] * rowsCols[1];
            int item = header.dtype().itemSize();
            checkDataSize(file, size, prelude.dataOffset(), (long) count * item);
            ValueCheck check = new ValueCheck(file, header, rowsCols[1]);
            int chunk = Math.max(1, CHECK_CHUNK_BYTES / item);
            for (int done = 0; done < count; done += chunk) {
                int n = Math.min(chunk, count - done);
                ByteBuffer bytes = readAt(ch, prelude.dataOffset() + (long) done * item, n * item);
                if (bytes.remaining() < n * item) {
                    throw new NpyFormatException(file, "truncated data (file shrank while being read)");
                }
                check.accept(header.dtype().decode(bytes, n), n, done);
            }
            check.finish(count);
            return new Checked(header, rowsCols[0], rowsCols[1]);
        } catch (IOException e) {
            throw new NpyFormatException(file, "cannot read file (" + e + ")", e);
        }
    }

    /** Reads and checks only the header: magic, version and dictionary. */
    public static NpyHeader readHeader(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return readPrelude(file, ch, ch.size()).header();
        } catch (IOException e) {
            throw new NpyFormatException(file, "cannot read file (" + e + ")", e);
        }
    }

    /** The parsed header and the file offset at which the data starts. */
    private record Prelude(NpyHeader header, long dataOffset) {
    }

    private static Prelude readPrelude(Path file, FileChannel ch, long size) throws IOException {
        ByteBuffer prefix = readAt(ch, 0, (int) Math.min(size, 12));
        byte[] head = new byte[prefix.remaining()];
        prefix.get(head);
        checkMagic(file, head);
        if (head.length < 8) {
            throw new NpyFormatException(file, "truncated header: file ends after " + size + " bytes");
        }
        int major = head[6] & 0xff;
        int minor = head[7] & 0xff;
        if (major < 1 || major > 3 || minor != 0) {
            throw new NpyFormatException(file,
                    "unsupported format version " + major + "." + minor + " (supported: 1.0, 2.0, 3.0)");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        if (head.length < 8 + lengthBytes) {
            throw new NpyFormatException(file, "truncated header: file ends after " + size + " bytes");
        }
        ByteBuffer len = ByteBuffer.wrap(head, 8, lengthBytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = major == 1 ? len.getShort() & 0xffffL : len.getInt() & 0xffff_ffffL;
        long start = 8 + lengthBytes;
        if (headerLength > size - start) {
            throw new NpyFormatException(file, "truncated header (header length " + headerLength
                    + " bytes, but only " + (size - start) + " bytes follow)");
        }
        if (headerLength > MAX_DATA_BYTES) {
            throw new NpyFormatException(file, "header of " + headerLength + " bytes is too large");
        }
        String text = decodeHeaderText(file, readAt(ch, start, (int) headerLength), major);
        return new Prelude(NpyHeaderParser.parse(file, text), start + headerLength);
    }

    private static void checkMagic(Path file, byte[] head) {
        boolean ok = head.length >= MAGIC.length;
        for (int i = 0; ok && i < MAGIC.length; i++) {
            ok = head[i] == MAGIC[i];
        }
        if (!ok) {
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < Math.min(head.length, MAGIC.length); i++) {
                hex.append(String.format(" %02x", head[i] & 0xff));
            }
            throw new NpyFormatException(file, "bad magic: not a NumPy .npy file (expected 93 4e 55 4d 50 59,"
                    + " file starts with" + (hex.length() == 0 ? " nothing" : hex) + ")");
        }
    }

    private static String decodeHeaderText(Path file, ByteBuffer bytes, int major) {
        if (major < 3) {
            return StandardCharsets.ISO_8859_1.decode(bytes).toString();
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new NpyFormatException(file, "header parse error: version 3.0 header is not valid UTF-8", e);
        }
    }

    /** Rows and columns of the lowered matrix, or the reason the shape cannot be one. */
    private static int[] lowerShape(Path file, NpyHeader header) {
        List<Integer> shape = header.shape();
        String text = header.shapeText();
        if (shape.size() != 1 && shape.size() != 2 && shape.size() != 4) {
            throw new NpyFormatException(file, "shape has " + shape.size() + " dims " + text
                    + "; expected 1 (n,), 2 (rows, cols) or 4 (K, C, R, S)");
        }
        long count = header.elementCount();
        if (count == 0) {
            throw new NpyFormatException(file, "shape " + text + " has no elements");
        }
        if (count > MAX_DATA_BYTES / header.dtype().itemSize()) {
            throw new NpyFormatException(file, "shape " + text + " is too large (over 2 GiB of data)");
        }
        return switch (shape.size()) {
            case 1 -> new int[] {1, shape.get(0)};
            case 2 -> new int[] {shape.get(0), shape.get(1)};
            default -> new int[] {shape.get(0), shape.get(1) * shape.get(2) * shape.get(3)};
        };
    }

    private static ByteBuffer readData(Path file, FileChannel ch, long size, long offset, long expected)
            throws IOException {
        checkDataSize(file, size, offset, expected);
        return readAt(ch, offset, (int) expected);
    }

    private static void checkDataSize(Path file, long size, long offset, long expected) {
        long available = size - offset;
        if (available < expected) {
            throw new NpyFormatException(file, "truncated data (expected " + expected + " bytes got " + available + ")");
        }
        if (available > expected) {
            throw new NpyFormatException(file,
                    "trailing bytes after the data (expected " + expected + " bytes got " + available + ")");
        }
    }

    private static ByteBuffer readAt(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                break;
            }
        }
        return buf.flip();
    }

    /**
     * Permutes column-major (first index fastest) values to row-major (last index fastest) by
     * walking the C-order multi-index like an odometer and tracking its Fortran offset.
     */
    static double[] fortranToC(double[] values, List<Integer> shape) {
        int n = shape.size();
        long[] stride = new long[n];
        long s = 1;
        for (int d = 0; d < n; d++) {
            stride[d] = s;
            s *= shape.get(d);
        }
        double[] out = new double[values.length];
        int[] index = new int[n];
        long f = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = values[(int) f];
            for (int d = n - 1; d >= 0; d--) {
                f += stride[d];
                if (++index[d] < shape.get(d)) {
                    break;
                }
                f -= stride[d] * index[d];
                index[d] = 0;
            }
        }
        return out;
    }

    private static FloatMatrix toMatrix(double[] values, int rows, int cols) {
        float[] data = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            data[i] = (float) values[i];
        }
        return new FloatMatrix(rows, cols, data);
    }

    /**
     * The value checks, over the data in file order and in pieces: every value finite, and within
     * float32 (a {@code float64} file). A problem names the first bad value in the lowered matrix's
     * row-major order, whatever the file's order.
     */
    private static final class ValueCheck {
        private final Path file;
        private final List<Integer> shape;
        private final boolean fortran;
        private final int cols;
        private long nonFinite;
        private long firstNonFinite = Long.MAX_VALUE;
        private double firstNonFiniteValue;
        private long firstOutOfRange = Long.MAX_VALUE;
        private double firstOutOfRangeValue;

        ValueCheck(Path file, NpyHeader header, int cols) {
            this.file = file;
            this.shape = header.shape();
            this.fortran = header.fortranOrder() && shape.size() > 1;
            this.cols = cols;
        }

        /** Checks {@code values[0..n)}, the elements from file position {@code start} on. */
        void accept(double[] values, int n, long start) {
            for (int i = 0; i < n; i++) {
                double v = values[i];
                if (!Double.isFinite(v)) {
                    nonFinite++;
                    long at = logical(start + i);
                    if (at < firstNonFinite) {
                        firstNonFinite = at;
                        firstNonFiniteValue = v;
                    }
                } else if (Math.abs(v) > Float.MAX_VALUE) {
                    long at = logical(start + i);
                    if (at < firstOutOfRange) {
                        firstOutOfRange = at;
                        firstOutOfRangeValue = v;
                    }
                }
            }
        }

        void finish(long count) {
            if (firstOutOfRange != Long.MAX_VALUE) {
                throw new NpyFormatException(file, "value " + firstOutOfRangeValue + " at row "
                        + firstOutOfRange / cols + ", column " + firstOutOfRange % cols + " is out of float32 range");
            }
            if (nonFinite > 0) {
                throw new NpyFormatException(file, "non-finite values: " + nonFinite + " of " + count + " (first "
                        + firstNonFiniteValue + " at row " + firstNonFinite / cols + ", column "
                        + firstNonFinite % cols + ")");
            }
        }

        /** The row-major (C-order) index of the element at file position {@code p}. */
        private long logical(long p) {
            if (!fortran) {
                return p;
            }
            int n = shape.size();
            long[] index = new long[n];
            for (int d = 0; d < n; d++) { // Fortran order: the first index runs fastest
                index[d] = p % shape.get(d);
                p /= shape.get(d);
            }
            long c = 0;
            for (int d = 0; d < n; d++) {
                c = c * shape.get(d) + index[d];
            }
            return c;
        }
    }
}
