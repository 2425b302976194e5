package org.msqsim.core.time;

/**
 * A non-negative exact fraction in lowest terms, used where a quantity such as a clock period
 * ({@code 10^12 / f} ps) is not a whole number of picoseconds and rounding it would make the clock
 * drift (the thing SST {@code timeLord.cc} does silently, per STYLE "Time and events" 1).
 *
 * @param numerator   at least 0
 * @param denominator at least 1
 */
public record Rational(long numerator, long denominator) {

    public Rational {
        if (numerator < 0 || denominator <= 0) {
            throw new IllegalArgumentException("rational needs numerator >= 0 and denominator > 0, got "
                    + numerator + "/" + denominator);
        }
        long g = gcd(numerator, denominator);
        numerator /= g;
        denominator /= g;
    }

    public long floor() {
        return numerator / denominator;
    }

    public long ceil() {
        return numerator / denominator + (numerator % denominator == 0 ? 0 : 1);
    }

    public boolean isInteger() {
        return denominator == 1;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a == 0 ? 1 : a;
    }

    @Override
    public String toString() {
        return denominator == 1 ? Long.toString(numerator) : numerator + "/" + denominator;
    }
}
