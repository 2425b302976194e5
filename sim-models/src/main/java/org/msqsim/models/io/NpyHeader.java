package org.msqsim.models.io;

import java.util.List;

/**
 * The parsed header dictionary of a {@code .npy} file: element type, memory order and shape.
 *
 * @param dtype        element type, from {@code 'descr'}
 * @param fortranOrder true if the data is stored column-major (first index fastest)
 * @param shape        the array's dimensions, outermost first; empty for a 0-d scalar
 */
public record NpyHeader(NpyDtype dtype, boolean fortranOrder, List<Integer> shape) {
    public NpyHeader {
        shape = List.copyOf(shape);
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + shape);
            }
        }
    }

    /** Number of elements: the product of the dimensions, 1 for a 0-d scalar. */
    public long elementCount() {
        long n = 1;
        for (int d : shape) {
            n *= d;
            if (n > Integer.MAX_VALUE) {
                return Long.MAX_VALUE;
            }
        }
        return n;
    }

    /** The shape written as Python writes a tuple: {@code (576, 9)}, {@code (5,)}, {@code ()}. */
    public String shapeText() {
        return pythonTuple(shape);
    }

    static String pythonTuple(List<? extends Number> dims) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < dims.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(dims.get(i));
        }
        return sb.append(dims.size() == 1 ? ",)" : ")").toString();
    }
}
