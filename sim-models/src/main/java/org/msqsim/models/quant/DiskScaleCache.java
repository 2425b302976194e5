package org.msqsim.models.quant;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.msqsim.models.tensor.FloatMatrix;

/**
 * {@link ScaleCache} on disk: one small file per (weights, width) under
 * {@code <dir>/scales-v<QUANTIZER_VERSION>/}, named by the width, the shape and the weights' 128-bit
 * content digest ({@link FloatMatrix#contentDigest}). ResNet-18's 21 GEMM layers take 150 KB.
 *
 * <p>Safe against concurrent runs: an entry is written to a fresh temporary file in the same
 * directory and moved into place atomically, so a reader sees a whole entry or none, and two writers
 * of the same entry write the same bytes. Safe against damaged entries: the file holds its own key
 * (width, shape, digest, versions) and ends with a CRC-32C of everything before it; an entry whose
 * length, key, checksum or values are not exactly right is ignored (and rewritten by the run that
 * recomputes it). Every I/O failure is a miss or a dropped store, never an error: the cache only
 * saves time.
 *
 * <p>File layout (big-endian): magic {@code "MSQSCAL1"}, int format version, int quantizer version,
 * int bits, int rows, int cols, 16 bytes of digest, then per row α_fixed, MSE_fixed, α_SP2, MSE_SP2
 * (doubles), then the CRC-32C as a long.
 */
public final class DiskScaleCache implements ScaleCache {
    private static final long MAGIC = 0x4d5351534341_4c31L; // "MSQSCAL1"
    private static final int FORMAT_VERSION = 1;
    private static final int HEADER_BYTES = 8 + 5 * 4 + 16;

    private final Path dir;

    /** A cache under {@code root} (created when first written). */
    public DiskScaleCache(Path root) {
        this.dir = root.resolve("scales-v" + MsqAssigner.QUANTIZER_VERSION);
    }

    /** The directory that holds the entries. */
    public Path directory() {
        return dir;
    }

    /** The file of the entry for {@code w} at {@code bits} (present or not). */
    public Path entry(FloatMatrix w, int bits) {
        return entry(w.contentDigest(), w, bits);
    }

    private Path entry(String digest, FloatMatrix w, int bits) {
        return dir.resolve("msq" + bits + "b-" + w.rows() + "x" + w.cols() + "-" + digest + ".bin");
    }

    @Override
    public Optional<RowScales> load(FloatMatrix w, int bits) {
        String digest = w.contentDigest();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(entry(digest, w, bits));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
        return decode(bytes, digest, w.rows(), w.cols(), bits);
    }

    @Override
    public void store(FloatMatrix w, int bits, RowScales scales) {
        String digest = w.contentDigest();
        Path target = entry(digest, w, bits);
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, ".entry-", ".tmp");
            Files.write(tmp, encode(scales, digest, w.cols(), bits));
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            // A read-only or full disk: the run goes on without storing (the cache only saves time).
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException | SecurityException e) {
                    // nothing more to do: a stray temporary file is never read as an entry
                }
            }
        }
    }

    static byte[] encode(RowScales s, String digest, int cols, int bits) {
        int rows = s.rows();
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + 32 * rows + 8);
        b.putLong(MAGIC).putInt(FORMAT_VERSION).putInt(MsqAssigner.QUANTIZER_VERSION).putInt(bits).putInt(rows)
                .putInt(cols);
        putDigest(b, digest);
        for (int r = 0; r < rows; r++) {
            b.putDouble(s.alphaFixed()[r]).putDouble(s.mseFixed()[r]).putDouble(s.alphaSp2()[r]).putDouble(s.mseSp2()[r]);
        }
        b.putLong(crc(b.array(), b.position()));
        return b.array();
    }

    static Optional<RowScales> decode(byte[] bytes, String digest, int rows, int cols, int bits) {
        if (bytes.length != HEADER_BYTES + 32L * rows + 8) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (b.getLong() != MAGIC || b.getInt() != FORMAT_VERSION || b.getInt() != MsqAssigner.QUANTIZER_VERSION
                || b.getInt() != bits || b.getInt() != rows || b.getInt() != cols) {
            return Optional.empty();
        }
        ByteBuffer want = ByteBuffer.allocate(16);
        putDigest(want, digest);
        for (int i = 0; i < 16; i++) {
            if (b.get() != want.get(i)) {
                return Optional.empty();
            }
        }
        if (ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong() != crc(bytes, bytes.length - 8)) {
            return Optional.empty();
        }
        double[] af = new double[rows];
        double[] mf = new double[rows];
        double[] as = new double[rows];
        double[] ms = new double[rows];
        for (int r = 0; r < rows; r++) {
            af[r] = b.getDouble();
            mf[r] = b.getDouble();
            as[r] = b.getDouble();
            ms[r] = b.getDouble();
        }
        RowScales s = new RowScales(af, mf, as, ms);
        return s.plausible() ? Optional.of(s) : Optional.empty();
    }

    private static void putDigest(ByteBuffer b, String digest) {
        b.putLong(Long.parseUnsignedLong(digest.substring(0, 16), 16));
        b.putLong(Long.parseUnsignedLong(digest.substring(16, 32), 16));
    }

    private static long crc(byte[] bytes, int length) {
        CRC32C c = new CRC32C();
        c.update(bytes, 0, length);
        return c.getValue();
    }

    @Override
    public String toString() {
        return "DiskScaleCache[" + dir + "]";
    }
}
