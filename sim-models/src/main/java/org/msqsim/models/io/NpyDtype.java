package org.msqsim.models.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

/**
 * The element types msqsim reads from {@code .npy} files, keyed by NumPy's {@code descr} string.
 * NumPy writes one-byte types with the "not applicable" byte order {@code '|'}; the equivalent
 * {@code '<i1'} and {@code '>i1'} are accepted as well, since byte order cannot matter for them.
 */
public enum NpyDtype {
    FLOAT32_LE(4, ByteOrder.LITTLE_ENDIAN, "<f4"),
    FLOAT32_BE(4, ByteOrder.BIG_ENDIAN, ">f4"),
    FLOAT64_LE(8, ByteOrder.LITTLE_ENDIAN, "<f8"),
    FLOAT64_BE(8, ByteOrder.BIG_ENDIAN, ">f8"),
    INT8(1, ByteOrder.LITTLE_ENDIAN, "|i1", "<i1", ">i1");

    private final int itemSize;
    private final ByteOrder order;
    private final List<String> descrs;

    NpyDtype(int itemSize, ByteOrder order, String... descrs) {
        this.itemSize = itemSize;
        this.order = order;
        this.descrs = List.of(descrs);
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    /** The canonical {@code descr} NumPy writes for this type. */
    public String descr() {
        return descrs.get(0);
    }

    static Optional<NpyDtype> fromDescr(String descr) {
        for (NpyDtype t : values()) {
            if (t.descrs.contains(descr)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The canonical descrs of all supported types, for error messages. */
    static String supportedList() {
        StringBuilder sb = new StringBuilder();
        for (NpyDtype t : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append('\'').append(t.descr()).append('\'');
        }
        return sb.toString();
    }

    /**
     * Decodes {@code count} elements from {@code bytes} (positioned at the first one) in file
     * order, widened to double: exact for every supported type.
     */
    double[] decode(ByteBuffer bytes, int count) {
        ByteBuffer b = bytes.slice().order(order);
        double[] out = new double[count];
        // Among the supported types the item size alone tells float32, float64 and int8 apart.
        switch (itemSize) {
            case 4 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = b.getFloat(4 * i);
                }
            }
            case 8 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = b.getDouble(8 * i);
                }
            }
            default -> {
                for (int i = 0; i < count; i++) {
                    out[i] = b.get(i);
                }
            }
        }
        return out;
    }
}
