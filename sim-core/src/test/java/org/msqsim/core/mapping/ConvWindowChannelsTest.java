package org.msqsim.core.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ConvWindow#channelsOverTiles}, the closed form the planner ranks line-buffer plans with,
 * equals the per-k-tile loop it replaced (kept here as the oracle), and {@link ConvWindow#floorSum}
 * equals its definition.
 */
class ConvWindowChannelsTest {

    /** The loop InputFetch ran before the closed form: each k-tile's channels, summed. */
    private static long loopOracle(ConvWindow w, int tk, int k) {
        long channels = 0;
        int kTiles = (k + tk - 1) / tk;
        for (int kt = 0; kt < kTiles; kt++) {
            int k0 = kt * tk;
            channels += w.channels(k0, Math.min(tk, k - k0));
        }
        return channels;
    }

    private static ConvWindow window(int channels, int r, int s) {
        return new ConvWindow(channels, 8, 8, r, s, 1, 0, 8 - r + 1, 8 - s + 1);
    }

    @Test
    void closedFormEqualsTheLoopOnSeededRandomShapes() {
        SplittableRandom rnd = new SplittableRandom(16);
        for (int i = 0; i < 200_000; i++) {
            int r = 1 + rnd.nextInt(7);
            int s = 1 + rnd.nextInt(7);
            int channels = 1 + rnd.nextInt(i % 10 == 0 ? 2048 : 64);
            ConvWindow w = window(channels, r, s);
            int k = channels * r * s;
            int tk = switch (rnd.nextInt(4)) {
                case 0 -> 1 + rnd.nextInt(k);                // anywhere
                case 1 -> 1 + rnd.nextInt(Math.min(k, 40));  // small tiles: many k-tiles
                case 2 -> Math.max(1, k - rnd.nextInt(Math.min(k, 8))); // near K: one or two tiles
                default -> Math.max(1, (k + (1 << rnd.nextInt(12)) - 1) >> rnd.nextInt(12)); // the planner's halvings
            };
            assertEquals(loopOracle(w, tk, k), w.channelsOverTiles(tk, k), () -> w + " tk=" + tk + " k=" + k);
        }
    }

    @Test
    void closedFormEqualsTheLoopAtTheEdges() {
        for (int r = 1; r <= 5; r++) {
            for (int channels : new int[] {1, 2, 3, 7, 64, 512}) {
                ConvWindow w = window(channels, r, r);
                int k = channels * r * r;
                for (int tk : new int[] {1, 2, r * r - 1, r * r, r * r + 1, 2 * r * r, k - 1, k}) {
                    if (tk >= 1 && tk <= k) {
                        assertEquals(loopOracle(w, tk, k), w.channelsOverTiles(tk, k), w + " tk=" + tk);
                    }
                }
            }
        }
        // ResNet-18's largest 3x3 layer, every tile size the planner could try and then some
        ConvWindow big = new ConvWindow(512, 7, 7, 3, 3, 1, 1, 7, 7);
        for (int tk = 1; tk <= 4608; tk++) {
            assertEquals(loopOracle(big, tk, 4608), big.channelsOverTiles(tk, 4608), "tk=" + tk);
        }
        // one tap per channel (1x1): every row its own channel, so the tiles touch exactly K channels
        ConvWindow pointwise = new ConvWindow(1000, 7, 7, 1, 1, 1, 0, 7, 7);
        assertEquals(1000, pointwise.channelsOverTiles(7, 1000));
    }

    @Test
    void floorSumEqualsItsDefinition() {
        SplittableRandom rnd = new SplittableRandom(2);
        for (int i = 0; i < 20_000; i++) {
            long n = rnd.nextInt(300);
            long m = 1 + rnd.nextInt(i % 2 == 0 ? 50 : 5000);
            long a = rnd.nextInt(6000);
            long b = rnd.nextInt(6000);
            long expected = 0;
            for (long x = 0; x < n; x++) {
                expected += (a * x + b) / m;
            }
            assertEquals(expected, ConvWindow.floorSum(n, m, a, b), "n=" + n + " m=" + m + " a=" + a + " b=" + b);
        }
        assertEquals(0, ConvWindow.floorSum(0, 7, 3, 100));
    }
}
