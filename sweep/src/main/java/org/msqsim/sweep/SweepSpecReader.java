package org.msqsim.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.msqsim.boards.BoardCatalog;
import org.msqsim.boards.Suggestions;
import org.msqsim.core.spec.InvalidSpecException;
import org.msqsim.core.spec.Problems;
import org.msqsim.models.explore.ExploreGrid;
import org.msqsim.models.zoo.ModelZoo;

/**
 * Strict reader of sweep files (every key: {@code sweep/reference.yaml}, held equal to {@link #SCHEMA}
 * by a test), in the style of the board loader: the YAML is read into a tree and walked key by key;
 * unknown keys (with a "did you mean"), missing keys, wrong types and impossible values are collected
 * and thrown together as one {@link InvalidSpecException}, each line {@code file:key.path: value — why}.
 * Boards are resolved here, on the driver: a built-in id, or a board file relative to the sweep file's
 * folder, loaded and checked by the board loader, so that a bad board is reported before Spark starts.
 */
public final class SweepSpecReader {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** The keys of each mapping ("" the root), in reference order. */
    static final Map<String, List<String>> SCHEMA = Map.of(
            "", List.of("boards", "models", "bits", "mode", "grid", "ceilings", "keep"),
            "grid", List.of("fraction_steps", "rows", "col_levels", "buffer_scales", "refine_top", "refine_clocks"),
            "ceilings", List.of("lut", "dsp", "bram"));
    private static final Set<String> REQUIRED = Set.of("boards", "models");

    private final Problems problems;
    private final Path folder;

    private SweepSpecReader(String source, Path folder) {
        this.problems = new Problems(source);
        this.folder = folder;
    }

    /**
     * Reads and checks a sweep file.
     *
     * @throws InvalidSpecException listing every problem, or saying the file is missing or unreadable
     */
    public static SweepSpec read(Path file) {
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new InvalidSpecException(List.of(file + ": no such sweep file"));
        } catch (CharacterCodingException e) {
            throw new InvalidSpecException(List.of(file + ": not UTF-8; save the sweep file as UTF-8"));
        } catch (IOException e) {
            throw new InvalidSpecException(List.of(file + ": cannot read the sweep file: " + e.getMessage()));
        }
        Path parent = file.toAbsolutePath().getParent();
        return parse(file.toString(), text, parent == null ? Path.of(".") : parent);
    }

    /** Parses sweep YAML text; board files are resolved against {@code folder}. */
    public static SweepSpec parse(String source, String yaml, Path folder) {
        return new SweepSpecReader(source, folder).parse(yaml);
    }

    /** Every key path a sweep file may contain ({@code grid.rows}). */
    static Set<String> keyPaths() {
        Set<String> out = new LinkedHashSet<>();
        for (String section : List.of("", "grid", "ceilings")) {
            SCHEMA.get(section).forEach(k -> out.add(section.isEmpty() ? k : section + "." + k));
        }
        return out;
    }

    private SweepSpec parse(String yaml) {
        JsonNode doc;
        try {
            doc = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            problems.add(where, null, "YAML syntax error: " + e.getOriginalMessage().lines().findFirst().orElse(""));
            throw new InvalidSpecException(problems.messages());
        }
        if (doc == null || !doc.isObject()) {
            problems.add("", null, "a sweep file is a YAML mapping of boards, models and optional bits, mode, grid, "
                    + "ceilings, keep (see sweep/reference.yaml)");
            throw new InvalidSpecException(problems.messages());
        }
        checkKeys("", doc);
        List<SweepSpec.BoardRef> boards = list(doc, "boards", this::board, true);
        List<String> models = list(doc, "models", this::model, true);
        List<Integer> bits = doc.has("bits") ? list(doc, "bits", this::bits, false) : List.of();
        SweepSpec.Mode mode = choice(doc, "mode", SweepSpec.Mode.values(), SweepSpec.Mode::word, SweepSpec.Mode.TIMING);
        SweepSpec.Keep keep = choice(doc, "keep", SweepSpec.Keep.values(), SweepSpec.Keep::word, SweepSpec.Keep.ALL);
        ExploreGrid grid = grid(doc.get("grid"));
        SweepSpec.Ceilings ceilings = ceilings(doc.get("ceilings"));
        problems.throwIfAny();
        return new SweepSpec(problems.source(), boards, models, bits, mode, grid, ceilings, keep);
    }

    private void checkKeys(String section, JsonNode node) {
        List<String> known = SCHEMA.get(section);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                String hint = Suggestions.closest(key, known).map(s -> "did you mean '" + s + "'?")
                        .orElse("known keys here: " + String.join(", ", known));
                problems.add(join(section, key), shown(node.get(key)), "unknown key; " + hint);
            }
        }
        if (section.isEmpty()) {
            REQUIRED.stream().sorted().filter(k -> !node.has(k)).forEach(k -> problems.add(k, null,
                    "required key is missing (a list; see sweep/reference.yaml)"));
        }
    }

    /** A non-empty list whose items each pass {@code item} (which reports its own problems), no repeats. */
    private <T> List<T> list(JsonNode parent, String key, ItemReader<T> item, boolean required) {
        return list(parent, "", key, item, required);
    }

    private <T> List<T> list(JsonNode parent, String section, String key, ItemReader<T> item, boolean required) {
        JsonNode n = parent.get(key);
        String path = join(section, key);
        if (n == null) {
            return List.of();
        }
        if (!n.isArray() || (required && n.isEmpty())) {
            problems.add(path, shown(n), n.isArray() ? "must list at least one item" : "must be a YAML list, e.g. ["
                    + "a, b]");
            return List.of();
        }
        List<T> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < n.size(); i++) {
            String at = path + "[" + i + "]";
            JsonNode v = n.get(i);
            if (!seen.add(v.toString())) {
                problems.add(at, shown(v), "listed twice");
                continue;
            }
            item.read(at, v).ifPresent(out::add);
        }
        return out;
    }

    private interface ItemReader<T> {
        Optional<T> read(String path, JsonNode value);
    }

    private Optional<SweepSpec.BoardRef> board(String path, JsonNode v) {
        if (!v.isTextual() || v.asText().isBlank()) {
            return wrong(path, v, "a built-in board id or the path of a board YAML file");
        }
        String name = v.asText();
        // A built-in id, or a file beside the sweep file; a bare word that is neither stays a word, so that
        // the catalogue answers "unknown board; did you mean …".
        boolean word = !name.contains("/") && !name.contains(".") && !Files.exists(folder.resolve(name));
        String target = BoardCatalog.ids().contains(name) || word ? name : folder.resolve(name).toString();
        try {
            BoardCatalog.get(target);
            return Optional.of(new SweepSpec.BoardRef(name, BoardCatalog.text(target)));
        } catch (InvalidSpecException e) {
            e.problems().forEach(p -> problems.add(path, null, p));
        } catch (IllegalArgumentException | IOException e) {
            problems.add(path, shown(v), String.valueOf(e.getMessage()));
        }
        return Optional.empty();
    }

    private Optional<String> model(String path, JsonNode v) {
        if (!v.isTextual() || v.asText().isBlank()) {
            return wrong(path, v, "a built-in model name (" + String.join(", ", ModelZoo.names()) + ")");
        }
        try {
            return Optional.of(ModelZoo.get(v.asText()).name());
        } catch (IllegalArgumentException e) {
            String close = Suggestions.closest(v.asText().toLowerCase(Locale.ROOT), ModelZoo.names())
                    .map(s -> "did you mean '" + s + "'? ").orElse("");
            problems.add(path, shown(v), "unknown model; " + close + "built-in models: "
                    + String.join(", ", ModelZoo.names()));
            return Optional.empty();
        }
    }

    private Optional<Integer> bits(String path, JsonNode v) {
        return integer(path, v, b -> b >= 3 && b <= 8, "must be a width from 3 to 8 bits");
    }

    private <E> E choice(JsonNode parent, String key, E[] values, Function<E, String> word, E dflt) {
        JsonNode n = parent.get(key);
        if (n == null) {
            return dflt;
        }
        for (E e : values) {
            if (n.isTextual() && word.apply(e).equals(n.asText())) {
                return e;
            }
        }
        List<String> words = java.util.Arrays.stream(values).map(word).toList();
        problems.add(key, shown(n), "must be one of " + String.join(", ", words));
        return dflt;
    }

    private ExploreGrid grid(JsonNode n) {
        ExploreGrid std = ExploreGrid.standard();
        if (n == null) {
            return std;
        }
        if (!n.isObject()) {
            wrong("grid", n, "a mapping of the grid's keys (see sweep/reference.yaml)");
            return std;
        }
        checkKeys("grid", n);
        int steps = scalarInt(n, "grid", "fraction_steps", v -> v >= 1 && v <= 100,
                "must be from 1 to 100 (F = i / fraction_steps)").orElse(std.fractionSteps());
        List<Integer> rows = n.has("rows") ? list(n, "grid", "rows", (p, v) -> integer(p, v, r -> r >= 1 && r <= 256,
                "must be a row count from 1 to 256"), false) : std.rowOptions();
        List<Double> levels = n.has("col_levels") ? list(n, "grid", "col_levels",
                (p, v) -> decimal(p, v, x -> x > 0 && x <= 1, "must be a fraction in (0, 1]"), true)
                : std.colLevels();
        List<Double> scales = n.has("buffer_scales") ? list(n, "grid",
                "buffer_scales", (p, v) -> decimal(p, v, x -> x > 0 && x <= 16, "must be a factor in (0, 16]"), true)
                : std.bufferScales();
        int top = scalarInt(n, "grid", "refine_top", v -> v >= 0 && v <= 100, "must be from 0 to 100")
                .orElse(std.refineTop());
        boolean clocks = std.refineClocks();
        if (n.has("refine_clocks")) {
            if (n.get("refine_clocks").isBoolean()) {
                clocks = n.get("refine_clocks").booleanValue();
            } else {
                wrong("grid.refine_clocks", n.get("refine_clocks"), "true or false");
            }
        }
        if (levels.isEmpty() || scales.isEmpty()) {
            return std;
        }
        return new ExploreGrid(steps, rows, levels, scales, top, clocks);
    }

    private SweepSpec.Ceilings ceilings(JsonNode n) {
        SweepSpec.Ceilings std = SweepSpec.Ceilings.standard();
        if (n == null) {
            return std;
        }
        if (!n.isObject()) {
            wrong("ceilings", n, "a mapping of lut, dsp, bram");
            return std;
        }
        checkKeys("ceilings", n);
        double[] v = {std.lut(), std.dsp(), std.bram()};
        List<String> keys = SCHEMA.get("ceilings");
        for (int i = 0; i < keys.size(); i++) {
            JsonNode x = n.get(keys.get(i));
            if (x != null) {
                int at = i;
                decimal("ceilings." + keys.get(i), x, d -> d > 0 && d <= 1, "must be a utilisation in (0, 1]")
                        .ifPresent(d -> v[at] = d);
            }
        }
        return new SweepSpec.Ceilings(v[0], v[1], v[2]);
    }

    private Optional<Integer> scalarInt(JsonNode parent, String section, String key, Predicate<Integer> ok, String why) {
        JsonNode v = parent.get(key);
        return v == null ? Optional.empty() : integer(join(section, key), v, ok, why);
    }

    private Optional<Integer> integer(String path, JsonNode v, Predicate<Integer> ok, String why) {
        if (!v.isNumber()) {
            return wrong(path, v, "a whole number");
        }
        BigDecimal d = v.decimalValue().stripTrailingZeros();
        if (d.scale() > 0) {
            problems.add(path, shown(v), "must be a whole number");
            return Optional.empty();
        }
        if (d.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0 || !ok.test(d.intValueExact())) {
            problems.add(path, shown(v), why);
            return Optional.empty();
        }
        return Optional.of(d.intValueExact());
    }

    private Optional<Double> decimal(String path, JsonNode v, Predicate<Double> ok, String why) {
        if (!v.isNumber()) {
            return wrong(path, v, "a number");
        }
        double d = v.decimalValue().doubleValue();
        if (!ok.test(d)) {
            problems.add(path, shown(v), why);
            return Optional.empty();
        }
        return Optional.of(d);
    }

    private <T> Optional<T> wrong(String path, JsonNode v, String expected) {
        problems.add(path, shown(v), "wrong type; expected " + expected);
        return Optional.empty();
    }

    private static String join(String section, String key) {
        return section.isEmpty() ? key : section + "." + key;
    }

    private static String shown(JsonNode n) {
        if (n.isTextual()) {
            return '"' + n.asText() + '"';
        }
        if (n.isContainerNode()) {
            String s = n.toString();
            return s.length() <= 40 ? s : s.substring(0, 37) + "...";
        }
        return n.asText();
    }
}
