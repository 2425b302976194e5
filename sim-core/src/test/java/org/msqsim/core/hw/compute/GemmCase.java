package org.msqsim.core.hw.compute;

import java.util.SplittableRandom;
import org.msqsim.core.fixed.DspKind;
import org.msqsim.core.fixed.Overflow;
import org.msqsim.core.fixed.Sp2Format;
import org.msqsim.core.spec.Dataflow;
import org.msqsim.core.spec.Drain;
import org.msqsim.core.spec.MacKind;
import org.msqsim.core.spec.PeArraySpec;

/**
 * One random GEMM tile on one array: spec, datapath, operands inside their declared ranges laid out
 * with random offsets and row strides (the gaps hold junk that must never be read or written), and
 * the plain integer reference. Generated from a seeded {@link SplittableRandom} only.
 */
record GemmCase(PeArraySpec spec, PeDatapath datapath, int m, int k, int n,
                int[] w, int wOff, int wStride, int[] x, int xOff, int xStride,
                long[] acc, int accOff, int accStride) {

    /** The five PE kinds a case can be: DSP with packing 1, 2 or 4, the SP2 and the fixed LUT MAC. */
    enum Kind { DSP1, DSP2, DSP4, SP2, LUT_FIXED }

    static GemmCase random(SplittableRandom rnd, Dataflow dataflow, Kind kind, int rows, int cols, int m, int k,
                           int n, int accBits, Overflow overflow) {
        return random(rnd, dataflow, kind, rows, cols, m, k, n, accBits, overflow, 1, false);
    }

    /**
     * As above with {@code vectorLanes} input-channel lanes per PE, DSP slices {@code doublePumped}
     * (DSP kinds and an even V only); a packed chain is then whole clocks of V products, so a random
     * chain length is drawn from [V, 3V).
     */
    static GemmCase random(SplittableRandom rnd, Dataflow dataflow, Kind kind, int rows, int cols, int m, int k,
                           int n, int accBits, Overflow overflow, int vectorLanes, boolean doublePumped) {
        DspKind dsp = rnd.nextBoolean() ? DspKind.DSP48E1 : DspKind.DSP48E2;
        boolean signed = rnd.nextBoolean();
        int maxBits = switch (kind) {
            case DSP1, SP2, LUT_FIXED -> 12;
            case DSP2 -> 8;
            case DSP4 -> 4;
        };
        int ab = signed ? 2 + rnd.nextInt(maxBits - 1) : 1 + rnd.nextInt(maxBits);
        int wb = kind == Kind.SP2 ? 3 + rnd.nextInt(Sp2Format.MAX_BITS - 2) : 2 + rnd.nextInt(maxBits - 1);
        boolean narrow = kind == Kind.DSP4 && dsp == DspKind.DSP48E1 || kind != Kind.DSP1 && rnd.nextBoolean();
        int chain = kind == Kind.DSP2 || kind == Kind.DSP4 ? (rnd.nextBoolean() ? 0
                : vectorLanes == 1 ? 1 + rnd.nextInt(5) : vectorLanes + rnd.nextInt(2 * vectorLanes)) : 0;
        MacKind mac = switch (kind) {
            case DSP1, DSP2, DSP4 -> MacKind.DSP;
            case SP2 -> MacKind.LUT_SP2;
            case LUT_FIXED -> MacKind.LUT_FIXED;
        };
        int packing = kind == Kind.DSP2 ? 2 : kind == Kind.DSP4 ? 4 : 1;
        PeArraySpec spec = new PeArraySpec("core", mac, dataflow, rows, cols, packing, 200_000_000L, accBits,
                vectorLanes, doublePumped && mac == MacKind.DSP, false);
        PeDatapath dp = new PeDatapath(wb, ab, signed, dsp, narrow, overflow, chain);

        int wOff = rnd.nextInt(4);
        int wStride = k + rnd.nextInt(3);
        int xOff = rnd.nextInt(4);
        int xStride = n + rnd.nextInt(3);
        int accOff = rnd.nextInt(4);
        int accStride = n + rnd.nextInt(3);
        int[] w = junk(rnd, wOff + (m - 1) * wStride + k + rnd.nextInt(3));
        int[] x = junk(rnd, xOff + (k - 1) * xStride + n + rnd.nextInt(3));
        long[] acc = new long[accOff + (m - 1) * accStride + n + rnd.nextInt(3)];
        for (int i = 0; i < acc.length; i++) {
            acc[i] = rnd.nextLong(); // junk outside the tile; in-range values inside, below
        }
        int wMax = kind == Kind.SP2 ? 0 : (1 << (wb - 1)) - 1;
        int wMin = narrow ? -wMax : -wMax - 1;
        for (int i = 0; i < m; i++) {
            for (int kk = 0; kk < k; kk++) {
                w[wOff + i * wStride + kk] = kind == Kind.SP2 ? rnd.nextInt(1 << wb) : rnd.nextInt(wMin, wMax + 1);
            }
        }
        int aMin = signed ? -(1 << (ab - 1)) : 0;
        int aMax = signed ? (1 << (ab - 1)) - 1 : (1 << ab) - 1;
        for (int kk = 0; kk < k; kk++) {
            for (int j = 0; j < n; j++) {
                x[xOff + kk * xStride + j] = rnd.nextInt(aMin, aMax + 1);
            }
        }
        long accMax = (1L << (accBits - 1)) - 1;
        long accSpan = Math.min(accMax, 1000);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                acc[accOff + i * accStride + j] = rnd.nextLong(-accSpan, accSpan + 1);
            }
        }
        return new GemmCase(spec, dp, m, k, n, w, wOff, wStride, x, xOff, xStride, acc, accOff, accStride);
    }

    private static int[] junk(SplittableRandom rnd, int len) {
        int[] a = new int[len];
        for (int i = 0; i < len; i++) {
            a[i] = rnd.nextInt();
        }
        return a;
    }

    /** The integer meaning of weight (i, κ): the two's complement value, or an SP2 code's valueInt. */
    long weight(int i, int kk) {
        int raw = w[wOff + i * wStride + kk];
        return spec.mac() == MacKind.LUT_SP2 ? Sp2Format.of(datapath.weightBits()).valueInt(raw) : raw;
    }

    long act(int kk, int j) {
        return x[xOff + kk * xStride + j];
    }

    int accIndex(int i, int j) {
        return accOff + i * accStride + j;
    }

    /** The plain integer GEMM {@code acc + W·X}, exact (no declared widths), in a copy of {@code acc}. */
    long[] plainGemm() {
        long[] out = acc.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                long s = 0;
                for (int kk = 0; kk < k; kk++) {
                    s += weight(i, kk) * act(kk, j);
                }
                out[accIndex(i, j)] += s;
            }
        }
        return out;
    }

    /** Runs the fast model on a copy of {@code acc}. */
    long[] runFast(PeArray pe) {
        long[] out = acc.clone();
        pe.computeTile(w, wOff, wStride, x, xOff, xStride, m, k, n, out, accOff, accStride);
        return out;
    }

    /** This case on the same array draining {@code drain} (weight-stationary arrays stay in place). */
    GemmCase withDrain(Drain drain) {
        return new GemmCase(spec.withDrain(drain), datapath, m, k, n, w, wOff, wStride, x, xOff, xStride, acc, accOff,
                accStride);
    }

    GemmCase withColumnSets(int sets) {
        return new GemmCase(spec.withColumnSets(sets), datapath, m, k, n, w, wOff, wStride, x, xOff, xStride, acc,
                accOff, accStride);
    }

    /** Runs the literal model on {@code out}, a copy of {@code acc}. */
    LiteralSystolicArray.Run runLiteral(long[] out) {
        return runLiteral(out, 0);
    }

    /** The literal model with {@code slack} cycles taken off each overlapped fold gap. */
    LiteralSystolicArray.Run runLiteral(long[] out, int slack) {
        if (spec.dataflow() == Dataflow.DOT_PRODUCT) {
            return new LiteralDotProductArray(spec, datapath).run(w, wOff, wStride, x, xOff, xStride, m, k, n, out,
                    accOff, accStride);
        }
        return new LiteralSystolicArray(spec, datapath, slack).run(w, wOff, wStride, x, xOff, xStride, m, k, n,
                out, accOff, accStride);
    }

    @Override
    public String toString() {
        return spec.mac() + " p" + spec.packing() + " V" + spec.vectorLanes() + (spec.doublePumped() ? " 2x" : "")
                + " " + spec.dataflow() + (spec.overlappedDrain() ? " overlapped" : "") + " " + spec.rows() + "x" + spec.cols()
                + " tile " + m + "x" + k + "x" + n + " " + datapath;
    }
}
