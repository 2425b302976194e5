package org.msqsim.models.scalesim;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.msqsim.core.spec.InvalidSpecException;
import org.msqsim.core.spec.Problems;

/**
 * Strict reader of SCALE-Sim v2 {@code .cfg} files.
 *
 * <p>The syntax is that of Python's {@code configparser} as SCALE-Sim uses it
 * ({@code scalesim/scale_config.py}, {@code read_conf_file}): {@code [section]} headers whose names
 * are case-sensitive; {@code key = value} or {@code key: value} split at the first {@code =} or
 * {@code :}; keys case-insensitive; values stripped; whole-line comments starting with {@code #} or
 * {@code ;}; no inline comments. Where SCALE-Sim is lax msqsim is strict, and says so: an unknown
 * section or key, a missing key, a duplicate, a continuation line, a value that is not a plain
 * integer, an unknown dataflow (SCALE-Sim only prints a warning and silently runs OS) — each is a
 * problem naming {@code file:line}, the key and the value, and all are reported together in one
 * {@link InvalidSpecException}.
 *
 * <p>Required: {@code [general] run_name}; {@code [architecture_presets] ArrayHeight, ArrayWidth,
 * IfmapSramSzkB, FilterSramSzkB, OfmapSramSzkB, IfmapOffset, FilterOffset, OfmapOffset, Dataflow};
 * {@code [run_presets] InterfaceBandwidth}. {@code Bandwidth} is required in USER mode only (SCALE-Sim
 * reads it only then) and must list one value per {@code MemoryBanks} (default 1), as SCALE-Sim
 * asserts. {@code [network_presets] TopologyCsvLoc} is accepted because SCALE-Sim writes it.
 */
public final class ScaleSimConfigReader {
    private static final Pattern INT = Pattern.compile("[+-]?\\d+");
    private static final Map<String, List<String>> KEYS = Map.of(
            "general", List.of("run_name"),
            "architecture_presets", List.of("ArrayHeight", "ArrayWidth", "IfmapSramSzkB", "FilterSramSzkB",
                    "OfmapSramSzkB", "IfmapOffset", "FilterOffset", "OfmapOffset", "Bandwidth", "Dataflow",
                    "MemoryBanks"),
            "run_presets", List.of("InterfaceBandwidth"),
            "network_presets", List.of("TopologyCsvLoc"));
    /** Largest array side: msqsim's own arrays ({@code PeArraySpec}) have at most 4096 rows and columns. */
    static final int MAX_ARRAY = 4096;
    private static final List<String> OPTIONAL = List.of("Bandwidth", "MemoryBanks", "TopologyCsvLoc");

    /** One {@code key = value} line: where it was, the key as written and the stripped value. */
    private record Entry(int line, String key, String value) {
    }

    private final Problems problems;
    private final Map<String, Entry> entries = new LinkedHashMap<>(); // "section.lowerkey" -> entry

    private ScaleSimConfigReader(String source) {
        this.problems = new Problems(source);
    }

    /** Reads and validates {@code file}; every problem is reported in one exception. */
    public static ScaleSimConfig read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidSpecException(List.of(file + ": cannot read — " + e.getMessage()));
        }
        return parse(file.toString(), lines);
    }

    /** Parses the lines of a {@code .cfg}; {@code source} names it in messages. */
    public static ScaleSimConfig parse(String source, List<String> lines) {
        ScaleSimConfigReader r = new ScaleSimConfigReader(source);
        r.scan(lines);
        ScaleSimConfig cfg = r.build();
        r.problems.throwIfAny();
        return cfg;
    }

    private void scan(List<String> lines) {
        String section = null;
        boolean sectionKnown = false;
        List<String> seenSections = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int no = i + 1;
            String raw = lines.get(i);
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (!raw.isEmpty() && Character.isWhitespace(raw.charAt(0)) && section != null) {
                problems.add(String.valueOf(no), line, "continuation lines are not supported; write the value on the key's line");
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1);
                sectionKnown = KEYS.containsKey(section);
                if (!sectionKnown) {
                    problems.add(String.valueOf(no), line, "unknown section; known: [general], [architecture_presets], "
                            + "[run_presets], [network_presets] (names are case-sensitive)");
                } else if (seenSections.contains(section)) {
                    problems.add(String.valueOf(no), line, "duplicate section");
                }
                seenSections.add(section);
                continue;
            }
            int eq = firstDelimiter(line);
            if (section == null) {
                problems.add(String.valueOf(no), line, "key outside any [section]");
            } else if (eq <= 0) {
                problems.add(String.valueOf(no), line, "expected 'key = value' or 'key: value'");
            } else if (sectionKnown) {
                entry(no, section, line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
    }

    private void entry(int no, String section, String key, String value) {
        String canonical = KEYS.get(section).stream().filter(k -> k.equalsIgnoreCase(key)).findFirst().orElse(null);
        String where = no + ":" + section + "." + key;
        if (canonical == null) {
            problems.add(where, value, "unknown key; known in [" + section + "]: " + String.join(", ", KEYS.get(section)));
            return;
        }
        String id = section + "." + canonical.toLowerCase(Locale.ROOT);
        Entry previous = entries.putIfAbsent(id, new Entry(no, key, value));
        if (previous != null) {
            problems.add(where, value, "duplicate key (first set on line " + previous.line() + ")");
        }
    }

    private static int firstDelimiter(String line) {
        int a = line.indexOf('=');
        int b = line.indexOf(':');
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }

    private ScaleSimConfig build() {
        String runName = text("general", "run_name");
        int rows = integer("architecture_presets", "ArrayHeight", 1, MAX_ARRAY, 1);
        int cols = integer("architecture_presets", "ArrayWidth", 1, MAX_ARRAY, 1);
        int ifmapKb = integer("architecture_presets", "IfmapSramSzkB", 1, Integer.MAX_VALUE, 1);
        int filterKb = integer("architecture_presets", "FilterSramSzkB", 1, Integer.MAX_VALUE, 1);
        int ofmapKb = integer("architecture_presets", "OfmapSramSzkB", 1, Integer.MAX_VALUE, 1);
        long ifmapOff = integer("architecture_presets", "IfmapOffset", 0, Long.MAX_VALUE, 0);
        long filterOff = integer("architecture_presets", "FilterOffset", 0, Long.MAX_VALUE, 0);
        long ofmapOff = integer("architecture_presets", "OfmapOffset", 0, Long.MAX_VALUE, 0);
        int banks = integer("architecture_presets", "MemoryBanks", 1, Integer.MAX_VALUE, 1);
        ScaleSimDataflow df = dataflow();
        ScaleSimConfig.InterfaceBandwidth mode = mode();
        List<Integer> bw = bandwidths(mode, banks);
        Optional<String> topo = Optional.ofNullable(get("network_presets", "TopologyCsvLoc")).map(Entry::value);
        return new ScaleSimConfig(runName == null ? "" : runName, rows, cols, ifmapKb, filterKb, ofmapKb,
                ifmapOff, filterOff, ofmapOff, bw, df, banks, mode, topo);
    }

    private Entry get(String section, String key) {
        Entry e = entries.get(section + "." + key.toLowerCase(Locale.ROOT));
        if (e == null && !OPTIONAL.contains(key)) {
            problems.add(section + "." + key, null, "missing key");
        }
        return e;
    }

    private String text(String section, String key) {
        Entry e = get(section, key);
        return e == null ? null : e.value();
    }

    private int integer(String section, String key, long min, long max, int fallback) {
        Entry e = get(section, key);
        if (e == null) {
            return fallback;
        }
        Long v = parseLong(e, section, e.value(), min, max);
        return v == null ? fallback : (int) Math.min(v, Integer.MAX_VALUE);
    }

    private Long parseLong(Entry e, String section, String text, long min, long max) {
        String where = e.line() + ":" + section + "." + e.key();
        if (!INT.matcher(text).matches()) {
            problems.add(where, quote(text), "not an integer");
            return null;
        }
        BigInteger big = new BigInteger(text);
        if (big.compareTo(BigInteger.valueOf(max)) > 0) {
            problems.add(where, text, String.format("too large: at most %,d%s", max,
                    max == MAX_ARRAY ? " (msqsim's PE arrays have at most 4096 rows and columns)" : ""));
            return null;
        }
        if (big.compareTo(BigInteger.valueOf(min)) < 0) {
            problems.add(where, text, "must be >= " + min);
            return null;
        }
        return big.longValueExact();
    }

    private ScaleSimDataflow dataflow() {
        Entry e = get("architecture_presets", "Dataflow");
        if (e == null) {
            return ScaleSimDataflow.OUTPUT_STATIONARY;
        }
        Optional<ScaleSimDataflow> df = ScaleSimDataflow.fromKey(e.value());
        if (df.isEmpty()) {
            problems.add(e.line() + ":architecture_presets." + e.key(), quote(e.value()),
                    "must be os, ws or is (lower case, as SCALE-Sim compares it)");
        }
        return df.orElse(ScaleSimDataflow.OUTPUT_STATIONARY);
    }

    private ScaleSimConfig.InterfaceBandwidth mode() {
        Entry e = get("run_presets", "InterfaceBandwidth");
        if (e == null) {
            return ScaleSimConfig.InterfaceBandwidth.CALC;
        }
        for (ScaleSimConfig.InterfaceBandwidth m : ScaleSimConfig.InterfaceBandwidth.values()) {
            if (m.name().equals(e.value())) {
                return m;
            }
        }
        problems.add(e.line() + ":run_presets." + e.key(), quote(e.value()), "must be CALC or USER");
        return ScaleSimConfig.InterfaceBandwidth.CALC;
    }

    private List<Integer> bandwidths(ScaleSimConfig.InterfaceBandwidth mode, int banks) {
        Entry e = get("architecture_presets", "Bandwidth");
        if (e == null) {
            if (mode == ScaleSimConfig.InterfaceBandwidth.USER) {
                problems.add("architecture_presets.Bandwidth", null, "missing key (required when InterfaceBandwidth is USER)");
            }
            return List.of();
        }
        List<Integer> out = new ArrayList<>();
        for (String part : e.value().split(",", -1)) {
            Long v = parseLong(e, "architecture_presets", part.strip(), 1, Integer.MAX_VALUE);
            if (v != null) {
                out.add(v.intValue());
            }
        }
        if (mode == ScaleSimConfig.InterfaceBandwidth.USER && out.size() != banks) {
            problems.add(e.line() + ":architecture_presets." + e.key(), e.value(),
                    "USER mode needs one bandwidth per memory bank (MemoryBanks = " + banks + ")");
        }
        return out;
    }

    private static String quote(String s) {
        return "'" + s + "'";
    }
}
