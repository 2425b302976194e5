package org.msqsim.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Unit constants, the exact formatter, and the 2^40-split arithmetic against BigInteger. */
class TimeTest {

    @Test
    void convertsUnitsAndRefusesOverflow() {
        assertEquals(1_500, Time.ns(1) + 500);
        assertEquals(2_000_000, Time.us(2));
        assertEquals(3_000_000_000L, Time.ms(3));
        assertEquals(Time.PS_PER_S, Time.seconds(1));
        assertThrows(ArithmeticException.class, () -> Time.seconds(10_000_000L));
    }

    @Test
    void formatsExactlyInTheLargestFittingUnit() {
        assertEquals("0 ps", Time.format(0));
        assertEquals("999 ps", Time.format(999));
        assertEquals("1.5 ns", Time.format(1_500));
        assertEquals("3.333 ns", Time.format(3_333));
        assertEquals("1 us", Time.format(1_000_000));
        assertEquals("2.000001 ms", Time.format(2_000_001_000L));
        assertEquals("3.333333333333 s", Time.format(3_333_333_333_333L));
        assertEquals("-1.5 ns", Time.format(-1_500));
        assertEquals("-9223372.036854775808 s", Time.format(Long.MIN_VALUE));
    }

    @Test
    void wideArithmeticMatchesBigInteger() {
        SplittableRandom random = new SplittableRandom(2024);
        long limit = WideArithmetic.OPERAND_LIMIT;
        for (int i = 0; i < 200_000; i++) {
            long x = random.nextLong(i % 3 == 0 ? 1L << 31 : limit);
            long y = random.nextLong(limit);
            long d = 1 + random.nextLong(i % 5 == 0 ? 1000 : limit - 1);
            BigInteger[] qr = BigInteger.valueOf(x).multiply(BigInteger.valueOf(y)).divideAndRemainder(BigInteger.valueOf(d));
            assertEquals(qr[1].longValueExact(), WideArithmetic.mulMod(x, y, d));
            if (qr[0].bitLength() <= 63) {   // fits a signed long
                assertEquals(qr[0].longValueExact(), WideArithmetic.mulDivFloor(x, y, d));
            } else {
                assertThrows(ArithmeticException.class, () -> WideArithmetic.mulDivFloor(x, y, d));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> WideArithmetic.mulDivFloor(limit, 1, 1));
    }
}
