package org.msqsim.boards;

import java.util.Optional;
import org.msqsim.core.spec.ClockRange;
import org.msqsim.core.spec.DocumentedClock;

/**
 * Reads {@code clocks}: the fabric clock range a board's designs may use, its default, and the
 * clocks documented per core kind on the part ({@code documented.dsp_core}, {@code documented.lut_core}).
 */
final class ClocksReader {
    private ClocksReader() {
    }

    static Optional<ClockRange> read(Section c) {
        Optional<Long> min = c.hz("min_mhz");
        Optional<Long> def = c.hz("default_mhz");
        Optional<Long> max = c.hz("max_mhz");
        Optional<Section> documented = c.section("documented");
        Optional<Section> dspSection = documented.flatMap(d -> d.section("dsp_core"));
        Optional<Section> lutSection = documented.flatMap(d -> d.section("lut_core"));
        Optional<DocumentedClock> dsp = dspSection.flatMap(ClocksReader::clock);
        Optional<DocumentedClock> lut = lutSection.flatMap(ClocksReader::clock);
        if (min.isEmpty() || def.isEmpty() || max.isEmpty() || !c.clean()) {
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
        boolean ok = within(dspSection, dsp, min.get(), max.get()) & within(lutSection, lut, min.get(), max.get());
        return ok ? Optional.of(new ClockRange(min.get(), def.get(), max.get(), dsp, lut)) : Optional.empty();
    }

    private static Optional<DocumentedClock> clock(Section s) {
        Optional<Long> hz = s.hz("mhz");
        Optional<String> source = s.text("source");
        return hz.isPresent() && source.isPresent() ? Optional.of(new DocumentedClock(hz.get(), source.get()))
                : Optional.empty();
    }

    /** A documented clock outside the range is a problem: explore would never reach it, or exceed the range. */
    private static boolean within(Optional<Section> section, Optional<DocumentedClock> clock, long min, long max) {
        if (clock.isEmpty() || (clock.get().hz() >= min && clock.get().hz() <= max)) {
            return true;
        }
        section.ifPresent(s -> s.report("mhz",
                "must lie within [min_mhz, max_mhz] = [" + Mhz.show(min) + ", " + Mhz.show(max) + "] MHz"));
        return false;
    }
}
