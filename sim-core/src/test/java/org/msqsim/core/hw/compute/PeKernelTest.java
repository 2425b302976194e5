package org.msqsim.core.hw.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.msqsim.core.fixed.Overflow;
import org.msqsim.core.hw.compute.GemmCase.Kind;
import org.msqsim.core.spec.Dataflow;
import org.msqsim.core.spec.MacKind;
import org.msqsim.core.spec.PeArraySpec;
import org.junit.jupiter.api.Test;

/**
 * {@link PeKernel#of} picks one kernel per datapath kind, and the per-PE seam a vector PE would be
 * built on holds: in range, a kernel's {@link PeKernel#products} are the plain integer products of
 * each lane weight with the activation, and {@link PeKernel#mac} is those products accumulated.
 * The kernels' values in tiles are held against plain GEMMs by {@link SystolicArrayPropertyTest}.
 */
class PeKernelTest {

    @Test
    void oneKernelPerDatapathKind() {
        PeDatapath dp = PeDatapath.of(4, 4, false);
        for (Dataflow df : Dataflow.values()) {
            assertKernel(DspKernel.class, new PeArraySpec("c", MacKind.DSP, df, 4, 4, 1, 1, 32), dp);
            assertKernel(PackedDspKernel.class, new PeArraySpec("c", MacKind.DSP, df, 4, 4, 2, 1, 32), dp);
            assertKernel(PackedDspKernel.class, new PeArraySpec("c", MacKind.DSP, df, 4, 4, 4, 1, 32),
                    dp.withDsp(dp.dspKind(), true));
            assertKernel(FabricSp2Kernel.class, new PeArraySpec("c", MacKind.LUT_SP2, df, 4, 4, 1, 1, 32), dp);
            assertKernel(FabricFixedKernel.class, new PeArraySpec("c", MacKind.LUT_FIXED, df, 4, 4, 1, 1, 32), dp);
        }
    }

    @Test
    void productsAreThePlainProductsAndMacAccumulatesThem() {
        SplittableRandom rnd = new SplittableRandom(0x9E4L);
        int checked = 0;
        for (int c = 0; c < 200; c++) {
            Kind kind = Kind.values()[c % Kind.values().length];
            GemmCase g = GemmCase.random(rnd, Dataflow.OUTPUT_STATIONARY, kind, 2, 2, 1 + rnd.nextInt(8),
                    1 + rnd.nextInt(8), 1 + rnd.nextInt(4), 48, Overflow.WRAP);
            PeKernel kernel = PeKernel.of(g.spec(), g.datapath());
            int p = kernel.lanes();
            int[] wLanes = new int[p];
            long[] out = new long[p];
            for (int i0 = 0; i0 < g.m(); i0 += p) {
                for (int kk = 0; kk < g.k(); kk++) {
                    for (int l = 0; l < p; l++) {
                        wLanes[l] = i0 + l < g.m() ? g.w()[g.wOff() + (i0 + l) * g.wStride() + kk] : 0;
                    }
                    int a = (int) g.act(kk, 0);
                    kernel.products(wLanes, a, out);
                    long[] sum = new long[p];
                    long[] exact = new long[p];
                    kernel.mac(wLanes, a, sum, exact);
                    for (int l = 0; l < p && i0 + l < g.m(); l++) {
                        long plain = g.weight(i0 + l, kk) * a;
                        assertEquals(plain, out[l], g::toString);
                        assertEquals(plain, sum[l], g::toString);
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 1000, "too few products checked: " + checked);
    }

    private static void assertKernel(Class<? extends PeKernel> expected, PeArraySpec spec, PeDatapath dp) {
        PeKernel kernel = PeKernel.of(spec, dp);
        assertInstanceOf(expected, kernel, spec::toString);
        assertEquals(spec.packing(), kernel.lanes(), spec::toString);
        assertEquals(spec.accumulatorBits(), kernel.accumulator().bits(), spec::toString);
        assertEquals(dp.accumulatorOverflow(), kernel.accumulator().overflow(), spec::toString);
    }
}
