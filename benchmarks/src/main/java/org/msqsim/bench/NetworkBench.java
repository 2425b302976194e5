package org.msqsim.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.msqsim.boards.BoardCatalog;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.trace.TraceSink;
import org.msqsim.models.exec.MsqBalance;
import org.msqsim.models.exec.NetworkRun;
import org.msqsim.models.exec.NetworkRunner;
import org.msqsim.models.graph.Network;
import org.msqsim.models.graph.Node;
import org.msqsim.models.layer.GemmLayer;
import org.msqsim.models.zoo.ModelZoo;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole networks on the ZC706 MSQ design as {@code msqsim run --model M} runs them (seeded synthetic
 * weights, MSQ quantization, event simulation layer by layer, golden network beside it and every
 * layer compared), bit-exact and timing-only; and {@link #plainIntGemm}, the arithmetic floor: a
 * plain Java {@code int} GEMM of every GEMM layer's shape (group by group), that is the same MACs,
 * on one core. Mode.Throughput, so the score is networks per second and the {@link Simulated}
 * counters are simulated MACs and simulated control-clock cycles per wall-clock second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class NetworkBench {

    @Param({"resnet18", "mobilenet_v2"})
    public String model;

    @Param({"zc706"})
    public String board;

    private NetworkRunner runner;
    private Network net;
    private double fraction;
    private double cyclesPerPs;
    private int[] w;
    private int[] x;
    private int[] c;

    @Setup
    public void setup() {
        BoardSpec b = BoardCatalog.get(board);
        runner = new NetworkRunner(b.accelerator(), b.device().family().dsp());
        net = ModelZoo.get(model);
        fraction = MsqBalance.defaultFraction(b.accelerator());
        cyclesPerPs = b.accelerator().controlClockHz() / 1e12;
        long wMax = 0;
        long xMax = 0;
        long cMax = 0;
        for (Node n : net.nodes()) {
            if (n.layer() instanceof GemmLayer g) {
                wMax = Math.max(wMax, (long) g.gemmM() * g.gemmK());
                xMax = Math.max(xMax, (long) g.gemmK() * g.gemmN());
                cMax = Math.max(cMax, (long) g.gemmM() * g.gemmN());
            }
        }
        SplittableRandom rnd = new SplittableRandom(1);
        w = new int[(int) wMax];
        x = new int[(int) xMax];
        c = new int[(int) cMax];
        for (int i = 0; i < w.length; i++) {
            w[i] = rnd.nextInt(-7, 8);
        }
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextInt(16);
        }
    }

    private void count(NetworkRun r, Simulated s) {
        s.macs += r.macs();
        s.cycles += (long) (r.latencyPs() * cyclesPerPs);
    }

    @Benchmark
    public NetworkRun bitExact(Simulated s) {
        NetworkRun r = runner.run(net, new NetworkRunner.Options(fraction, 1, false, TraceSink.NONE, null));
        if (!r.bitExact()) {
            throw new IllegalStateException(model + " is not bit-exact: " + r.mismatches() + " mismatches");
        }
        count(r, s);
        return r;
    }

    @Benchmark
    public NetworkRun timingOnly(Simulated s) {
        NetworkRun r = runner.run(net, new NetworkRunner.Options(fraction, 1, true, TraceSink.NONE, null));
        count(r, s);
        return r;
    }

    /** The floor: a plain int GEMM of every GEMM layer's (per-group) shape, one thread. */
    @Benchmark
    public long plainIntGemm(Simulated s) {
        long check = 0;
        for (Node n : net.nodes()) {
            if (n.layer() instanceof GemmLayer g) {
                for (int gi = 0; gi < g.groups(); gi++) {
                    check += PlainGemm.gemm(w, x, c, g.gemmM(), g.gemmK(), g.gemmN());
                    s.macs += (long) g.gemmM() * g.gemmK() * g.gemmN();
                }
            }
        }
        return check;
    }
}
