package org.msqsim.models.onnx;

import java.util.Arrays;

/**
 * A constant tensor met while importing: its dimensions and its values as doubles (floats, and
 * integers of shape arithmetic, which never need more than 53 bits; INT64_MAX as an "up to the end"
 * slice bound stays larger than any dimension).
 */
record Const(long[] dims, double[] v) {
    Const {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        if (n != v.length) {
            throw new IllegalArgumentException("dims " + Arrays.toString(dims) + " need " + n + " values, got "
                    + v.length);
        }
    }

    static Const scalar(double x) {
        return new Const(new long[0], new double[] {x});
    }

    static Const vector(double... x) {
        return new Const(new long[] {x.length}, x);
    }

    int size() {
        return v.length;
    }

    boolean isScalarLike() {
        return v.length == 1;
    }

    double scalar() {
        return v[0];
    }

    long[] longs() {
        long[] r = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = (long) v[i];
        }
        return r;
    }

    Const reshape(long[] newDims) {
        return new Const(newDims, v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Const c && Arrays.equals(dims, c.dims) && Arrays.equals(v, c.v);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims) * 31 + Arrays.hashCode(v);
    }

    @Override
    public String toString() {
        return "Const" + Arrays.toString(dims);
    }
}
