package org.msqsim.cli.report;

/** Human-readable quantities for terminal reports (JSON keeps the exact integers). */
public final class Units {
    private Units() {
    }

    /** A time in ps as e.g. "911.78 us", "1.234 ms", "0 s": 4 significant digits, SI units. */
    static String time(long ps) {
        if (ps == 0) {
            return "0 s";
        }
        double v = ps;
        String[] unit = {"ps", "ns", "us", "ms", "s"};
        int i = 0;
        while (i < unit.length - 1 && Math.abs(v) >= 1000) {
            v /= 1000;
            i++;
        }
        return String.format("%.4g %s", v, unit[i]).replaceAll("\\.?0+ ", " ");
    }
}
