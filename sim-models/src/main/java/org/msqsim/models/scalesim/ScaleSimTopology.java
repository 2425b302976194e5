package org.msqsim.models.scalesim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.msqsim.core.spec.InvalidSpecException;
import org.msqsim.core.spec.Problems;

/**
 * Strict reader of SCALE-Sim v2 topology CSV files, in the conv form (the default) and the GEMM
 * form ({@code scale.py -i gemm}), with SCALE-Sim's semantics ({@code scalesim/topology_utils.py},
 * {@code load_arrays_conv} and {@code load_arrays_gemm}):
 *
 * <ul>
 *   <li>The first line is the header and is skipped whatever it says; blank lines are skipped.
 *   <li>Each row is stripped, split at commas, and its <b>last field is dropped</b>: rows end with a
 *       trailing comma. A row without one would lose its last value in SCALE-Sim, so it is an error.
 *   <li>Conv rows: {@code name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels,
 *       Num Filter, Strides}; one stride serves both directions. An optional ninth field is
 *       SCALE-Sim's {@code N:M} sparsity ratio; only dense {@code 1:1} is accepted here.
 *   <li>A conv layer whose name contains {@code DP} (case-sensitive) is depthwise: SCALE-Sim expands
 *       it into {@code Channels} layers named {@code <name>Channel_<i>}, each with one channel and the
 *       row's {@code Num Filter}.
 *   <li>GEMM rows: {@code name, M, N, K} (+ optional sparsity), mapped by {@link ScaleSimLayer#gemm}.
 *   <li>Filter larger than ifmap is an error (SCALE-Sim asserts it).
 * </ul>
 *
 * Where SCALE-Sim accepts what Python's {@code int()} accepts, msqsim takes plain positive decimal
 * integers only, rejects an empty layer name, and rejects a first line that looks like a layer row
 * (SCALE-Sim would silently skip that layer). Every problem names {@code file:line:column} (1-based,
 * the column where the field starts) and the value; all are reported together.
 */
public final class ScaleSimTopology {
    private static final Pattern POSITIVE = Pattern.compile("\\d{1,9}");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    /** Largest value of one field: a Java int, as every dimension is one. */
    static final long MAX_FIELD = Integer.MAX_VALUE;
    /**
     * Largest MAC count of one layer and of the whole topology (2^40, about 1.1e12; VGG-16's largest
     * layer has 1.85e9): it keeps every cycle count, even on a 4096x4096 array, within a long.
     */
    static final long MAX_MACS = 1L << 40;
    /** Most layers a topology may expand to (a depthwise row becomes one layer per channel). */
    static final int MAX_LAYERS = 65_536;
    private static final String[] CONV = {"Layer name", "IFMAP Height", "IFMAP Width", "Filter Height",
        "Filter Width", "Channels", "Num Filter", "Strides"};
    private static final String[] GEMM = {"Layer name", "M", "N", "K"};

    /** The two topology forms. */
    public enum Form {
        CONV,
        GEMM
    }

    /** One comma-separated field and the 1-based column where it starts in the raw line. */
    private record Field(String text, int column) {
    }

    private ScaleSimTopology() {
    }

    public static List<ScaleSimLayer> readConv(Path file) {
        return read(file, Form.CONV);
    }

    public static List<ScaleSimLayer> readGemm(Path file) {
        return read(file, Form.GEMM);
    }

    public static List<ScaleSimLayer> read(Path file, Form form) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidSpecException(List.of(file + ": cannot read — " + e.getMessage()));
        }
        return parse(file.toString(), lines, form);
    }

    /** Parses a topology's lines; {@code source} names it in messages. */
    public static List<ScaleSimLayer> parse(String source, List<String> lines, Form form) {
        Problems problems = new Problems(source);
        List<ScaleSimLayer> layers = new ArrayList<>();
        if (lines.isEmpty()) {
            problems.add("1", null, "empty file: the first line must be the header");
        } else if (looksLikeData(lines.get(0))) {
            problems.add("1:1", lines.get(0).strip(), "the first line is always skipped as the header, "
                    + "but this looks like a layer row; add a header line");
        }
        String[] names = form == Form.CONV ? CONV : GEMM;
        long[] totalMacs = {0};
        for (int i = 1; i < lines.size(); i++) {
            String raw = lines.get(i);
            if (raw.isBlank()) {
                continue;
            }
            int no = i + 1;
            List<Field> fields = split(raw);
            Field last = fields.get(fields.size() - 1);
            if (!last.text().isBlank()) {
                problems.add(no + ":" + last.column(), last.text().strip(), "row does not end with a comma; "
                        + "SCALE-Sim drops each row's last field, so this value would be lost");
                continue;
            }
            fields = fields.subList(0, fields.size() - 1);
            if (fields.size() < names.length || fields.size() > names.length + 1) {
                problems.add(String.valueOf(no), raw.strip(), "expected " + names.length + " fields ("
                        + String.join(", ", names) + ") and an optional sparsity ratio, found " + fields.size());
                continue;
            }
            int before = problems.messages().size();
            String name = fields.get(0).text().strip();
            if (name.isEmpty()) {
                problems.add(no + ":" + fields.get(0).column(), "''", "empty layer name");
            }
            int[] v = new int[names.length];
            for (int f = 1; f < names.length; f++) {
                v[f] = positive(problems, no, fields.get(f), names[f]);
            }
            if (fields.size() > names.length) {
                sparsity(problems, no, fields.get(names.length));
            }
            if (problems.messages().size() == before) {
                addLayers(problems, no, form, name, v, layers, totalMacs);
            }
        }
        if (lines.size() > 0 && problems.isEmpty() && layers.isEmpty()) {
            problems.add("", null, "no layer rows after the header line; a topology needs at least one layer");
        }
        problems.throwIfAny();
        return List.copyOf(layers);
    }

    private static void addLayers(Problems problems, int no, Form form, String name, int[] v, List<ScaleSimLayer> out,
                                  long[] totalMacs) {
        if (form == Form.CONV && (v[3] > v[1] || v[4] > v[2])) {
            problems.add(String.valueOf(no), v[3] + "x" + v[4], "filter is larger than the ifmap " + v[1] + "x" + v[2]);
            return;
        }
        boolean depthwise = form == Form.CONV && name.contains("DP");
        int copies = depthwise ? v[5] : 1;
        if (copies > MAX_LAYERS - out.size()) {
            problems.add(String.valueOf(no), "Channels " + v[5], String.format("too large: a depthwise row (name with DP) "
                    + "expands to one layer per channel, and a topology may have at most %,d layers", MAX_LAYERS));
            return;
        }
        ScaleSimLayer layer = form == Form.GEMM ? ScaleSimLayer.gemm(name, v[1], v[2], v[3])
                : new ScaleSimLayer(depthwise ? name + "Channel_0" : name, v[1], v[2], v[3], v[4],
                        depthwise ? 1 : v[5], v[6], v[7], v[7]);
        if (layer.windowSize() > MAX_FIELD || layer.ofmapPixels() > MAX_FIELD) {
            boolean window = layer.windowSize() > MAX_FIELD;
            problems.add(String.valueOf(no), String.format("%,d", window ? layer.windowSize() : layer.ofmapPixels()),
                    String.format("too large: the layer's %s must be at most %,d", window
                            ? (form == Form.GEMM ? "K" : "window (Filter Height x Filter Width x Channels)")
                            : (form == Form.GEMM ? "M" : "ofmap pixels"), MAX_FIELD));
            return;
        }
        BigInteger macs = BigInteger.valueOf(layer.ofmapPixels()).multiply(BigInteger.valueOf(layer.numFilters()))
                .multiply(BigInteger.valueOf(layer.windowSize())).multiply(BigInteger.valueOf(copies));
        if (macs.compareTo(BigInteger.valueOf(MAX_MACS - totalMacs[0])) > 0) {
            problems.add(String.valueOf(no), String.format("%,d MACs", macs), String.format("too large: a layer, "
                    + "and a whole topology, may have at most %,d (2^40) MACs%s", MAX_MACS, totalMacs[0] == 0 ? ""
                    : String.format(", and the rows above already have %,d", totalMacs[0])));
            return;
        }
        totalMacs[0] += macs.longValueExact();
        if (!depthwise) {
            out.add(layer);
            return;
        }
        for (int c = 0; c < v[5]; c++) {
            out.add(new ScaleSimLayer(name + "Channel_" + c, v[1], v[2], v[3], v[4], 1, v[6], v[7], v[7]));
        }
    }

    private static int positive(Problems problems, int no, Field field, String what) {
        String t = field.text().strip();
        if (!DIGITS.matcher(t).matches() || new BigInteger(t).signum() < 1) {
            problems.add(no + ":" + field.column(), "'" + t + "'", what + " must be a positive integer");
            return 1;
        }
        if (new BigInteger(t).compareTo(BigInteger.valueOf(MAX_FIELD)) > 0) {
            problems.add(no + ":" + field.column(), "'" + t + "'", String.format("%s is too large: at most %,d",
                    what, MAX_FIELD));
            return 1;
        }
        return Integer.parseInt(t);
    }

    private static void sparsity(Problems problems, int no, Field field) {
        String t = field.text().strip();
        if (!t.equals("1:1")) {
            problems.add(no + ":" + field.column(), "'" + t + "'",
                    "only the dense sparsity ratio 1:1 is supported in SCALE-Sim compatibility mode");
        }
    }

    private static boolean looksLikeData(String line) {
        List<Field> f = split(line);
        return f.size() > 2 && POSITIVE.matcher(f.get(1).text().strip()).matches();
    }

    private static List<Field> split(String raw) {
        List<Field> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= raw.length(); i++) {
            if (i == raw.length() || raw.charAt(i) == ',') {
                String text = raw.substring(start, i);
                int lead = text.length() - text.stripLeading().length();
                out.add(new Field(text, start + 1 + (lead == text.length() ? 0 : lead)));
                start = i + 1;
            }
        }
        return out;
    }
}
