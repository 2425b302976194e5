package org.msqsim.bench;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.msqsim.core.fixed.DspKind;
import org.msqsim.core.fixed.Overflow;
import org.msqsim.core.fixed.Sp2Format;
import org.msqsim.core.hw.compute.PeArray;
import org.msqsim.core.hw.compute.PeDatapath;
import org.msqsim.core.spec.Dataflow;
import org.msqsim.core.spec.MacKind;
import org.msqsim.core.spec.PeArraySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One M×K×N tile through {@link PeArray#computeTile}, bit-exact, on the two cores of the ZC706 MSQ
 * design — a packed DSP48E1 core (4 lanes at 4 bits, 2 at 8; narrow-range weights, FINN's
 * mvu_4sx4u / mvu_8sx8u) and an SP2 LUT core — against {@link PlainGemm} of the same shape over the
 * same data (for SP2, the codes' integer values). Output-stationary, wrapping 24/32-bit
 * accumulators, unsigned activations, as {@code msqsim run} has them. Time per MAC: every benchmark
 * does {@value #M}·{@value #K}·{@value #N} MACs per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class TileBench {
    static final int M = 64;
    static final int K = 576;  // a 3×3 convolution over 64 channels
    static final int N = 196;  // 14×14 output pixels

    @Param({"4", "8"})
    public int bits;

    private int[] dspW;    // M×K narrow-range fixed-point weights
    private int[] sp2C;    // M×K SP2 codes
    private int[] sp2V;    // their integer values, for the plain GEMM
    private int[] x;       // K×N unsigned activations
    private long[] acc;
    private int[] c;
    private PeArray dsp;
    private PeArray sp2;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(7);
        int wMax = (1 << (bits - 1)) - 1;
        Sp2Format f = Sp2Format.of(bits);
        dspW = new int[M * K];
        sp2C = new int[M * K];
        sp2V = new int[M * K];
        for (int i = 0; i < M * K; i++) {
            dspW[i] = rnd.nextInt(-wMax, wMax + 1);
            sp2C[i] = rnd.nextInt(f.codeCount());
            sp2V[i] = f.valueInt(sp2C[i]);
        }
        x = new int[K * N];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextInt(1 << bits);
        }
        acc = new long[M * N];
        c = new int[M * N];
        int accBits = bits <= 4 ? 24 : 32;
        PeDatapath dp = new PeDatapath(bits, bits, false, DspKind.DSP48E1, true, Overflow.WRAP, 0);
        dsp = new PeArray(new PeArraySpec("dsp", MacKind.DSP, Dataflow.OUTPUT_STATIONARY, 16, 44,
                bits <= 4 ? 4 : 2, 150_000_000L, accBits), dp);
        sp2 = new PeArray(new PeArraySpec("lut", MacKind.LUT_SP2, Dataflow.OUTPUT_STATIONARY, 16, 24, 1,
                150_000_000L, accBits), dp);
    }

    /** The floor: plain int GEMM of the same shape over the fixed-point weights. */
    @Benchmark
    @OperationsPerInvocation(M * K * N)
    public long plainIntGemm() {
        return PlainGemm.gemm(dspW, x, c, M, K, N);
    }

    /** Packed DSP core, bit-exact (lanes, canaries' results, declared accumulator, overflow count). */
    @Benchmark
    @OperationsPerInvocation(M * K * N)
    public long dspTile() {
        Arrays.fill(acc, 0);
        dsp.computeTile(dspW, 0, K, x, 0, N, M, K, N, acc, 0, N);
        return acc[0] + acc[acc.length - 1] + dsp.overflowEvents();
    }

    /** SP2 LUT core, bit-exact. */
    @Benchmark
    @OperationsPerInvocation(M * K * N)
    public long sp2Tile() {
        Arrays.fill(acc, 0);
        sp2.computeTile(sp2C, 0, K, x, 0, N, M, K, N, acc, 0, N);
        return acc[0] + acc[acc.length - 1] + sp2.overflowEvents();
    }

    /** The floor for SP2: plain int GEMM over the codes' integer values. */
    @Benchmark
    @OperationsPerInvocation(M * K * N)
    public long plainIntGemmSp2Values() {
        return PlainGemm.gemm(sp2V, x, c, M, K, N);
    }
}
