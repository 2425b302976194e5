package org.msqsim.boards;

import java.util.Optional;
import org.msqsim.core.spec.ClockRange;
import org.msqsim.core.spec.Dataflow;
import org.msqsim.core.spec.Drain;
import org.msqsim.core.spec.MacKind;
import org.msqsim.core.spec.PeArraySpec;

/**
 * Reads {@code accelerator.dsp_core} or {@code accelerator.lut_core}: one PE array.
 *
 * <p>Packing rules follow FINN's RTL (facts/boards.md §4b): 4 products per DSP48 only when weights
 * and activations are at most 4 bits ({@code mvu_4sx4u}), 2 when at most 8 ({@code
 * mvu_8sx8u_dsp48}); LUT MACs compute one product each. A core's clock is its fabric clock, within the
 * board's range; a {@code double_pumped} DSP core's slices run at twice it (facts §3, DPU
 * {@code dpu_2x_clk}).
 */
final class CoreReader {
    private CoreReader() {
    }

    /**
     * @param wBits weight bits if valid, for the packing and accumulator rules
     * @param aBits activation bits if valid
     */
    static Optional<PeArraySpec> read(String name, Section c, Optional<Long> wBits, Optional<Long> aBits,
                                      Optional<ClockRange> clocks, Optional<Long> deviceDsp) {
        boolean dspCore = name.equals("dsp_core");
        Optional<MacKind> mac = c.choice("mac", MacKind.class);
        if (mac.isPresent() && dspCore != (mac.get() == MacKind.DSP)) {
            c.report("mac", dspCore ? "the DSP core multiplies on DSP slices; use mac: dsp"
                    : "a LUT core cannot use DSP slices; use lut_sp2 or lut_fixed");
            mac = Optional.empty();
        }
        Optional<Dataflow> dataflow = c.choice("dataflow", Dataflow.class);
        Optional<Long> rows = c.integer("rows", v -> v >= 1 && v <= 4096, "must be 1..4096 PE rows");
        Optional<Long> cols = c.integer("cols", v -> v >= 1 && v <= 4096, "must be 1..4096 PE columns");
        Optional<Long> packing = c.integer("packing", v -> dspCore ? v == 1 || v == 2 || v == 4 : v == 1,
                dspCore ? "must be 1, 2 or 4 products per DSP slice (WP486; FINN mvu_8sx8u / mvu_4sx4u)"
                        : "must be 1: a LUT MAC computes one product per cycle");
        long widest = Math.max(wBits.orElse(0L), aBits.orElse(0L));
        if (packing.isPresent() && (packing.get() == 4 && widest > 4 || packing.get() == 2 && widest > 8)) {
            c.report("packing", "packing " + packing.get() + " needs weights and activations of at most "
                    + (packing.get() == 4 ? 4 : 8) + " bits (FINN mvu_" + (packing.get() == 4 ? "4sx4u" : "8sx8u")
                    + "); weight_bits/activation_bits reach " + widest);
        }
        Optional<Long> clock = c.hz("clock_mhz");
        if (clock.isPresent() && clocks.isPresent() && (clock.get() < clocks.get().minHz()
                || clock.get() > clocks.get().maxHz())) {
            c.report("clock_mhz", "must lie within [clocks.min_mhz, clocks.max_mhz] = ["
                    + Mhz.show(clocks.get().minHz()) + ", " + Mhz.show(clocks.get().maxHz())
                    + "] MHz (the fabric clock; a double_pumped core's slices run at twice it)");
        }
        Optional<Long> acc = c.integer("accumulator_bits", v -> v >= 8 && v <= 48,
                "must be 8..48 bits (the DSP48 P register is 48 bits)");
        if (acc.isPresent() && wBits.isPresent() && aBits.isPresent() && acc.get() < wBits.get() + aBits.get()) {
            c.report("accumulator_bits", "is narrower than one product (weight_bits + activation_bits = "
                    + (wBits.get() + aBits.get()) + ")");
        }
        Optional<Long> lanes = c.integer("vector_lanes", v -> v >= 1 && v <= PeArraySpec.MAX_VECTOR_LANES,
                "must be 1.." + PeArraySpec.MAX_VECTOR_LANES + " input-channel lanes per PE");
        Optional<Dataflow> df = dataflow;
        if (lanes.isPresent() && lanes.get() > 1 && df.isPresent() && df.get() == Dataflow.DOT_PRODUCT) {
            c.report("vector_lanes", "must be 1 for a dot_product array: its rows are the lanes each PE reduces");
        }
        Optional<Boolean> pumped = c.bool("double_pumped");
        if (pumped.orElse(false) && !dspCore) {
            c.report("double_pumped", "applies to DSP slices only (a LUT core has none)");
        } else if (pumped.orElse(false) && lanes.isPresent() && lanes.get() % 2 != 0) {
            c.report("double_pumped", "needs an even vector_lanes: two lanes share each slice, one per half "
                    + "of the fabric cycle (vector_lanes is " + lanes.get() + ")");
        }
        Optional<Boolean> dspAcc = c.bool("dsp_accumulators");
        if (dspAcc.orElse(false) && !dspCore) {
            c.report("dsp_accumulators", "applies to the DSP core only");
        } else if (dspAcc.orElse(false) && lanes.isPresent() && lanes.get() == 1) {
            c.report("dsp_accumulators", "needs vector_lanes > 1: a scalar DSP PE (or a dot_product PE) already "
                    + "accumulates in its own P register");
        }
        Optional<Drain> drain = c.choice("drain", Drain.class);
        if (drain.orElse(Drain.IN_PLACE) == Drain.OVERLAPPED && df.isPresent() && df.get() != Dataflow.OUTPUT_STATIONARY) {
            c.report("drain", "overlapped applies to output_stationary arrays only: a " + df.get().name()
                    .toLowerCase(java.util.Locale.ROOT) + " array has no fold drain to overlap");
        }
        Optional<Long> sets = c.integer("column_sets", v -> v >= 1 && Long.bitCount(v) == 1,
                "must be a power of two >= 1 (1: no column sets; docs/cost-model.md \"Column sets\")");
        if (sets.isPresent() && sets.get() > 1) {
            if (cols.isPresent() && sets.get() > cols.get()) {
                c.report("column_sets", "must be at most cols (" + cols.get() + "): each set boundary needs a "
                        + "slice of at least one column");
            }
        }
        if (dspCore && rows.isPresent() && cols.isPresent() && deviceDsp.isPresent() && lanes.isPresent()) {
            long slices = rows.get() * cols.get() * lanes.get() / (pumped.orElse(false) ? 2 : 1);
            if (slices > deviceDsp.get()) {
                c.problem(rows.get() + " × " + cols.get() + (lanes.get() > 1 ? " × " + lanes.get() + " lanes" : "")
                        + (pumped.orElse(false) ? " / 2 (double-pumped)" : "") + " = " + slices + " DSP slices",
                        "more than the device's " + deviceDsp.get() + " (device.dsp)");
            }
        }
        if (!c.clean()) {
            return Optional.empty();
        }
        return Optional.of(new PeArraySpec(name, mac.orElseThrow(), dataflow.orElseThrow(),
                Math.toIntExact(rows.orElseThrow()), Math.toIntExact(cols.orElseThrow()),
                Math.toIntExact(packing.orElseThrow()), clock.orElseThrow(), Math.toIntExact(acc.orElseThrow()),
                Math.toIntExact(lanes.orElseThrow()), pumped.orElseThrow(), dspAcc.orElseThrow(), drain.orElseThrow(),
                Math.toIntExact(sets.orElseThrow())));
    }
}
