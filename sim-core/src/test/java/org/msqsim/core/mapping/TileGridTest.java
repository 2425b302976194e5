package org.msqsim.core.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The loop nest of a plan: its steps cover the GEMM exactly once, in loop order, with short last tiles. */
class TileGridTest {

    @Test
    void stepsCoverEveryMacOnceInLoopOrder() {
        GemmShape g = new GemmShape(10, 3, 7, 9);
        TileGrid t = new TileGrid(g, new TilePlan(4, 3, 4, 1));
        assertEquals(3, t.nTiles());
        assertEquals(3, t.mTiles());
        assertEquals(3, t.kTiles());
        assertEquals(27, t.steps());
        assertEquals(9, t.outputTiles());
        long macs = 0;
        for (int s = 0; s < t.steps(); s++) {
            assertEquals(s, (t.nIndex(s) * t.mTiles() + t.mIndex(s)) * t.kTiles() + t.kIndex(s));
            assertEquals(s - t.kIndex(s), t.firstStepOf(t.outputTile(s)));
            assertTrue(t.nOffset(s) + t.tn(s) <= g.n() && t.kOffset(s) + t.tk(s) <= g.k());
            assertTrue(t.mOffsetDsp(s) + t.tmDsp(s) <= g.mDsp() || t.tmDsp(s) == 0);
            macs += (long) t.rows(s) * t.tk(s) * t.tn(s);
        }
        assertEquals(g.macs(), macs);
        assertEquals(1, t.tn(26));  // 9 = 4 + 4 + 1
        assertEquals(1, t.tk(26));  // 7 = 3 + 3 + 1
        assertEquals(2, t.tmDsp(26)); // 10 = 4 + 4 + 2
        assertEquals(1, t.tmLut(26));
        assertFalse(t.inputOncePerN());
        assertFalse(t.weightsResident());
    }

    /** The step count without a division equals the division test it replaced, saturation included. */
    @Test
    void stepsEqualTheDivisionTestOnSeededRandomGrids() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(57);
        for (int i = 0; i < 100_000; i++) {
            int m = 1 + rnd.nextInt(i % 3 == 0 ? 1000 : Integer.MAX_VALUE - 1);
            int k = 1 + rnd.nextInt(Integer.MAX_VALUE - 1);
            int n = 1 + rnd.nextInt(i % 2 == 0 ? 1000 : Integer.MAX_VALUE - 1);
            TilePlan p = new TilePlan(1 + rnd.nextInt(Math.min(n, 64)), 1 + rnd.nextInt(Math.min(k, 64)),
                    1 + rnd.nextInt(Math.min(m, 64)), 0);
            TileGrid t = new TileGrid(new GemmShape(m, 0, k, n), p);
            long nm = (long) t.nTiles() * t.mTiles();
            long old = nm > Long.MAX_VALUE / t.kTiles() ? Long.MAX_VALUE : nm * t.kTiles();
            assertEquals(old, t.steps(), t::toString);
        }
        TileGrid max = new TileGrid(new GemmShape(Integer.MAX_VALUE, 0, Integer.MAX_VALUE, Integer.MAX_VALUE),
                new TilePlan(1, 1, 1, 0));
        assertEquals(Long.MAX_VALUE, max.steps());
        TileGrid one = new TileGrid(new GemmShape(1, 0, 1, 1), new TilePlan(1, 1, 1, 0));
        assertEquals(1, one.steps());
        // 2^30 · 2^30 · 8 = 2^63: just past Long.MAX_VALUE, where the low 64 bits turn negative
        TileGrid edge = new TileGrid(new GemmShape(1 << 30, 0, 8, 1 << 30), new TilePlan(1, 1, 1, 0));
        assertEquals(Long.MAX_VALUE, edge.steps());
        TileGrid below = new TileGrid(new GemmShape(1 << 30, 0, 4, 1 << 30), new TilePlan(1, 1, 1, 0));
        assertEquals(1L << 62, below.steps());
    }

    @Test
    void reuseFollowsTheSplitDimensions() {
        GemmShape g = new GemmShape(8, 0, 16, 32);
        assertTrue(new TileGrid(g, new TilePlan(8, 16, 4, 0)).inputOncePerN());
        assertFalse(new TileGrid(g, new TilePlan(8, 16, 4, 0)).weightsResident());
        assertTrue(new TileGrid(g, new TilePlan(8, 16, 8, 0)).weightsResident());
        assertFalse(new TileGrid(g, new TilePlan(8, 8, 8, 0)).inputOncePerN());
    }
}
