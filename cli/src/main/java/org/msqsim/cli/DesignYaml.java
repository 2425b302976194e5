package org.msqsim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.msqsim.boards.BoardCatalog;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BufferSpec;
import org.msqsim.core.spec.PeArraySpec;

/**
 * A board file with another accelerator: the board's own text (device, clocks, DDR — every sourced
 * number and comment kept) up to its {@code accelerator:} section, then the given design in the
 * board schema ({@code boards/src/main/resources/boards/reference.yaml}). This is how a design
 * {@code explore} found becomes something {@code run --board FILE} simulates bit-exactly.
 */
final class DesignYaml {
    private DesignYaml() {
    }

    /** The board file's text: a built-in board's resource, or the file the user named. */
    static String boardText(String idOrPath) throws IOException {
        if (BoardCatalog.ids().contains(idOrPath)) {
            try (InputStream in = BoardCatalog.class.getResourceAsStream("/boards/" + idOrPath + ".yaml")) {
                if (in == null) {
                    throw new IOException("built-in board " + idOrPath + " has no YAML resource");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return Files.readString(Path.of(idOrPath), StandardCharsets.UTF_8);
    }

    /**
     * {@code boardText} with its accelerator replaced by {@code a}, under {@code header} (comment
     * lines, without the {@code #}).
     */
    static String with(String boardText, AcceleratorSpec a, String header) {
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
        sb.append("accelerator:\n  name: ").append(a.name())
                .append("\n  control_clock_mhz: ").append(mhz(a.controlClockHz()))
                .append("\n  weight_bits: ").append(a.weightBits())
                .append("\n  activation_bits: ").append(a.activationBits()).append('\n');
        core(sb, "dsp_core", a.dspCore());
        core(sb, "lut_core", a.lutCore());
        sb.append("  buffers:\n");
        buffer(sb, "input", a.inputBuffer());
        buffer(sb, "weight", a.weightBuffer());
        buffer(sb, "output", a.outputBuffer());
        return sb.append(after).toString();
    }

    private static void core(StringBuilder sb, String key, Optional<PeArraySpec> core) {
        core.ifPresent(c -> sb.append("  ").append(key).append(":\n    mac: ").append(lower(c.mac()))
                .append("\n    dataflow: ").append(lower(c.dataflow()))
                .append("\n    rows: ").append(c.rows()).append("\n    cols: ").append(c.cols())
                .append("\n    packing: ").append(c.packing()).append("\n    clock_mhz: ").append(mhz(c.clockHz()))
                .append("\n    accumulator_bits: ").append(c.accumulatorBits()).append('\n'));
    }

    private static void buffer(StringBuilder sb, String key, BufferSpec b) {
        if (b.capacityBytes() % 1024 != 0) {
            throw new IllegalArgumentException(key + " buffer of " + b.capacityBytes()
                    + " B is not a whole number of KiB, which the board schema needs");
        }
        sb.append("    ").append(key).append(":\n      capacity_kib: ").append(b.capacityBytes() / 1024)
                .append("\n      width_bits: ").append(b.widthBits()).append("\n      banks: ").append(b.banks())
                .append("\n      double_buffered: ").append(b.doubleBuffered())
                .append("\n      memory: ").append(lower(b.memory())).append('\n');
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
