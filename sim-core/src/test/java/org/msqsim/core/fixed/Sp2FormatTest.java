package org.msqsim.core.fixed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SP2 level sets and code layout, checked against the definition in Mix and Match (HPCA 2021) §III. */
class Sp2FormatTest {

    /** q ∈ {0, 2^-1, …, 2^-(2^m − 1)}: field 0 is the zero term, field j is 2^-j (exact in a double). */
    private static double term(int field) {
        return field == 0 ? 0.0 : Math.scalb(1.0, -field);
    }

    @Test
    void fourBitMagnitudesAreThePapersSeven() {
        Sp2Format f = Sp2Format.of(4);
        assertEquals(3, f.fractionBits());
        double[] expected = {0, 1.0 / 8, 1.0 / 4, 1.0 / 2, 5.0 / 8, 3.0 / 4, 1};
        int[] mags = f.magnitudes();
        double[] actual = new double[mags.length];
        for (int i = 0; i < mags.length; i++) {
            actual[i] = mags[i] / (double) f.maxMagnitudeInt();
        }
        assertArrayEquals(expected, actual);
    }

    @Test
    void splitFollowsThePaperAndGeneralises() {
        assertSplit(Sp2Format.of(4), 2, 1);
        assertSplit(Sp2Format.of(8), 4, 3);
        for (int bits = 3; bits <= Sp2Format.MAX_BITS; bits++) {
            int m1 = (bits - 1 + 1) / 2; // ceil((bits-1)/2)
            assertSplit(Sp2Format.of(bits), m1, bits - 1 - m1);
        }
    }

    private static void assertSplit(Sp2Format f, int m1, int m2) {
        assertEquals(m1, f.m1(), f.toString());
        assertEquals(m2, f.m2(), f.toString());
        assertEquals(f.bits(), 1 + f.m1() + f.m2());
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 6, 7, 8, 9})
    void levelSetEqualsBruteForceFromTheDefinition(int bits) {
        Sp2Format f = Sp2Format.of(bits);
        double unit = Math.scalb(1.0, f.fractionBits());
        TreeSet<Integer> levels = new TreeSet<>();
        for (int f1 = 0; f1 < (1 << f.m1()); f1++) {
            for (int f2 = 0; f2 < (1 << f.m2()); f2++) {
                double q = term(f1) + term(f2);
                levels.add((int) (q * unit)); // exact: q is a multiple of 2^-L
            }
        }
        assertArrayEquals(levels.stream().mapToInt(Integer::intValue).toArray(), f.magnitudes());
        assertEquals(f.maxMagnitudeInt(), levels.last());
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 6, 7, 8, 9})
    void everyCodeDecodesAndRoundTrips(int bits) {
        Sp2Format f = Sp2Format.of(bits);
        for (int code = 0; code < f.codeCount(); code++) {
            boolean neg = (code >>> (bits - 1)) != 0;
            int f1 = (code >>> f.m2()) & ((1 << f.m1()) - 1);
            int f2 = code & ((1 << f.m2()) - 1);
            double expected = (neg ? -1 : 1) * (term(f1) + term(f2));
            assertEquals(expected, f.value(code), 0.0, "code " + code);
            assertEquals(expected * f.maxMagnitudeInt(), f.valueInt(code), 0.0);
            assertEquals(code, f.encode(neg, f1, f2));
            int back = f.codeOf(f.magnitudeInt(code), neg);
            assertEquals(f.valueInt(code), f.valueInt(back), "code " + code + " -> " + back);
        }
        for (int mag : f.magnitudes()) {
            for (boolean neg : new boolean[] {false, true}) {
                int code = f.codeOf(mag, neg);
                assertEquals(mag, f.magnitudeInt(code));
                assertEquals(neg && mag != 0, f.isNegative(code));
                if (f.field2(code) != 0) {
                    // Canonical: a level reachable with f2 = 0 uses f2 = 0.
                    for (int f1 = 0; f1 < (1 << f.m1()); f1++) {
                        assertNotEquals(mag, f.magnitudeInt(f.encode(false, f1, 0)));
                    }
                }
            }
        }
    }

    @Test
    void rejectsWhatIsNotAFormatOrALevel() {
        assertThrows(IllegalArgumentException.class, () -> Sp2Format.of(2));
        assertThrows(IllegalArgumentException.class, () -> Sp2Format.of(Sp2Format.MAX_BITS + 1));
        assertThrows(IllegalArgumentException.class, () -> new Sp2Format(5, 1, 3)); // m2 > m1
        assertThrows(IllegalArgumentException.class, () -> Sp2Format.of(4).codeOf(3, false)); // 3/8
        assertThrows(IllegalArgumentException.class, () -> Sp2Format.of(4).codeOf(9, false));
        assertThrows(IllegalArgumentException.class, () -> Sp2Format.of(4).encode(false, 4, 0));
    }
}
