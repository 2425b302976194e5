package org.msqsim.bench;

import java.util.concurrent.TimeUnit;
import org.msqsim.boards.BoardCatalog;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.trace.TraceSink;
import org.msqsim.models.exec.LayerRun;
import org.msqsim.models.exec.LayerRunner;
import org.msqsim.models.exec.MsqBalance;
import org.msqsim.models.layer.Layer;
import org.msqsim.models.layer.LayerParser;
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
 * One layer on a board's default MSQ accelerator, as {@code msqsim run} does it (weights generated
 * and MSQ-quantized, event simulation, golden check), bit-exact and timing-only. The
 * score is runs per second; the {@link Simulated} counters report simulated MACs and simulated
 * control-clock cycles per second of wall time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class LayerRunBench {

    @Param({"zc706"})
    public String board;

    @Param({"gemm:512x512x512", "conv:56x56x64->64,3x3,s1,p1"})
    public String layer;

    private LayerRunner runner;
    private Layer parsed;
    private double fraction;

    @Setup
    public void setup() {
        BoardSpec b = BoardCatalog.get(board);
        runner = new LayerRunner(b.accelerator(), b.device().family().dsp());
        parsed = LayerParser.parse(layer);
        fraction = MsqBalance.defaultFraction(b.accelerator());
    }

    @Benchmark
    public LayerRun bitExact(Simulated s) {
        LayerRun r = runner.run(parsed, new LayerRunner.Options(fraction, 1, false, TraceSink.NONE));
        if (!r.bitExact()) {
            throw new IllegalStateException("not bit-exact: " + r.firstMismatch());
        }
        s.macs += r.run().macs();
        s.cycles += r.run().controlCycles();
        return r;
    }

    @Benchmark
    public LayerRun timingOnly(Simulated s) {
        LayerRun r = runner.run(parsed, new LayerRunner.Options(fraction, 1, true, TraceSink.NONE));
        s.macs += r.run().macs();
        s.cycles += r.run().controlCycles();
        return r;
    }
}
