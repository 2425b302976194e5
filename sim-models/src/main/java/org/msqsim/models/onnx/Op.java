package org.msqsim.models.onnx;

import java.util.ArrayList;
import java.util.List;
import org.msqsim.models.layer.Activation;
import org.msqsim.models.layer.Layer;

/**
 * A layer being assembled during import: its name, its producers (null for the network input), and
 * the ONNX value that currently holds its output — which moves forward as later nodes (a batch norm,
 * a constant affine, a ReLU) are folded into it.
 */
abstract sealed class Op permits Op.Gemm, Op.Stream {
    final String name;
    final List<Op> inputs;
    String value;

    Op(String name, List<Op> inputs, String value) {
        this.name = name;
        this.inputs = new ArrayList<>(inputs);
        this.value = value;
    }

    /** A layer with its own requantizer: a convolution, a transposed convolution or a dense layer. */
    static final class Gemm extends Op {
        enum Form { CONV, CONVT, DENSE }

        final Form form;
        /** Conv: h, w, c, k, r, s, strideH, strideW, pad, groups; ConvT: h, w, c, k, factor; dense: in, out. */
        final int[] geo;
        /** Weight rows (output channels; for ConvT output channel × factor²), each in C, R, S order. */
        final double[][] rows;
        final double[] bias;
        boolean hasBias;
        Activation act = Activation.NONE;

        Gemm(String name, List<Op> inputs, String value, Form form, int[] geo, double[][] rows, double[] bias,
             boolean hasBias) {
            super(name, inputs, value);
            this.form = form;
            this.geo = geo;
            this.rows = rows;
            this.bias = bias;
            this.hasBias = hasBias;
        }

        /** The output channel row {@code r} feeds. */
        int channelOf(int r) {
            return form == Form.CONVT ? r / (geo[4] * geo[4]) : r;
        }

        int channels() {
            return form == Form.CONVT ? geo[3] : rows.length;
        }

        /** Folds {@code y → a[c]·y + b[c]} into weights and bias. */
        void fold(double[] a, double[] b) {
            for (int r = 0; r < rows.length; r++) {
                int c = channelOf(r);
                double ac = a[a.length == 1 ? 0 : c];
                double bc = b[b.length == 1 ? 0 : c];
                for (int j = 0; j < rows[r].length; j++) {
                    rows[r][j] *= ac;
                }
                bias[r] = bias[r] * ac + bc;
                hasBias |= bc != 0;
            }
        }
    }

    /** An element-wise layer; its layer may be replaced as later nodes fold into it. */
    static final class Stream extends Op {
        Layer layer;

        Stream(String name, List<Op> inputs, String value, Layer layer) {
            super(name, inputs, value);
            this.layer = layer;
        }
    }
}
