package org.msqsim.models.layer;

/**
 * What kind of layer a {@link Layer} is, as the reports name it. One kind per layer record, except
 * that a convolution of more than one group (depthwise or grouped) is {@link #DWCONV}: it runs group
 * by group and uses the arrays differently from a dense one.
 */
public enum LayerKind {
    CONV("conv"),
    /** A convolution of more than one group: depthwise, or grouped. */
    DWCONV("dwconv"),
    DENSE("dense"),
    GEMM("gemm"),
    MAXPOOL("maxpool"),
    AVGPOOL("avgpool"),
    GAP("gap"),
    ADD("add"),
    /** Element-wise product of two tensors, or a tensor times a per-channel gate (squeeze-and-excitation). */
    MUL("mul"),
    /** A per-channel (or per-tensor) affine {@code a·x + b} left standing after folding: a lone batch norm. */
    AFFINE("affine"),
    HSWISH("hswish"),
    HSIGMOID("hsigmoid"),
    SIGMOID("sigmoid"),
    /** A ReLU or ReLU6 that no GEMM layer could absorb. */
    RELU("relu"),
    RESIZE("resize"),
    CONCAT("concat"),
    SOFTMAX("softmax"),
    /** The scatter of a transposed convolution's outputs into their stride-by-stride blocks. */
    SHUFFLE("shuffle");

    private final String label;

    LayerKind(String label) {
        this.label = label;
    }

    /** The name the reports print in their {@code kind} column and field. */
    public String label() {
        return label;
    }
}
