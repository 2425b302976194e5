package org.msqsim.core.fixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The requantizer against exact BigDecimal arithmetic (single rounding) and against a literal Java
 * transcription of TFLite/gemmlowp's reference code (double rounding).
 */
class RequantizerTest {

    // ---- literal transcriptions of gemmlowp fixedpoint.h and TFLite kernels/internal/common.h ----

    private static int saturatingRoundingDoublingHighMul(int a, int b) {
        boolean overflow = a == b && a == Integer.MIN_VALUE;
        long a64 = a;
        long b64 = b;
        long ab64 = a64 * b64;
        int nudge = ab64 >= 0 ? (1 << 30) : (1 - (1 << 30));
        int abX2High32 = (int) ((ab64 + nudge) / (1L << 31)); // Java, like C++, truncates toward zero
        return overflow ? Integer.MAX_VALUE : abX2High32;
    }

    private static int roundingDivideByPOT(int x, int exponent) {
        int mask = (int) ((1L << exponent) - 1);
        int remainder = x & mask;
        int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
        return (x >> exponent) + (remainder > threshold ? 1 : 0);
    }

    private static int multiplyByQuantizedMultiplier(int x, int quantizedMultiplier, int shift) {
        int leftShift = shift > 0 ? shift : 0;
        int rightShift = shift > 0 ? 0 : -shift;
        return roundingDivideByPOT(saturatingRoundingDoublingHighMul(x * (1 << leftShift), quantizedMultiplier), rightShift);
    }

    /** TFLite QuantizeMultiplier: frexp, then round half away of q·2^31 (by loop and BigDecimal here). */
    private static long[] quantizeMultiplier(double d) {
        double q = d;
        int shift = 0;
        while (q >= 1) {
            q /= 2;
            shift++;
        }
        while (q < 0.5) {
            q *= 2;
            shift--;
        }
        long qFixed = new BigDecimal(q).multiply(BigDecimal.valueOf(1L << 31)).setScale(0, RoundingMode.HALF_UP).longValueExact();
        if (qFixed == (1L << 31)) {
            qFixed /= 2;
            ++shift;
        }
        return new long[] {qFixed, shift};
    }

    // ---- exact reference for the single-rounding mode ----

    private static BigInteger roundExact(BigInteger p, int shift, Rounding mode) {
        BigDecimal x = new BigDecimal(p).divide(new BigDecimal(BigInteger.ONE.shiftLeft(shift))); // terminates
        switch (mode) {
            case TRUNCATE: return x.setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
            case HALF_UP: return x.add(new BigDecimal("0.5")).setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
            case HALF_AWAY: return x.setScale(0, RoundingMode.HALF_UP).toBigIntegerExact();
            case HALF_EVEN: return x.setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
            case TOWARD_ZERO: return x.setScale(0, RoundingMode.DOWN).toBigIntegerExact();
            default: throw new AssertionError(mode);
        }
    }

    private static long reference(long acc, QuantizedMultiplier m, FixedFormat out, long zp, boolean relu) {
        BigInteger pre = roundExact(BigInteger.valueOf(acc).multiply(BigInteger.valueOf(m.multiplier())), m.shift(), out.rounding())
                .add(BigInteger.valueOf(zp));
        BigInteger min = BigInteger.valueOf(out.min());
        BigInteger max = BigInteger.valueOf(out.max());
        BigInteger y;
        if (out.overflow() == Overflow.SATURATE) {
            y = pre.max(min).min(max);
        } else {
            BigInteger mod = BigInteger.ONE.shiftLeft(out.bits());
            y = pre.mod(mod);
            if (out.signed() && y.testBit(out.bits() - 1)) {
                y = y.subtract(mod);
            }
        }
        long v = y.longValueExact();
        return relu && v < zp ? zp : v;
    }

    private static long randomAcc(SplittableRandom r, int accBits) {
        long lo = -(1L << (accBits - 1));
        long hi = (1L << (accBits - 1)) - 1;
        int pick = r.nextInt(6);
        return pick == 0 ? lo : pick == 1 ? hi : pick == 2 ? r.nextLong(Math.max(lo, -300), Math.min(hi, 300) + 1) : r.nextLong(lo, hi + 1);
    }

    @Test
    void singleRoundingIsBitExactAgainstBigDecimal() {
        SplittableRandom r = new SplittableRandom(0x2E0_1L);
        Rounding[] modes = Rounding.values();
        for (int v = 0; v < 100_000; v++) {
            int mBits = 1 + r.nextInt(31);
            int accBits = 2 + r.nextInt(63 - mBits - 1);
            QuantizedMultiplier m = new QuantizedMultiplier((int) r.nextLong(1L << mBits), mBits, r.nextInt(63));
            boolean signed = r.nextBoolean();
            int outBits = (signed ? 2 : 1) + r.nextInt(16);
            FixedFormat out = new FixedFormat(outBits, 0, signed, modes[r.nextInt(modes.length)],
                    r.nextInt(4) == 0 ? Overflow.WRAP : Overflow.SATURATE);
            long zp = out.min() + r.nextLong(out.max() - out.min() + 1);
            boolean relu = r.nextBoolean();
            Requantizer q = Requantizer.of(m, accBits, out, zp, relu);
            long acc = randomAcc(r, accBits);
            assertEquals(reference(acc, m, out, zp, relu), q.apply(acc), () -> m + " " + out + " acc=" + acc);
        }
    }

    @Test
    void derivedMultiplierIsNormalisedWithinTheErrorBoundAndMatchesTflite() {
        SplittableRandom r = new SplittableRandom(0x2E0_2L);
        for (int v = 0; v < 20_000; v++) {
            int bits = new int[] {8, 15, 16, 18, 24, 31}[r.nextInt(6)];
            double scale = Math.pow(2, -30 + (30 + bits - 1) * r.nextDouble()); // shift stays in 0..62
            QuantizedMultiplier m = QuantizedMultiplier.of(scale, bits);
            assertTrue(m.multiplier() >= 1 << (bits - 1) && m.multiplier() < (1L << bits), m.toString());
            BigDecimal err = new BigDecimal(m.scale()).subtract(new BigDecimal(scale)).abs();
            assertTrue(err.compareTo(new BigDecimal(scale).multiply(new BigDecimal(Math.scalb(1.0, -bits)))) <= 0,
                    () -> "relative error above 2^-bits for " + scale + " -> " + m);
            if (bits == 31) {
                long[] tfl = quantizeMultiplier(scale);
                assertEquals(tfl[0], m.multiplier());
                assertEquals(31 - tfl[1], m.shift());
            }
        }
        assertEquals(new QuantizedMultiplier(1 << 30, 31, 30), QuantizedMultiplier.of(1.0, 31));
        assertEquals(new QuantizedMultiplier(1 << 14, 15, 13), QuantizedMultiplier.of(1.99999999, 15)); // rounds up to 2^15, halved
        assertThrows(IllegalArgumentException.class, () -> QuantizedMultiplier.of(0, 15));
        assertThrows(IllegalArgumentException.class, () -> QuantizedMultiplier.of(Math.scalb(1.0, -60), 15));
        assertThrows(IllegalArgumentException.class, () -> QuantizedMultiplier.of(1 << 20, 15));
    }

    @Test
    void outputIsWithinTheDocumentedErrorOfTheRealProduct() {
        SplittableRandom r = new SplittableRandom(0x2E0_3L);
        for (int v = 0; v < 100_000; v++) {
            double scale = Math.pow(2, -20 + 20 * r.nextDouble());
            int bits = 8 + r.nextInt(24);
            QuantizedMultiplier m = QuantizedMultiplier.of(scale, bits);
            Rounding mode = Rounding.values()[r.nextInt(Rounding.values().length)];
            Requantizer q = Requantizer.of(m, 32, new FixedFormat(62, 0, true, mode, Overflow.SATURATE), 0, false);
            long acc = randomAcc(r, 32);
            BigDecimal real = new BigDecimal(acc).multiply(new BigDecimal(scale));
            BigDecimal bound = real.abs().multiply(new BigDecimal(Math.scalb(1.0, -bits)))
                    .add(new BigDecimal(mode == Rounding.TRUNCATE || mode == Rounding.TOWARD_ZERO ? 1 : 0.5));
            assertTrue(new BigDecimal(q.scaled(acc)).subtract(real).abs().compareTo(bound) <= 0,
                    () -> "acc=" + acc + " scale=" + scale + " " + m + " " + mode);
        }
    }

    @Test
    void tfliteModeMatchesTheLiteralTranscription() {
        SplittableRandom r = new SplittableRandom(0x2E0_4L);
        int disagreeWithSingleRounding = 0;
        for (int v = 0; v < 100_000; v++) {
            int qm = r.nextInt(4) == 0 ? (1 << 30) + r.nextInt(4) : (1 << 30) + r.nextInt(1 << 30);
            int shift = r.nextInt(4) == 0 ? r.nextInt(-31, 31) : r.nextInt(-12, 1);
            QuantizedMultiplier m = new QuantizedMultiplier(qm, 31, 31 - shift);
            boolean signed = r.nextBoolean();
            int outBits = r.nextBoolean() ? 8 : 16;
            FixedFormat fmt = signed ? FixedFormat.signedInt(outBits, Overflow.SATURATE) : FixedFormat.unsignedInt(outBits, Overflow.SATURATE);
            long zp = fmt.min() + r.nextLong(fmt.max() - fmt.min() + 1);
            boolean relu = r.nextBoolean();
            int acc = (int) randomAcc(r, 32);
            long expected = zp + multiplyByQuantizedMultiplier(acc, qm, shift);
            long lo = relu ? Math.max(fmt.min(), zp) : fmt.min();
            expected = Math.max(lo, Math.min(fmt.max(), expected));
            Requantizer q = Requantizer.tflite(m, outBits, signed, zp, relu);
            assertEquals(expected, q.apply(acc), () -> "acc=" + acc + " M=" + qm + " shift=" + shift);
            if (shift <= 0) {
                long single = Requantizer.of(m, 32, new FixedFormat(40, 0, true, Rounding.HALF_UP, Overflow.SATURATE), 0, false).apply(acc);
                long tfl = multiplyByQuantizedMultiplier(acc, qm, shift);
                assertTrue(Math.abs(single - tfl) <= 1);
                disagreeWithSingleRounding += single != tfl ? 1 : 0;
            }
        }
        assertTrue(disagreeWithSingleRounding > 0, "double rounding should differ somewhere");
    }

    @Test
    void edgeCasesReluWrapAndErrors() {
        QuantizedMultiplier half = new QuantizedMultiplier(1, 1, 1); // scale 1/2
        FixedFormat s8 = new FixedFormat(8, 0, true, Rounding.HALF_EVEN, Overflow.SATURATE);
        Requantizer q = Requantizer.of(half, 16, s8, -5, true);
        assertEquals(-5, q.apply(-100)); // ReLU clamps at the zero point
        assertEquals(-5 + 2, q.apply(5)); // 2.5 -> 2 (half even)
        assertEquals(127, q.apply(32767));
        Requantizer w = Requantizer.of(half, 16, FixedFormat.signedInt(8, Overflow.WRAP), 0, false);
        assertEquals(-128, w.apply(256)); // 128 wraps: the forgotten clamp shows as wrong bits
        int[] dst = new int[3];
        q.applyAll(new long[] {0, 10, 1000}, 0, dst, 0, 3);
        assertEquals(-5, dst[0]);
        assertEquals(0, dst[1]);
        assertEquals(127, dst[2]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> q.apply(1 << 15));
        assertTrue(e.getMessage().contains("32768") && e.getMessage().contains("16 bits"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Requantizer.of(half, 16, s8, 200, false));
        assertThrows(IllegalArgumentException.class, () -> Requantizer.of(new QuantizedMultiplier(1, 31, 1), 33, s8, 0, false));
        assertThrows(IllegalArgumentException.class, () -> Requantizer.tflite(new QuantizedMultiplier(1, 15, 1), 8, true, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new QuantizedMultiplier(1 << 15, 15, 0));
        assertThrows(IllegalArgumentException.class, () -> new QuantizedMultiplier(1, 15, 63));
    }
}
