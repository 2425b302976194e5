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

    @Test
    void reuseFollowsTheSplitDimensions() {
        GemmShape g = new GemmShape(8, 0, 16, 32);
        assertTrue(new TileGrid(g, new TilePlan(8, 16, 4, 0)).inputOncePerN());
        assertFalse(new TileGrid(g, new TilePlan(8, 16, 4, 0)).weightsResident());
        assertTrue(new TileGrid(g, new TilePlan(8, 16, 8, 0)).weightsResident());
        assertFalse(new TileGrid(g, new TilePlan(8, 8, 8, 0)).inputOncePerN());
    }
}
