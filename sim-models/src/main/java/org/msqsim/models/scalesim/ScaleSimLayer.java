package org.msqsim.models.scalesim;

/**
 * One layer with SCALE-Sim's semantics: a convolution with no padding and no groups, one image.
 *
 * <p>The output size is SCALE-Sim's {@code ceil((ifmap − filter + stride) / stride)}
 * ({@code scalesim/topology_utils.py}, {@code topo_calc_hyperparams}), that is
 * {@code ceil((ifmap − filter) / stride) + 1}. When the stride does not divide {@code ifmap − filter}
 * this is one more than a physical unpadded convolution's {@code floor((ifmap − filter) / stride) + 1}:
 * SCALE-Sim keeps a last, partial window whose out-of-range pixels it marks as null addresses
 * ({@code scalesim/compute/operand_matrix.py}, {@code calc_ifmap_elem_addr}, "for padded address")
 * but still schedules and counts as MACs. For example 224×224 with an 11×11 filter at stride 4 gives 55,
 * not 54. The ResNet-18 topology's 7×7/2 first layer gives 110×110, not the padded network's 112.
 *
 * <p>A GEMM {@code C[M×N] = A[M×K]·B[K×N]} is the layer {@code M×K} ifmap, {@code 1×K} filter, one
 * channel, N filters, stride 1 ({@code topology_utils.py}, {@code load_arrays_gemm}), so that
 * {@code ofmapPixels() = M}, {@code windowSize() = K}, {@code numFilters() = N}.
 */
public record ScaleSimLayer(
        String name,
        int ifmapHeight,
        int ifmapWidth,
        int filterHeight,
        int filterWidth,
        int channels,
        int numFilters,
        int strideHeight,
        int strideWidth) {

    public ScaleSimLayer {
        if (name == null) {
            throw new IllegalArgumentException("layer name must not be null");
        }
        if (ifmapHeight < 1 || ifmapWidth < 1 || filterHeight < 1 || filterWidth < 1 || channels < 1
                || numFilters < 1 || strideHeight < 1 || strideWidth < 1) {
            throw new IllegalArgumentException(name + ": every dimension and stride must be >= 1");
        }
        if (filterHeight > ifmapHeight || filterWidth > ifmapWidth) {
            throw new IllegalArgumentException(name + ": filter " + filterHeight + "x" + filterWidth
                    + " is larger than the ifmap " + ifmapHeight + "x" + ifmapWidth);
        }
    }

    /** The GEMM {@code M×K · K×N} as SCALE-Sim's {@code -i gemm} maps it. */
    public static ScaleSimLayer gemm(String name, int m, int n, int k) {
        return new ScaleSimLayer(name, m, k, 1, k, 1, n, 1, 1);
    }

    public int ofmapHeight() {
        return ofmapSize(ifmapHeight, filterHeight, strideHeight);
    }

    public int ofmapWidth() {
        return ofmapSize(ifmapWidth, filterWidth, strideWidth);
    }

    /** Output pixels per filter (SCALE-Sim's {@code ofmap_px_per_filt}). */
    public long ofmapPixels() {
        return (long) ofmapHeight() * ofmapWidth();
    }

    /** Reduction length: {@code filterHeight · filterWidth · channels} (SCALE-Sim's window size). */
    public long windowSize() {
        return (long) filterHeight * filterWidth * channels;
    }

    /** MACs as SCALE-Sim counts them ({@code num_compute}): ofmap pixels · filters · window. */
    public long macs() {
        return ofmapPixels() * numFilters * windowSize();
    }

    static int ofmapSize(int ifmap, int filter, int stride) {
        return (ifmap - filter + stride - 1) / stride + 1; // ceil((ifmap - filter) / stride) + 1
    }
}
