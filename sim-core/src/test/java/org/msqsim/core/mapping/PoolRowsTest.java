package org.msqsim.core.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A max pool fused into the output stage (issue 13 point 3): which pooled outputs are final after a
 * prefix of the convolution's raster order, against a brute force over every window.
 */
class PoolRowsTest {

    /** Brute force: a pooled output is done when every in-map pixel of its window is produced. */
    private static long bruteDone(int r, int s, int stride, int pad, int h, int w, int oh, int ow, long produced) {
        long done = 0;
        for (int py = 0; py < oh; py++) {
            for (int px = 0; px < ow; px++) {
                long last = -1;
                for (int y = py * stride - pad; y < py * stride - pad + r; y++) {
                    for (int x = px * stride - pad; x < px * stride - pad + s; x++) {
                        if (y >= 0 && y < h && x >= 0 && x < w) {
                            last = Math.max(last, (long) y * w + x);
                        }
                    }
                }
                done += last < produced ? 1 : 0;
            }
        }
        return done;
    }

    private static int out(int size, int window, int stride, int pad) {
        return (size + 2 * pad - window) / stride + 1;
    }

    @Test
    void pooledDoneMatchesTheWindowsAtEveryPrefix() {
        int cases = 0;
        int[][] pools = {{3, 3, 2, 1}, {2, 2, 2, 0}, {3, 3, 1, 1}, {3, 3, 2, 0}, {2, 2, 1, 0}};
        for (int[] q : pools) {
            for (int h : new int[] {4, 7, 8, 13}) {
                int w = h + 3;
                int oh = out(h, q[0], q[2], q[3]);
                int ow = out(w, q[1], q[2], q[3]);
                PoolRows p = new PoolRows(q[0], q[1], q[2], q[3], h, w, oh, ow);
                long previous = 0;
                for (long n = 0; n <= (long) h * w; n++) {
                    long done = p.pooledDone(n);
                    assertEquals(bruteDone(q[0], q[1], q[2], q[3], h, w, oh, ow, n), done, "prefix " + n);
                    assertTrue(done >= previous);
                    previous = done;
                    cases++;
                }
                assertEquals((long) oh * ow, p.pooledDone((long) h * w));
            }
        }
        assertTrue(cases > 1000, "too few prefixes checked: " + cases);
    }

    /** The closed form against the walk over the windows, on seeded random pools and every prefix. */
    @Test
    void pooledDoneMatchesTheWindowsOnSeededRandomPools() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(13);
        int cases = 0;
        while (cases < 200_000) {
            int r = 1 + rnd.nextInt(6);
            int s = 1 + rnd.nextInt(6);
            int stride = 1 + rnd.nextInt(4);
            int pad = rnd.nextInt(Math.min(r, s) / 2 + 1); // PyTorch: padding at most half the window
            int h = Math.max(r, s) + rnd.nextInt(20);
            int w = Math.max(r, s) + rnd.nextInt(20);
            int oh = out(h, r, stride, pad);
            int ow = (w + 2 * pad - s) / stride + 1;
            PoolRows p;
            try {
                p = new PoolRows(r, s, stride, pad, h, w, oh, ow);
            } catch (IllegalArgumentException e) {
                continue; // a last window wholly in the padding: not a pool PyTorch builds
            }
            for (long n = 0; n <= (long) h * w; n++) {
                assertEquals(bruteDone(r, s, stride, pad, h, w, oh, ow, n), p.pooledDone(n), p + " prefix " + n);
                cases++;
            }
        }
    }

    @Test
    void resnetStemPoolRowBuffer() {
        PoolRows stem = new PoolRows(3, 3, 2, 1, 112, 112, 56, 56);
        assertEquals(2, stem.openRows());
        assertEquals(2 * 56 * 64, stem.rowBufferBytes(64, 8)); // 7 KiB: FusionSpec.DEFAULT's 8 KiB holds it
        assertEquals(2 * 56 * 64 / 2, stem.rowBufferBytes(64, 4));
    }

    @Test
    void outputStageStoresWhatTheTilesComplete() {
        PoolRows stem = new PoolRows(3, 3, 2, 1, 112, 112, 56, 56);
        OutputStage pool = new OutputStage(false, Optional.of(stem));
        long sum = 0;
        for (int n0 = 0; n0 < 112 * 112; n0 += 500) {
            sum += pool.storeElements(7, n0, Math.min(500, 112 * 112 - n0));
        }
        assertEquals(7L * 56 * 56, sum, "every pooled output stored once");
        assertEquals(0, pool.skipElements(7, 500));
        OutputStage add = new OutputStage(true, Optional.empty());
        assertEquals(3500, add.storeElements(7, 0, 500));
        assertEquals(3500, add.skipElements(7, 500));
        assertEquals(3500, OutputStage.NONE.storeElements(7, 0, 500));
        assertEquals(0.25, pool.storeRatio(112 * 112), 1e-12);
    }
}
