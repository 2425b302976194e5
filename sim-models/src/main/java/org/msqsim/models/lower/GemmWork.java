package org.msqsim.models.lower;

import java.util.Arrays;
import java.util.Optional;
import org.msqsim.core.mapping.ConvWindow;
import org.msqsim.core.mapping.OutputStage;
import org.msqsim.models.golden.GoldenReference;
import org.msqsim.models.layer.Conv2d;
import org.msqsim.models.layer.GemmLayer;

/**
 * One GEMM {@code C[M×N] = W[M×K]·X[K×N]} of a layer on the accelerator: group {@code group} of the
 * layer's {@link GemmLayer#groups()}, its weight rows {@code [group·M, group·M + M)}.
 *
 * @param lutRows rows of this GEMM on the LUT core when timing only, or when the LUT core multiplies
 *                fixed-point weights (see {@link Lowering}); a bit-exact run on an SP2 core puts the
 *                rows quantized to SP2 there instead
 * @param stage   the output stage: a residual add or max pool fused into it ({@link Fusion}), or
 *                {@link OutputStage#NONE}
 */
public record GemmWork(GemmLayer layer, int group, int m, int lutRows, int k, int n, OutputStage stage)
        implements Work {

    /** A GEMM with a plain output stage. */
    public GemmWork(GemmLayer layer, int group, int m, int lutRows, int k, int n) {
        this(layer, group, m, lutRows, k, n, OutputStage.NONE);
    }

    /** The first weight row of this group in the layer's matrix. */
    public int row0() {
        return group * m;
    }

    /**
     * For a convolution, the feature map its {@code K×N} input is expanded from on chip: the DMA
     * fetches rows with halo into the line buffer ({@link ConvWindow}); empty for dense and GEMM layers.
     */
    public Optional<ConvWindow> window() {
        if (layer instanceof Conv2d c) {
            return Optional.of(new ConvWindow(c.c() / c.groups(), c.h(), c.w(), c.r(), c.s(), c.stride(), c.pad(),
                    c.outH(), c.outW()));
        }
        return Optional.empty();
    }

    /**
     * The {@code K×N} matrix the accelerator reads for this GEMM, from the layer's input codes: the
     * im2col lowering of the group's input channels for a convolution; the input as it is for a dense
     * layer (its flattened input is {@code K×1}) or a GEMM layer (its input is already {@code K×N}).
     */
    public int[] input(int[] layerInput) {
        if (layer instanceof Conv2d c) {
            int cg = c.c() / c.groups();
            int plane = c.h() * c.w();
            int[] slice = Arrays.copyOfRange(layerInput, group * cg * plane, (group + 1) * cg * plane);
            return GoldenReference.im2col(slice, cg, c.h(), c.w(), c.r(), c.s(), c.stride(), c.strideW(), c.pad());
        }
        return layerInput;
    }
}
