package org.msqsim.core.hw.compute;

import org.msqsim.core.fixed.PackedDspMac;
import org.msqsim.core.spec.Dataflow;
import org.msqsim.core.spec.MacKind;

/**
 * Independent references for narrow accumulators, written from the PE design in {@link PeArray}'s
 * class comment rather than from its code: where the hardware's register is read out (and, with
 * SATURATE, clamped) in κ order for each MAC kind and dataflow.
 */
final class HardwareOrder {

    private HardwareOrder() {
    }

    /**
     * SATURATE: κ is cut into readout chunks — a DSP P is read once per output (OS, dot-product) or
     * per WS fold of R rows; a packed chain ends after the chain length (OS, dot-product) or per WS fold; a fabric
     * accumulator clamps after every product, or in a dot-product array after each R-product adder
     * tree — and each chunk's exact sum is added into the output and clamped.
     */
    static long[] saturating(GemmCase g) {
        int rows = g.spec().rows();
        int lanes = g.spec().vectorLanes();
        boolean ws = g.spec().dataflow() == Dataflow.WEIGHT_STATIONARY;
        int chunk;
        if (g.spec().mac() != MacKind.DSP) {
            // one adder-tree sum per cycle: a dot-product PE's R lanes, a vector PE's V
            chunk = g.spec().dataflow() == Dataflow.DOT_PRODUCT ? rows : lanes;
        } else if (ws) {
            chunk = rows * lanes; // a column's cascade: R steps of V lanes
        } else if (g.spec().packing() == 1) {
            chunk = g.k();
        } else {
            PeDatapath d = g.datapath();
            // by default the accumulator bounds the chain (PackedDspMac#chainOf, FINN's counter widths)
            int length = d.chainLength() != 0 ? d.chainLength() : new PackedDspMac(d.dspKind(), d.weightBits(),
                    d.actBits(), d.actSigned(), g.spec().packing(), d.narrowWeights())
                    .chainOf(g.spec().accumulatorBits(), lanes);
            chunk = length / lanes * lanes; // a chain ends at a clock edge: whole clocks of V products
        }
        long max = (1L << (g.spec().accumulatorBits() - 1)) - 1;
        long[] out = g.acc().clone();
        for (int i = 0; i < g.m(); i++) {
            for (int j = 0; j < g.n(); j++) {
                long v = out[g.accIndex(i, j)];
                for (int k0 = 0; k0 < g.k(); k0 += chunk) {
                    long s = 0;
                    for (int kk = k0; kk < Math.min(g.k(), k0 + chunk); kk++) {
                        s += g.weight(i, kk) * g.act(kk, j);
                    }
                    v = Math.max(-max - 1, Math.min(max, v + s));
                }
                out[g.accIndex(i, j)] = v;
            }
        }
        return out;
    }

    /** WRAP: the plain GEMM's outputs modulo 2^bits, in two's complement, whatever the order. */
    static long[] wrapped(GemmCase g) {
        long[] out = g.plainGemm();
        int drop = 64 - g.spec().accumulatorBits();
        for (int i = 0; i < g.m(); i++) {
            for (int j = 0; j < g.n(); j++) {
                out[g.accIndex(i, j)] = (out[g.accIndex(i, j)] << drop) >> drop;
            }
        }
        return out;
    }
}
