package org.msqsim.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.msqsim.core.engine.Simulator;
import org.msqsim.core.event.EventHandler;
import org.msqsim.core.event.EventQueue;
import org.msqsim.core.event.PackedHeapEventQueue;
import org.msqsim.core.event.ReferenceEventQueue;
import org.msqsim.core.hw.memory.DdrController;
import org.msqsim.core.hw.memory.Direction;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.boards.BoardCatalog;
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
 * The event engine: queue throughput (the packed fast heap against the plain reference heap, same
 * calls) and the DDR controller handling many concurrent DMA transfers in one simulation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class EngineBench {
    static final int EVENTS = 1 << 16;
    static final int TRANSFERS = 4096;

    /** Pending events held in the queue while it is churned (hold model). */
    @Param({"64", "4096"})
    public int pending;

    private EventQueue fast;
    private EventQueue reference;
    private long[] delays;
    private static final EventHandler NOP = t -> { };
    private BoardSpec board;
    private long[] issue;
    private long[] bytes;
    private int[] dir;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(3);
        delays = new long[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            delays[i] = 1 + rnd.nextInt(1_000_000);
        }
        fast = fill(new PackedHeapEventQueue());
        reference = fill(new ReferenceEventQueue());
        board = BoardCatalog.get("zc706");
        issue = new long[TRANSFERS];
        bytes = new long[TRANSFERS];
        dir = new int[TRANSFERS];
        for (int i = 0; i < TRANSFERS; i++) {
            issue[i] = 1000L * rnd.nextInt(200_000);    // within 200 µs: dozens in flight at once
            bytes[i] = 1 + rnd.nextInt(64 * 1024);
            dir[i] = rnd.nextInt(3) == 0 ? 1 : 0;
        }
    }

    private EventQueue fill(EventQueue q) {
        for (int i = 0; i < pending; i++) {
            q.schedule(delays[i], i & 3, NOP);
        }
        return q;
    }

    /** The classic hold model: take the head, schedule one later; the queue's size stays {@code pending}. */
    private long hold(EventQueue q) {
        long sum = 0;
        for (int i = 0; i < EVENTS; i++) {
            long t = q.peekTime();
            q.take();
            q.schedule(t + delays[i], i & 3, NOP);
            sum += t;
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long packedHeapQueue() {
        return hold(fast);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long referenceQueue() {
        return hold(reference);
    }

    /** {@value #TRANSFERS} DMA transfers of up to 64 KiB, reads and writes, issued over 200 µs; time per transfer. */
    @Benchmark
    @OperationsPerInvocation(TRANSFERS)
    public long ddrBatch() {
        Simulator sim = new Simulator();
        DdrController ddr = new DdrController(board.accelerator().ddr(), sim);
        long[] done = new long[1];
        EventHandler onDone = t -> done[0] += t;
        Direction[] dirs = Direction.values();
        for (int i = 0; i < TRANSFERS; i++) {
            int k = i;
            sim.schedule(issue[i], 1, t -> ddr.transfer(0, dirs[dir[k]], bytes[k], onDone));
        }
        sim.run();
        return done[0] + ddr.stats().bytes();
    }
}
