package org.msqsim.boards;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BufferSpec;
import org.msqsim.core.spec.PeArraySpec;

/**
 * Writes board files, the loader's counterpart: a board's own text (device, clocks, DDR — every
 * sourced number and comment kept) up to its {@code accelerator:} section, then another design in
 * the board schema. This is how a design {@code explore} found becomes a file that
 * {@code run --board FILE} simulates bit-exactly.
 *
 * <p>The keys come from {@link BoardSchema}, in its order, every key written (optional ones too, so
 * the file does not depend on the defaults); a schema key this writer has no value for is a bug it
 * reports rather than a key it leaves out. Clocks are written in whole MHz and buffer capacities in
 * whole KiB, the units the schema reads.
 */
public final class BoardWriter {
    private static final String INDENT = "  ";

    private BoardWriter() {
    }

    /**
     * {@code boardText} with its accelerator replaced by {@code a}, under {@code header} (comment
     * lines, without the {@code #}).
     *
     * @throws IllegalArgumentException when the text has no top-level {@code accelerator:} section, or
     *                                  a clock or capacity is not a whole number of the schema's unit
     */
    public static String withAccelerator(String boardText, AcceleratorSpec a, String header) {
        int at = boardText.startsWith("accelerator:") ? 0 : boardText.indexOf("\naccelerator:") + 1;
        if (at == 0 && !boardText.startsWith("accelerator:")) {
            throw new IllegalArgumentException("the board file has no top-level 'accelerator:' section");
        }
        // The section ends where the next top-level key starts (none in the shipped files).
        Matcher next = Pattern.compile("\n(?=[A-Za-z_])").matcher(boardText);
        String after = next.find(at + 1) ? boardText.substring(next.start() + 1) : "";
        StringBuilder sb = new StringBuilder();
        header.lines().forEach(l -> sb.append("# ").append(l).append('\n'));
        sb.append(boardText, 0, at);
        accelerator(sb, a);
        return sb.append(after).toString();
    }

    /**
     * {@link #withAccelerator(String, AcceleratorSpec, String)} under another board id: the file's
     * top-level {@code id:} value becomes {@code id} (its comment kept), so that a saved design is not
     * reported as the board it came from.
     *
     * @throws IllegalArgumentException as {@link #withAccelerator(String, AcceleratorSpec, String)}, or
     *                                  when the text has no top-level {@code id:} line
     */
    public static String withAccelerator(String boardText, String id, AcceleratorSpec a, String header) {
        Matcher m = Pattern.compile("(?m)^id:[ \\t]*[^\\s#]+").matcher(boardText);
        if (!m.find()) {
            throw new IllegalArgumentException("the board file has no top-level 'id:' line");
        }
        String renamed = boardText.substring(0, m.start()) + "id: " + id + boardText.substring(m.end());
        return withAccelerator(renamed, a, header);
    }

    /**
     * {@code boardText} with its two memories exchanged: the top-level {@code ddr:} and
     * {@code alt_ddr:} keys swap names (both sections have the same keys), so that a design
     * {@code explore} found on the board's other memory is saved with that memory as its {@code ddr}.
     *
     * @throws IllegalArgumentException when the text lacks either top-level key
     */
    public static String withMemoriesSwapped(String boardText) {
        Pattern ddr = Pattern.compile("(?m)^ddr:");
        Pattern alt = Pattern.compile("(?m)^alt_ddr:");
        if (!ddr.matcher(boardText).find() || !alt.matcher(boardText).find()) {
            throw new IllegalArgumentException("the board file needs top-level 'ddr:' and 'alt_ddr:' sections");
        }
        String marked = alt.matcher(boardText).replaceAll("\u0000alt:");
        return ddr.matcher(marked).replaceAll("alt_ddr:").replace("\u0000alt:", "ddr:");
    }

    /** The {@code accelerator:} section of {@code a}. */
    static void accelerator(StringBuilder sb, AcceleratorSpec a) {
        sb.append("accelerator:\n");
        for (BoardSchema.Field f : BoardSchema.fields("accelerator")) {
            switch (f.name()) {
                case "dsp_core" -> a.dspCore().ifPresent(c -> core(sb, f.name(), c));
                case "lut_core" -> a.lutCore().ifPresent(c -> core(sb, f.name(), c));
                case "buffers" -> buffers(sb, f.name(), a);
                case "depthwise_engine" -> a.depthwiseEngine().ifPresent(e -> {
                    sb.append(INDENT).append(f.name()).append(":\n");
                    scalar(sb, 2, "pixels", Integer.toString(e.pixels()));
                    scalar(sb, 2, "channels", Integer.toString(e.channels()));
                    scalar(sb, 2, "fixed_mac", lower(e.fixedMac()));
                    scalar(sb, 2, "sp2_channels", Integer.toString(e.sp2Channels()));
                    scalar(sb, 2, "accumulator_bits", Integer.toString(e.accumulatorBits()));
                    scalar(sb, 2, "weight_bank_kib", Integer.toString(e.weightBankKib()));
                });
                case "data_ports" -> a.dataPorts().ifPresent(p -> {
                    sb.append(INDENT).append(f.name()).append(":\n");
                    scalar(sb, 2, "count", Integer.toString(p.count()));
                    scalar(sb, 2, "width_bits", Integer.toString(p.widthBits()));
                });
                case "sp2_fraction" -> a.sp2Fraction().ifPresent(x -> scalar(sb, 1, f.name(), fraction(x)));
                case "fusion" -> { // written even when it is the default, so a saved design says it
                    sb.append(INDENT).append(f.name()).append(":\n");
                    scalar(sb, 2, "add", Boolean.toString(a.fusion().add()));
                    scalar(sb, 2, "pool", Boolean.toString(a.fusion().pool()));
                    scalar(sb, 2, "pool_buffer_kib", Integer.toString(a.fusion().poolBufferKib()));
                    // only when set: absent keeps the rule (the wider core's rows) through a round trip
                    a.fusion().lanes().ifPresent(n -> scalar(sb, 2, "lanes", Integer.toString(n)));
                }
                default -> scalar(sb, 1, f.name(), switch (f.name()) {
                    case "name" -> a.name();
                    case "control_clock_mhz" -> mhz(a.controlClockHz());
                    case "weight_bits" -> Integer.toString(a.weightBits());
                    case "activation_bits" -> Integer.toString(a.activationBits());
                    default -> throw unknown("accelerator", f.name());
                });
            }
        }
    }

    private static void core(StringBuilder sb, String key, PeArraySpec c) {
        String section = BoardSchema.join("accelerator", key);
        sb.append(INDENT).append(key).append(":\n");
        for (BoardSchema.Field f : BoardSchema.fields(section)) {
            scalar(sb, 2, f.name(), switch (f.name()) {
                case "mac" -> lower(c.mac());
                case "dataflow" -> lower(c.dataflow());
                case "rows" -> Integer.toString(c.rows());
                case "cols" -> Integer.toString(c.cols());
                case "packing" -> Integer.toString(c.packing());
                case "clock_mhz" -> mhz(c.clockHz());
                case "accumulator_bits" -> Integer.toString(c.accumulatorBits());
                case "vector_lanes" -> Integer.toString(c.vectorLanes());
                case "double_pumped" -> Boolean.toString(c.doublePumped());
                case "dsp_accumulators" -> Boolean.toString(c.dspAccumulators());
                case "drain" -> lower(c.drain());
                case "column_sets" -> Integer.toString(c.columnSets());
                default -> throw unknown(section, f.name());
            });
        }
    }

    private static void buffers(StringBuilder sb, String key, AcceleratorSpec a) {
        String section = BoardSchema.join("accelerator", key);
        sb.append(INDENT).append(key).append(":\n");
        for (BoardSchema.Field f : BoardSchema.fields(section)) {
            buffer(sb, BoardSchema.join(section, f.name()), f.name(), switch (f.name()) {
                case "input" -> a.inputBuffer();
                case "weight" -> a.weightBuffer();
                case "output" -> a.outputBuffer();
                default -> throw unknown(section, f.name());
            });
        }
    }

    private static void buffer(StringBuilder sb, String section, String key, BufferSpec b) {
        if (b.capacityBytes() % 1024 != 0) {
            throw new IllegalArgumentException(key + " buffer of " + b.capacityBytes()
                    + " B is not a whole number of KiB, which the board schema needs");
        }
        sb.append(INDENT.repeat(2)).append(key).append(":\n");
        for (BoardSchema.Field f : BoardSchema.fields(section)) {
            scalar(sb, 3, f.name(), switch (f.name()) {
                case "capacity_kib" -> Long.toString(b.capacityBytes() / 1024);
                case "width_bits" -> Integer.toString(b.widthBits());
                case "banks" -> Integer.toString(b.banks());
                case "double_buffered" -> Boolean.toString(b.doubleBuffered());
                case "memory" -> lower(b.memory());
                default -> throw unknown(section, f.name());
            });
        }
    }

    private static void scalar(StringBuilder sb, int depth, String key, String value) {
        sb.append(INDENT.repeat(depth)).append(key).append(": ").append(value).append('\n');
    }

    private static IllegalStateException unknown(String section, String key) {
        return new IllegalStateException("BoardWriter has no value for the schema key "
                + BoardSchema.join(section, key));
    }

    /** A fraction as the shortest decimal that reads back as the same double (0.95, not 0.9500000000000001). */
    private static String fraction(double f) {
        return java.math.BigDecimal.valueOf(f).stripTrailingZeros().toPlainString();
    }

    private static String mhz(long hz) {
        if (hz % 1_000_000 != 0) {
            throw new IllegalArgumentException(hz + " Hz is not a whole number of MHz, which the board schema needs");
        }
        return Long.toString(hz / 1_000_000);
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
