package org.msqsim.cli;

import java.util.Locale;
import java.util.Optional;
import org.msqsim.core.spec.ClockRange;
import org.msqsim.core.spec.DocumentedClock;
import org.msqsim.core.spec.MacKind;
import org.msqsim.models.explore.ExploreGrid;

/**
 * What {@code explore} says about its clocks: per core kind, how fast the search let it run and
 * whether that clock is documented on the part (a published design ran at it) or an assumption.
 */
final class ClockNotes {
    private ClockNotes() {
    }

    /**
     * @param board    the board's own clocks, with what is documented
     * @param searched the clocks the search used (the board's, all assumed, or one fixed clock)
     * @param fixed    whether the user fixed the clock ({@code --clock-mhz})
     */
    static String describe(ClockRange board, ClockRange searched, boolean fixed) {
        return "clocks: " + kind("DSP core", MacKind.DSP, board, searched, fixed) + "\nclocks: "
                + kind("LUT core", MacKind.LUT_SP2, board, searched, fixed);
    }

    private static String kind(String name, MacKind mac, ClockRange board, ClockRange searched, boolean fixed) {
        long top = Math.min(searched.ceilingHz(mac), ExploreGrid.fastest(searched));
        Optional<DocumentedClock> doc = board.documented(mac);
        String how = fixed ? "at " + mhz(top) + " (--clock-mhz)" : "up to " + mhz(top);
        if (doc.isEmpty()) {
            return String.format(Locale.ROOT, "%s %s, an assumption (no clock is documented for such arrays on "
                    + "this part)", name, how);
        }
        long hz = doc.get().hz();
        if (top <= hz) {
            return String.format(Locale.ROOT, "%s %s, documented (%s)", name, how, doc.get().source());
        }
        return String.format(Locale.ROOT, "%s %s, an assumption above the %s documented (%s)", name, how, mhz(hz),
                doc.get().source());
    }

    private static String mhz(long hz) {
        return hz % 1_000_000 == 0 ? hz / 1_000_000 + " MHz" : String.format(Locale.ROOT, "%.3f MHz", hz / 1e6);
    }
}
