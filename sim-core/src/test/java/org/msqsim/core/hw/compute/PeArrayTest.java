package org.msqsim.core.hw.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.msqsim.core.fixed.Overflow;
import org.msqsim.core.hw.compute.GemmCase.Kind;
import org.msqsim.core.spec.Dataflow;
import org.msqsim.core.spec.MacKind;
import org.msqsim.core.spec.PeArraySpec;
import org.junit.jupiter.api.Test;

/** Contract of {@link PeArray} beyond the values: arguments, counters, scratch reuse, no allocation. */
class PeArrayTest {

    private static final PeArraySpec OS = new PeArraySpec("core", MacKind.DSP, Dataflow.OUTPUT_STATIONARY,
            4, 4, 2, 200_000_000L, 32);

    @Test
    void rejectsBadTilesAndTreatsEmptyOnesAsNoWork() {
        PeArray pe = new PeArray(OS, PeDatapath.of(4, 4, false));
        int[] w = new int[16];
        int[] x = new int[16];
        long[] acc = new long[16];
        assertThrows(IllegalArgumentException.class, () -> pe.computeTile(w, 0, 4, x, 0, 4, -1, 4, 4, acc, 0, 4));
        assertThrows(IllegalArgumentException.class, () -> pe.computeTile(w, 0, 3, x, 0, 4, 4, 4, 4, acc, 0, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> pe.computeTile(w, 1, 4, x, 0, 4, 4, 4, 4, acc, 0, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> pe.computeTile(w, 0, 4, x, 0, 4, 4, 4, 4, acc, 0, 5));
        pe.computeTile(w, 0, 4, x, 0, 4, 0, 4, 4, acc, 0, 4);
        assertEquals(0, pe.macs());
        assertEquals(0, pe.busyCycles());
        assertEquals(0, pe.tileCycles(4, 0, 4));
    }

    /** Tiles of changing size through one array: scratch grows, stale scratch never leaks into values. */
    @Test
    void countersAccumulateAcrossTilesAndReset() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (Kind kind : Kind.values()) {
            GemmCase first = GemmCase.random(rnd, Dataflow.WEIGHT_STATIONARY, kind, 3, 2, 20, 24, 17, 40,
                    Overflow.SATURATE);
            PeArray pe = new PeArray(first.spec(), first.datapath());
            long macs = 0;
            long cycles = 0;
            for (int[] s : new int[][] {{20, 24, 17}, {3, 5, 2}, {20, 24, 17}, {7, 1, 15}}) {
                GemmCase g = new GemmCase(first.spec(), first.datapath(), s[0], s[1], s[2], first.w(), first.wOff(),
                        first.wStride(), first.x(), first.xOff(), first.xStride(), first.acc(), first.accOff(),
                        first.accStride());
                assertArrayEquals(g.plainGemm(), g.runFast(pe), g::toString);
                macs += (long) s[0] * s[1] * s[2];
                cycles += ArrayTiming.tileCycles(g.spec(), s[0], s[1], s[2]);
            }
            assertEquals(macs, pe.macs());
            assertEquals(cycles, pe.busyCycles());
            assertEquals(0, pe.overflowEvents());
            pe.resetCounters();
            assertEquals(0, pe.macs() + pe.busyCycles() + pe.overflowEvents());
        }
    }

    /** STYLE 5: once the scratch has grown, a tile allocates nothing (JMH -prof gc is the real check). */
    @Test
    void hotPathAllocatesNothing() {
        if (!(ManagementFactory.getThreadMXBean() instanceof ThreadMXBean bean)
                || !bean.isThreadAllocatedMemorySupported()) {
            return;
        }
        SplittableRandom rnd = new SplittableRandom(12);
        for (Kind kind : Kind.values()) {
            for (Overflow mode : Overflow.values()) {
                GemmCase g = GemmCase.random(rnd, Dataflow.OUTPUT_STATIONARY, kind, 8, 8, 13, 24, 24, 48, mode);
                PeArray pe = new PeArray(g.spec(), g.datapath());
                long[] acc = g.acc().clone();
                for (int warm = 0; warm < 3; warm++) {
                    pe.computeTile(g.w(), g.wOff(), g.wStride(), g.x(), g.xOff(), g.xStride(), g.m(), g.k(), g.n(),
                            acc, g.accOff(), g.accStride());
                }
                // The probe itself allocates now and then (its own JIT, TLAB refills): compare minima.
                long idle = Long.MAX_VALUE;
                long tile = Long.MAX_VALUE;
                for (int trial = 0; trial < 5; trial++) {
                    long before = bean.getCurrentThreadAllocatedBytes();
                    idle = Math.min(idle, bean.getCurrentThreadAllocatedBytes() - before);
                    before = bean.getCurrentThreadAllocatedBytes();
                    pe.computeTile(g.w(), g.wOff(), g.wStride(), g.x(), g.xOff(), g.xStride(), g.m(), g.k(), g.n(),
                            acc, g.accOff(), g.accStride());
                    tile = Math.min(tile, bean.getCurrentThreadAllocatedBytes() - before);
                }
                long probe = idle;
                long allocated = tile;
                assertTrue(allocated <= probe, () -> "bytes allocated by " + g + ": " + allocated + " (probe " + probe + ")");
            }
        }
    }
}
