package org.msqsim.boards;

import java.util.Optional;
import org.msqsim.core.spec.ClockRange;

/** Reads {@code clocks}: the fabric clock range a board's designs may use, and its default. */
final class ClocksReader {
    private ClocksReader() {
    }

    static Optional<ClockRange> read(Section c) {
        Optional<Long> min = c.hz("min_mhz");
        Optional<Long> def = c.hz("default_mhz");
        Optional<Long> max = c.hz("max_mhz");
        if (min.isEmpty() || def.isEmpty() || max.isEmpty()) {
            return Optional.empty();
        }
        if (min.get() > max.get()) {
            c.report("min_mhz", "must not exceed max_mhz (" + Mhz.show(max.get()) + ")");
            return Optional.empty();
        }
        if (def.get() < min.get() || def.get() > max.get()) {
            c.report("default_mhz", "must lie within [min_mhz, max_mhz] = [" + Mhz.show(min.get()) + ", "
                    + Mhz.show(max.get()) + "] MHz");
            return Optional.empty();
        }
        return Optional.of(new ClockRange(min.get(), def.get(), max.get()));
    }
}
