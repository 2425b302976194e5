package org.msqsim.core.fixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The adder tree against a literal level-by-level pairwise tree whose registers keep exactly their
 * declared widths, and against the plain sum.
 */
class AdderTreeTest {

    /**
     * A literal tree: level k adds pairs and keeps {@code widthOf(k)} bits (wrapping), an odd value
     * passes through. If the declared widths were too narrow, this would differ from the plain sum.
     */
    private static long literalTree(long[] in, int len, int inputs, boolean signed, int inBits, FixedFormat narrow) {
        long[] level = new long[inputs];
        System.arraycopy(in, 0, level, 0, len);
        int n = inputs;
        int k = 0;
        while (n > 1) {
            k++;
            FixedFormat reg = narrow != null ? narrow
                    : new FixedFormat(inBits + k, 0, signed, Rounding.TRUNCATE, Overflow.WRAP);
            int m = 0;
            for (int i = 0; i < n; i += 2) {
                level[m++] = reg.wrap(i + 1 < n ? level[i] + level[i + 1] : level[i]);
            }
            n = m;
        }
        return narrow != null ? narrow.wrap(level[0]) : level[0];
    }

    private static long randomInput(SplittableRandom r, int bits, boolean signed) {
        long lo = signed ? -(1L << (bits - 1)) : 0;
        long hi = signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
        int pick = r.nextInt(4);
        return pick == 0 ? lo : pick == 1 ? hi : lo + r.nextLong(hi - lo + 1);
    }

    @Test
    void depthWidthAndAdderCounts() {
        for (int n = 1; n <= 1025; n++) {
            AdderTree t = new AdderTree(n, 8, true);
            int depth = 0;
            while ((1L << depth) < n) {
                depth++;
            }
            assertEquals(depth, t.depth());
            assertEquals(8 + depth, t.exactBits());
            assertEquals(t.exactBits(), t.outputBits());
            int adders = 0;
            for (int level = 1; level <= t.depth(); level++) {
                adders += t.addersAtLevel(level);
            }
            assertEquals(n - 1, adders);
            assertEquals(n - 1, t.adderCount());
        }
    }

    @Test
    void exactTreeMatchesLiteralTreeAndPlainSum() {
        SplittableRandom r = new SplittableRandom(0xADDE_2L);
        long[] in = new long[70];
        int[] ints = new int[70];
        for (int v = 0; v < 100_000; v++) {
            int n = 1 + r.nextInt(in.length);
            boolean signed = r.nextBoolean();
            // Widths whose values also travel in an int: signed 2..32, unsigned 1..31.
            int bits = signed ? 2 + r.nextInt(31) : 1 + r.nextInt(31);
            AdderTree t = new AdderTree(n, bits, signed);
            int len = r.nextInt(4) == 0 ? r.nextInt(n + 1) : n;
            long plain = 0;
            for (int i = 0; i < len; i++) {
                in[i] = randomInput(r, bits, signed);
                ints[i] = (int) in[i];
                plain += in[i];
            }
            long got = t.reduce(in, 0, len);
            assertEquals(plain, got);
            assertEquals(plain, t.reduce(ints, 0, len));
            assertEquals(plain, literalTree(in, len, n, signed, bits, null));
            assertTrue(new FixedFormat(t.exactBits(), 0, signed, Rounding.TRUNCATE, Overflow.WRAP).fits(got));
        }
    }

    @Test
    void narrowOutputWrapsLikeANarrowTreeAndSaturatesAtTheRoot() {
        SplittableRandom r = new SplittableRandom(0xADDE_3L);
        long[] in = new long[40];
        for (int v = 0; v < 100_000; v++) {
            int n = 1 + r.nextInt(in.length);
            int bits = 2 + r.nextInt(14);
            int outBits = Math.max(2, bits + (n > 1 ? r.nextInt(n) % 6 : 0) - 2);
            FixedFormat wrap = FixedFormat.signedInt(outBits, Overflow.WRAP);
            FixedFormat sat = FixedFormat.signedInt(outBits, Overflow.SATURATE);
            long plain = 0;
            for (int i = 0; i < n; i++) {
                in[i] = randomInput(r, bits, true);
                plain += in[i];
            }
            long wrapped = new AdderTree(n, bits, true, wrap).reduce(in, 0, n);
            assertEquals(wrap.wrap(plain), wrapped);
            assertEquals(literalTree(in, n, n, true, bits, wrap), wrapped);
            assertEquals(Math.max(sat.min(), Math.min(sat.max(), plain)), new AdderTree(n, bits, true, sat).reduce(in, 0, n));
        }
    }

    @Test
    void edgeCasesAndErrors() {
        AdderTree t = new AdderTree(4, 8, true);
        assertEquals(-512, t.reduce(new long[] {-128, -128, -128, -128}, 0, 4));
        assertEquals(508, t.reduce(new int[] {127, 127, 127, 127}, 0, 4));
        assertEquals(0, t.reduce(new long[0], 0, 0));
        AdderTree s = new AdderTree(4, 8, true, FixedFormat.signedInt(8, Overflow.SATURATE));
        assertEquals(127, s.reduce(new long[] {127, 127, 127, 127}, 0, 4));
        assertEquals(-128, s.reduce(new long[] {-128, -1, 0, 0}, 0, 4));
        AdderTree w = new AdderTree(4, 8, true, FixedFormat.signedInt(8, Overflow.WRAP));
        assertEquals(-128, w.reduce(new long[] {127, 1, 0, 0}, 0, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.reduce(new long[] {1, 128}, 0, 2));
        assertTrue(e.getMessage().contains("128") && e.getMessage().contains("8 bits"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.reduce(new long[5], 0, 5));
        assertThrows(IllegalArgumentException.class, () -> new AdderTree(0, 8, true));
        assertThrows(IllegalArgumentException.class, () -> new AdderTree(4, 62, true));
        assertThrows(IllegalArgumentException.class,
                () -> new AdderTree(4, 8, true, new FixedFormat(8, 2, true, Rounding.TRUNCATE, Overflow.WRAP)));
        assertThrows(IllegalArgumentException.class, () -> t.addersAtLevel(3));
    }
}
