package org.msqsim.core.hw.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The closed-form fold sums equal the fold-by-fold sums they replace. */
class ArrayTimingTest {

    @Test
    void closedFormsEqualTheFoldByFoldSums() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < 20_000; i++) {
            int rows = 1 + rnd.nextInt(i % 2 == 0 ? 8 : 128);
            int cols = 1 + rnd.nextInt(i % 3 == 0 ? 8 : 128);
            int groups = 1 + rnd.nextInt(i % 5 == 0 ? 16 : 600);
            int k = 1 + rnd.nextInt(i % 7 == 0 ? 4 : 5000);
            int n = 1 + rnd.nextInt(i % 11 == 0 ? 4 : 13_000);
            String what = rows + "x" + cols + " g" + groups + " k" + k + " n" + n;
            assertEquals(ArrayTiming.outputStationaryByFolds(rows, cols, groups, k, n),
                    ArrayTiming.outputStationary(rows, cols, groups, k, n), what);
            assertEquals(ArrayTiming.weightStationaryByFolds(rows, cols, groups, k, n),
                    ArrayTiming.weightStationary(rows, cols, groups, k, n), what);
            assertEquals(ArrayTiming.outputStationaryOverlappedByFolds(rows, cols, groups, k, n),
                    ArrayTiming.outputStationaryOverlapped(rows, cols, groups, k, n), what);
        }
        // Edges: exact multiples, one over, single row/column, k or n of 1.
        int[][] edges = {{16, 44, 16, 576, 3136}, {16, 44, 45, 576, 3137}, {1, 1, 1, 1, 1}, {32, 22, 128, 1, 49},
            {64, 1, 512, 4608, 1}, {8, 8, 8, 8, 8}};
        for (int[] e : edges) {
            assertEquals(ArrayTiming.outputStationaryByFolds(e[0], e[1], e[2], e[3], e[4]),
                    ArrayTiming.outputStationary(e[0], e[1], e[2], e[3], e[4]));
            assertEquals(ArrayTiming.weightStationaryByFolds(e[0], e[1], e[2], e[3], e[4]),
                    ArrayTiming.weightStationary(e[0], e[1], e[2], e[3], e[4]));
            assertEquals(ArrayTiming.outputStationaryOverlappedByFolds(e[0], e[1], e[2], e[3], e[4]),
                    ArrayTiming.outputStationaryOverlapped(e[0], e[1], e[2], e[3], e[4]));
        }
    }

    /**
     * The overlapped drain by hand: 16×44, 64 filters (2 group folds: 44 and 20 columns), k = 576,
     * 3,137 pixels (197 pixel folds, the last of 1 row). Gaps of max(576, 16) = 576 except into the
     * last pixel fold, max(576, 2·16 − 1) = 576; the last fold (1 row, 20 columns) starts at
     * 393·576 and ends 576 + 2 + 20 − 2 later, after the fold before it (1 row, 44 columns, from
     * 392·576, ending 576 + 2 + 44 − 2 later). And k = 4 against 8 rows: gaps of 8.
     */
    @Test
    void overlappedByHand() {
        assertEquals(393L * 576 + 576 + 2 + 20 - 2,
                ArrayTiming.outputStationaryOverlapped(16, 44, 64, 576, 3137));
        // 8 rows, 8 columns, 8 groups, k = 4, 64 pixels: 8 folds 8 apart, the last ends 4 + 16 + 8 − 2 later
        assertEquals(7L * 8 + 4 + 16 + 8 - 2, ArrayTiming.outputStationaryOverlapped(8, 8, 8, 4, 64));
        // in place the same tile is 8 · (4 + 16 + 8 − 2)
        assertEquals(8L * (4 + 16 + 8 - 2), ArrayTiming.outputStationary(8, 8, 8, 4, 64));
    }
}
