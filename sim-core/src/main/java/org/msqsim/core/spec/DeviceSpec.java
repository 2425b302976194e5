package org.msqsim.core.spec;

/**
 * The programmable logic of one FPGA part: what a design may use.
 *
 * @param part   the part number, e.g. {@code xc7z045ffg900-2}
 * @param family the device family (fixes DSP slice and carry chain)
 * @param lut    LUT6 count
 * @param ff     flip-flop count
 * @param dsp    DSP slice count
 * @param bram36 RAMB36 block count (each splits into two RAMB18)
 * @param uram   URAM288 block count (0 on parts without URAM)
 */
public record DeviceSpec(String part, FpgaFamily family, long lut, long ff, long dsp, long bram36, long uram) {
    public DeviceSpec {
        Specs.require(part != null && !part.isBlank(), "device.part", part, "must be a part number");
        Specs.require(family != null, "device.family", family, "is required");
        Specs.require(lut > 0, "device.lut", lut, "must be positive");
        Specs.require(ff > 0, "device.ff", ff, "must be positive");
        Specs.require(dsp >= 0, "device.dsp", dsp, "must be >= 0");
        Specs.require(bram36 >= 0, "device.bram36", bram36, "must be >= 0");
        Specs.require(uram >= 0, "device.uram", uram, "must be >= 0");
    }
}
