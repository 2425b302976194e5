package org.msqsim.core.fixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** FixedFormat against BigInteger/BigDecimal models of a register of the declared width. */
class FixedFormatTest {
    private static final Rounding[] ROUNDINGS = Rounding.values();

    /** The reference: keep the low bits as two's complement (or unsigned), or clamp. */
    static long refFit(BigInteger v, int bits, boolean signed, Overflow o) {
        BigInteger min = signed ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ZERO;
        BigInteger max = signed ? BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        if (o == Overflow.SATURATE) {
            return v.max(min).min(max).longValueExact();
        }
        BigInteger low = v.mod(BigInteger.ONE.shiftLeft(bits));
        if (signed && low.compareTo(max) > 0) {
            low = low.subtract(BigInteger.ONE.shiftLeft(bits));
        }
        return low.longValueExact();
    }

    static BigInteger refRound(BigDecimal x, Rounding r) {
        return switch (r) {
            case TRUNCATE -> x.setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
            case HALF_UP -> x.add(new BigDecimal("0.5")).setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
            case HALF_AWAY -> x.setScale(0, RoundingMode.HALF_UP).toBigIntegerExact();
            case HALF_EVEN -> x.setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
            case TOWARD_ZERO -> x.setScale(0, RoundingMode.DOWN).toBigIntegerExact();
        };
    }

    private static FixedFormat randomFormat(SplittableRandom rnd) {
        boolean signed = rnd.nextBoolean();
        int bits = rnd.nextInt(signed ? 2 : 1, 64);
        return new FixedFormat(bits, rnd.nextInt(0, bits + 1), signed, ROUNDINGS[rnd.nextInt(ROUNDINGS.length)],
                rnd.nextBoolean() ? Overflow.WRAP : Overflow.SATURATE);
    }

    @Test
    void fitWrapAndSaturateMatchTheRegisterModel() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < 100_000; i++) {
            FixedFormat f = randomFormat(rnd);
            long raw = switch (i % 4) {
                case 0 -> rnd.nextLong();
                case 1 -> f.max() + rnd.nextInt(-2, 3);
                case 2 -> f.min() + rnd.nextInt(-2, 3);
                default -> rnd.nextLong(-1000, 1000);
            };
            BigInteger v = BigInteger.valueOf(raw);
            assertEquals(refFit(v, f.bits(), f.signed(), Overflow.WRAP), f.wrap(raw), f + " wrap " + raw);
            assertEquals(refFit(v, f.bits(), f.signed(), Overflow.SATURATE), f.saturate(raw), f + " sat " + raw);
            long fitted = f.fit(raw);
            assertTrue(f.fits(fitted));
            assertEquals(raw >= f.min() && raw <= f.max(), f.fits(raw));
        }
    }

    @Test
    void rescaleRoundsOnceAndFits() {
        SplittableRandom rnd = new SplittableRandom(2);
        for (int i = 0; i < 100_000; i++) {
            FixedFormat from = randomFormat(rnd);
            FixedFormat to = randomFormat(rnd);
            long raw = from.fit(rnd.nextLong());
            BigDecimal exact = new BigDecimal(BigInteger.valueOf(raw)).multiply(BigDecimal.valueOf(2).pow(
                    to.fractionBits() - from.fractionBits() + 200)).divide(BigDecimal.valueOf(2).pow(200));
            long expected = refFit(refRound(exact, to.rounding()), to.bits(), to.signed(), to.overflow());
            assertEquals(expected, to.rescale(raw, from), from + " -> " + to + " raw " + raw);
        }
    }

    @Test
    void fromDoubleRoundsOnceAndFits() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 100_000; i++) {
            FixedFormat f = randomFormat(rnd);
            double x = switch (i % 3) {
                case 0 -> rnd.nextDouble(-4, 4);
                case 1 -> (rnd.nextInt(-64, 64) + 0.5) * Math.scalb(1.0, -f.fractionBits()); // ties
                default -> rnd.nextDouble(-1e15, 1e15);
            };
            BigDecimal scaled = new BigDecimal(x).multiply(BigDecimal.valueOf(2).pow(f.fractionBits()));
            BigInteger r = refRound(scaled, f.rounding());
            if (f.overflow() == Overflow.WRAP && r.bitLength() >= 64) {
                continue; // beyond 2^63 a wrap has no long form; rejected, checked below
            }
            assertEquals(refFit(r, f.bits(), f.signed(), f.overflow()), f.fromDouble(x), f + " x=" + x);
        }
    }

    @Test
    void edgeCases() {
        FixedFormat s8 = FixedFormat.signedInt(8, Overflow.WRAP);
        assertEquals(-128, s8.wrap(128));
        assertEquals(127, s8.wrap(-129));
        assertEquals(0, s8.wrap(256));
        FixedFormat u8s = FixedFormat.unsignedInt(8, Overflow.SATURATE);
        assertEquals(255, u8s.fit(1000));
        assertEquals(0, u8s.fit(-5));
        FixedFormat halfUp = new FixedFormat(16, 0, true, Rounding.HALF_UP, Overflow.SATURATE);
        assertEquals(0, halfUp.fromDouble(0.49999999999999994));
        assertEquals(-2, halfUp.fromDouble(-2.5));
        FixedFormat away = new FixedFormat(16, 0, true, Rounding.HALF_AWAY, Overflow.SATURATE);
        assertEquals(-3, away.fromDouble(-2.5));
        assertEquals(0, away.fromDouble(-0.49999999999999994));
        FixedFormat even = new FixedFormat(16, 0, true, Rounding.HALF_EVEN, Overflow.SATURATE);
        assertEquals(2, even.fromDouble(2.5));
        assertEquals(-2, even.fromDouble(-2.5));
        assertEquals(0, s8.fromDouble(0x1p62)); // the true low bits of 2^62
        assertEquals(127, FixedFormat.signedInt(8, Overflow.SATURATE).fromDouble(1e300));
        assertThrows(IllegalArgumentException.class, () -> s8.fromDouble(1e300));
        assertThrows(IllegalArgumentException.class, () -> s8.fromDouble(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> FixedFormat.signedInt(1, Overflow.WRAP));
        assertThrows(IllegalArgumentException.class, () -> new FixedFormat(8, 9, true, Rounding.TRUNCATE,
                Overflow.WRAP));
        FixedFormat q = new FixedFormat(8, 4, true, Rounding.HALF_EVEN, Overflow.WRAP);
        assertEquals(1.5, q.toDouble(24));
        assertEquals("s8.4/half_even/wrap", q.toString());
        assertEquals((1L << 62) - 1, FixedFormat.signedInt(63, Overflow.WRAP).max());
        assertEquals(-(1L << 62), FixedFormat.signedInt(63, Overflow.WRAP).min());
    }
}
