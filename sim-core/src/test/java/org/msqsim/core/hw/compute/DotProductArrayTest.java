package org.msqsim.core.hw.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.msqsim.core.fixed.Overflow;
import org.msqsim.core.hw.compute.GemmCase.Kind;
import org.msqsim.core.spec.Dataflow;
import org.junit.jupiter.api.Test;

/**
 * The dot-product (FINN MVAU style) array has no literal model: its values are held against the plain
 * GEMM and the hardware add order, its cycles against the formula written out here independently of
 * {@link ArrayTiming}: {@code ceil(ceil(m/p)/C) · n · ceil(k/R) + 1 + ceil(log2 R)}.
 */
class DotProductArrayTest {

    @Test
    void valuesMatchPlainGemmAndCyclesTheFormula() {
        SplittableRandom rnd = new SplittableRandom(0xD07L);
        for (int c = 0; c < 300; c++) {
            GemmCase g = GemmCase.random(rnd, Dataflow.DOT_PRODUCT, Kind.values()[c % Kind.values().length],
                    1 + rnd.nextInt(16), 1 + rnd.nextInt(8), 1 + rnd.nextInt(40), 1 + rnd.nextInt(40),
                    1 + rnd.nextInt(40), 48, Overflow.WRAP);
            PeArray pe = new PeArray(g.spec(), g.datapath());
            assertArrayEquals(g.plainGemm(), g.runFast(pe), g::toString);

            int rows = g.spec().rows();
            long groups = (g.m() + g.spec().packing() - 1) / g.spec().packing();
            long expected = (groups + g.spec().cols() - 1) / g.spec().cols() * g.n() * ((g.k() + rows - 1) / rows)
                    + 1 + (rows == 1 ? 0 : 64 - Long.numberOfLeadingZeros(rows - 1L));
            assertEquals(expected, pe.tileCycles(g.m(), g.k(), g.n()), g::toString);
            assertEquals(expected, pe.busyCycles(), g::toString);
            long mkn = (long) g.m() * g.k() * g.n();
            assertEquals(mkn, pe.macs(), g::toString);
            assertEquals(0, pe.overflowEvents(), g::toString);
            assertTrue(expected >= (mkn + g.spec().peakMacsPerCycle() - 1) / g.spec().peakMacsPerCycle());
        }
    }

    @Test
    void narrowAccumulatorsFollowTheAdderTreeOrder() {
        SplittableRandom rnd = new SplittableRandom(0xD08L);
        long events = 0;
        for (int c = 0; c < 200; c++) {
            Overflow mode = c % 2 == 0 ? Overflow.SATURATE : Overflow.WRAP;
            GemmCase g = GemmCase.random(rnd, Dataflow.DOT_PRODUCT, Kind.values()[(c / 2) % Kind.values().length],
                    1 + rnd.nextInt(8), 1 + rnd.nextInt(4), 1 + rnd.nextInt(12), 8 + rnd.nextInt(30),
                    1 + rnd.nextInt(12), 8 + rnd.nextInt(3), mode);
            PeArray pe = new PeArray(g.spec(), g.datapath());
            long[] expected = mode == Overflow.SATURATE ? HardwareOrder.saturating(g) : HardwareOrder.wrapped(g);
            assertArrayEquals(expected, g.runFast(pe), g::toString);
            events += pe.overflowEvents();
        }
        assertTrue(events > 100, "too few overflows to test anything: " + events);
    }
}
