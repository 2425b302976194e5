package org.msqsim.models.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A {@code TensorProto}'s values as a {@link Const}, from {@code raw_data} (little-endian, as ONNX
 * stores it) or the typed repeated fields. Float, double, and the integer types of shape arithmetic
 * and of boolean masks; anything else (strings, float16, external data) is refused by name.
 */
final class TensorDecoder {
    private TensorDecoder() {
    }

    /** @throws IllegalArgumentException naming the problem (the caller adds file and tensor) */
    static Const decode(TensorProto t) {
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            throw new IllegalArgumentException("external data is not supported (save the model with its weights inside)");
        }
        long[] dims = new long[t.getDimsCount()];
        long n = 1;
        for (int i = 0; i < dims.length; i++) {
            dims[i] = t.getDims(i);
            if (dims[i] < 0) {
                throw new IllegalArgumentException("negative dimension " + dims[i]);
            }
            if (dims[i] != 0 && n > (Integer.MAX_VALUE / 8) / dims[i]) {
                throw new IllegalArgumentException("too many values (dims " + java.util.Arrays.toString(dims) + ")");
            }
            n *= dims[i];
        }
        int count = (int) n;
        int type = t.getDataType();
        ByteString raw = t.getRawData();
        double[] v = new double[count];
        if (!raw.isEmpty()) {
            int width = width(type);
            if (raw.size() != (long) count * width) {
                throw new IllegalArgumentException("raw data holds " + raw.size() + " bytes, " + count + " values of "
                        + typeName(type) + " need " + (long) count * width);
            }
            ByteBuffer b = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < count; i++) {
                v[i] = switch (type) {
                    case 1 -> b.getFloat();
                    case 11 -> b.getDouble();
                    case 7 -> b.getLong();
                    case 6 -> b.getInt();
                    case 2, 9 -> b.get() & 0xFF;
                    case 3 -> b.get();
                    default -> throw new IllegalArgumentException("unreachable");
                };
            }
            return new Const(dims, v);
        }
        int have = switch (type) {
            case 1 -> t.getFloatDataCount();
            case 11 -> t.getDoubleDataCount();
            case 7 -> t.getInt64DataCount();
            case 6, 2, 3, 9 -> t.getInt32DataCount();
            default -> throw new IllegalArgumentException("data type " + typeName(type) + " is not supported "
                    + "(float, double and integer tensors are)");
        };
        if (have != count) {
            throw new IllegalArgumentException("holds " + have + " values, its dims " + java.util.Arrays.toString(dims)
                    + " need " + count);
        }
        for (int i = 0; i < count; i++) {
            v[i] = switch (type) {
                case 1 -> t.getFloatData(i);
                case 11 -> t.getDoubleData(i);
                case 7 -> t.getInt64Data(i);
                default -> t.getInt32Data(i);
            };
        }
        return new Const(dims, v);
    }

    private static int width(int type) {
        return switch (type) {
            case 1, 6 -> 4;
            case 11, 7 -> 8;
            case 2, 3, 9 -> 1;
            default -> throw new IllegalArgumentException("data type " + typeName(type) + " is not supported "
                    + "(float, double and integer tensors are)");
        };
    }

    static String typeName(int type) {
        TensorProto.DataType d = TensorProto.DataType.forNumber(type);
        return d == null ? "#" + type : d.name();
    }
}
