package org.msqsim.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.msqsim.core.fixed.DspKind;
import org.msqsim.core.fixed.DspMac;
import org.msqsim.core.fixed.FixedFormat;
import org.msqsim.core.fixed.Overflow;
import org.msqsim.core.fixed.PackedDspMac;
import org.msqsim.core.fixed.Sp2Format;
import org.msqsim.core.fixed.Sp2Mac;
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
 * The bit-exact MAC kernels against a plain Java {@code int} multiply-accumulate over the same data:
 * {@value #ROWS} weight rows of {@value #K} weights each, dotted with one activation vector (the
 * rows share the activation, as the rows of a GEMM tile and the lanes of a packed DSP do). Every
 * benchmark does {@code ROWS·K} MACs per call, so the reported time per operation is time per MAC,
 * and the ratios to {@link #plainInt} are the cost of bit accuracy.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MacKernelBench {
    static final int ROWS = 4;
    static final int K = 4096;

    /** Weight and activation width: 4 (4 lanes per DSP) or 8 (2 lanes per DSP). */
    @Param({"4", "8"})
    public int bits;

    private int[] weights;   // ROWS x K, signed fixed-point codes (narrow range)
    private int[] sp2Codes;  // ROWS x K, SP2 codes of the same width
    private int[] acts;      // K unsigned activations
    private long[] lanes;
    private DspMac dsp;
    private PackedDspMac packed;
    private Sp2Mac sp2;
    private int packedLanes;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(42);
        int wMax = (1 << (bits - 1)) - 1;
        weights = new int[ROWS * K];
        sp2Codes = new int[ROWS * K];
        acts = new int[K];
        Sp2Format f = Sp2Format.of(bits);
        for (int i = 0; i < ROWS * K; i++) {
            weights[i] = rnd.nextInt(-wMax, wMax + 1);
            sp2Codes[i] = rnd.nextInt(f.codeCount());
        }
        for (int i = 0; i < K; i++) {
            acts[i] = rnd.nextInt(1 << bits);
        }
        dsp = new DspMac(DspKind.DSP48E2, bits, bits, false, FixedFormat.signedInt(32, Overflow.WRAP));
        packedLanes = bits <= 4 ? 4 : 2;
        packed = new PackedDspMac(DspKind.DSP48E2, bits, bits, false, packedLanes, true);
        sp2 = new Sp2Mac(f, bits, false);
        lanes = new long[packedLanes];
    }

    /** The floor: plain Java int multiply-accumulate. */
    @Benchmark
    @OperationsPerInvocation(ROWS * K)
    public long plainInt() {
        long total = 0;
        for (int r = 0; r < ROWS; r++) {
            int acc = 0;
            int base = r * K;
            for (int k = 0; k < K; k++) {
                acc += weights[base + k] * acts[k];
            }
            total += acc;
        }
        return total;
    }

    /** One multiplication per DSP slice, 48-bit P, 32-bit declared accumulator. */
    @Benchmark
    @OperationsPerInvocation(ROWS * K)
    public long dspMac() {
        long total = 0;
        for (int r = 0; r < ROWS; r++) {
            total += dsp.dot(weights, r * K, acts, 0, K, 0);
        }
        return total;
    }

    /** 2 (8-bit) or 4 (4-bit) rows per DSP slice through the packed word, canaries and lane resolve. */
    @Benchmark
    @OperationsPerInvocation(ROWS * K)
    public long packedDsp() {
        long total = 0;
        for (int r = 0; r < ROWS; r += packedLanes) {
            packed.dot(weights, r * K, K, acts, 0, K, lanes);
            for (int l = 0; l < packedLanes; l++) {
                total += lanes[l];
            }
        }
        return total;
    }

    /** The LUT SP2 shift-add MAC: two shifts, an add, a conditional negate per product. */
    @Benchmark
    @OperationsPerInvocation(ROWS * K)
    public long sp2Mac() {
        long total = 0;
        for (int r = 0; r < ROWS; r++) {
            total += sp2.dot(sp2Codes, r * K, acts, 0, K);
        }
        return total;
    }
}
