package org.msqsim.boards;

import java.util.Optional;
import org.msqsim.core.spec.DeviceSpec;
import org.msqsim.core.spec.FpgaFamily;

/**
 * Reads {@code device}. The fields the accelerator checks against (family, DSP, BRAM, URAM
 * counts) are kept individually, so that one bad device key does not hide the accelerator's own
 * mistakes, and a missing device key does not cause follow-on errors elsewhere.
 */
record DeviceReader(Optional<FpgaFamily> family, Optional<Long> dsp, Optional<Long> bram36, Optional<Long> uram,
                    Optional<DeviceSpec> spec) {

    static DeviceReader read(Optional<Section> section) {
        if (section.isEmpty()) {
            return new DeviceReader(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty());
        }
        Section d = section.get();
        Optional<String> part = d.text("part");
        Optional<FpgaFamily> family = d.choice("family", FpgaFamily.class);
        Optional<Long> lut = d.integer("lut", v -> v > 0, "must be a positive LUT6 count");
        Optional<Long> ff = d.integer("ff", v -> v > 0, "must be a positive flip-flop count");
        Optional<Long> dsp = d.integer("dsp", v -> v >= 0, "must be a DSP slice count >= 0");
        Optional<Long> bram36 = d.integer("bram36", v -> v >= 0, "must be a RAMB36 count >= 0");
        Optional<Long> uram = d.integer("uram", v -> v >= 0, "must be a URAM288 count >= 0");
        if (family.orElse(null) == FpgaFamily.SERIES7 && uram.orElse(0L) > 0) {
            // URAM288 exists only from UltraScale+ on (UG573); a 7-series part with URAM is a typo.
            d.report("uram", "7-series parts have no URAM; use 0 or family: ultrascale_plus");
            uram = Optional.of(0L); // what the part really has, so URAM buffers are still caught
        }
        Optional<DeviceSpec> spec = Optional.empty();
        if (d.clean()) {
            spec = Optional.of(new DeviceSpec(part.orElseThrow(), family.orElseThrow(), lut.orElseThrow(),
                    ff.orElseThrow(), dsp.orElseThrow(), bram36.orElseThrow(), uram.orElseThrow()));
        }
        return new DeviceReader(family, dsp, bram36, uram, spec);
    }
}
