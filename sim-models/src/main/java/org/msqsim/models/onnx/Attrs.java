package org.msqsim.models.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;

/** A node's attributes by name, with the defaults the ONNX operator documents. */
final class Attrs {
    private final NodeProto node;

    Attrs(NodeProto node) {
        this.node = node;
    }

    private AttributeProto find(String name) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    boolean has(String name) {
        return find(name) != null;
    }

    long i(String name, long dflt) {
        AttributeProto a = find(name);
        return a == null ? dflt : a.getI();
    }

    double f(String name, double dflt) {
        AttributeProto a = find(name);
        return a == null ? dflt : a.getF();
    }

    String s(String name, String dflt) {
        AttributeProto a = find(name);
        return a == null ? dflt : a.getS().toStringUtf8();
    }

    long[] ints(String name, long[] dflt) {
        AttributeProto a = find(name);
        if (a == null) {
            return dflt;
        }
        List<Long> l = a.getIntsList();
        long[] r = new long[l.size()];
        for (int k = 0; k < r.length; k++) {
            r[k] = l.get(k);
        }
        return r;
    }

    double[] floats(String name) {
        AttributeProto a = find(name);
        if (a == null) {
            return null;
        }
        double[] r = new double[a.getFloatsCount()];
        for (int k = 0; k < r.length; k++) {
            r[k] = a.getFloats(k);
        }
        return r;
    }

    AttributeProto raw(String name) {
        return find(name);
    }
}
