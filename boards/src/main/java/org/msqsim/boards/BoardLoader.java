package org.msqsim.boards;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.spec.ClockRange;
import org.msqsim.core.spec.DdrSpec;
import org.msqsim.core.spec.InvalidSpecException;
import org.msqsim.core.spec.Problems;

/**
 * Strict loader of board files (schema: {@code boards/reference.yaml}) into {@link BoardSpec}.
 *
 * <p>The YAML is parsed into a tree and walked key by key: unknown keys, missing keys, wrong
 * types (including units written into values, such as {@code "200 MHz"}) and impossible values
 * are all collected and thrown together as one {@link InvalidSpecException}, each line
 * {@code file:key.path: value — why}. A YAML syntax error is one line with file, line and column.
 * The spec records are built only after every check has passed, so their own invariant checks
 * never fire on user input. Never returns null.
 */
public final class BoardLoader {
    /**
     * Duplicate keys are errors rather than "last one wins"; floats are read as exact decimals so
     * that 187.5 MHz or 0.925 stay what the file says; a second YAML document is an error.
     */
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private BoardLoader() {
    }

    /**
     * Loads a board file from disk; problems name the file as given.
     *
     * @throws InvalidSpecException listing every problem, or saying the file does not exist, cannot
     *                              be read or is not UTF-8
     */
    public static BoardSpec load(Path file) {
        return parse(file.toString(), readText(file));
    }

    /**
     * The text of a board file, which must be UTF-8: a byte sequence that is not (a Latin-1 {@code é},
     * random bytes) is one problem {@code FILE: not UTF-8 at byte N (0xXX, line L)}, N the 0-based
     * offset of the first bad byte, as {@code xxd} and {@code od} count.
     *
     * @throws InvalidSpecException if the file does not exist, cannot be read or is not UTF-8
     */
    static String readText(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidSpecException(List.of(file + ": no such board file"));
        } catch (IOException | OutOfMemoryError e) {
            throw new InvalidSpecException(List.of(file + ": cannot read the board file: "
                    + (e instanceof OutOfMemoryError ? "too large" : String.valueOf(e.getMessage()))));
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new InvalidSpecException(List.of(String.format("%s: not UTF-8 at byte %d (0x%02x, line %d); "
                    + "save the board file as UTF-8", file, at, bytes[at] & 0xff, line)));
        }
        return out.flip().toString();
    }

    /**
     * Loads a board file from the classpath, e.g. {@code boards/zc706.yaml}.
     *
     * @throws IllegalArgumentException if no such resource exists (a programming error: built-in
     *                                  boards are listed in {@link BoardCatalog})
     */
    public static BoardSpec loadResource(String resource) {
        try (InputStream in = BoardLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no classpath resource " + resource);
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath resource " + resource, e);
        }
    }

    /**
     * Parses board YAML text.
     *
     * @param source how problems name the input, usually the file name
     */
    public static BoardSpec parse(String source, String yaml) {
        Problems problems = new Problems(source);
        JsonNode doc;
        try {
            doc = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            Matcher bad = NON_FINITE.matcher(String.valueOf(e.getOriginalMessage()));
            if (bad.find()) {
                String where = where(e.getLocation());
                String key = keyPath(e);
                problems.add(where.isEmpty() ? key : key.isEmpty() ? where : where + ":" + key, bad.group(1),
                        (bad.group(1).toLowerCase(Locale.ROOT).contains("nan") ? "not a number" : "infinite")
                                + "; board values must be finite plain numbers");
            } else {
                problems.add(where(e.getLocation()), null, "YAML syntax error: " + summary(e.getOriginalMessage()));
            }
            throw new InvalidSpecException(problems.messages());
        }
        Optional<BoardSpec> board = Section.root(doc, problems).flatMap(BoardLoader::board);
        problems.throwIfAny();
        return board.orElseThrow(() -> new IllegalStateException("no problem reported, yet no board built"));
    }

    /** Every key path a board file may contain ({@code ddr.ports[].name} for list items). */
    public static Set<String> acceptedKeys() {
        return BoardSchema.keyPaths();
    }

    private static Optional<BoardSpec> board(Section root) {
        Optional<String> id = root.text("id");
        if (id.isPresent() && !id.get().matches("[a-z0-9][a-z0-9_-]*")) {
            root.report("id", "must be lower-case letters, digits, '-' or '_' (it is typed on the command line)");
        }
        Optional<String> name = root.text("name");
        DeviceReader device = DeviceReader.read(root.section("device"));
        Optional<ClockRange> clocks = root.section("clocks").flatMap(ClocksReader::read);
        Optional<DdrSpec> ddr = root.section("ddr").flatMap(DdrReader::read);
        Optional<DdrSpec> alt = root.section("alt_ddr").flatMap(DdrReader::read); // optional: empty when absent
        Optional<AcceleratorSpec> accelerator = root.section("accelerator")
                .flatMap(a -> AcceleratorReader.read(a, device, clocks, ddr));
        List<AcceleratorSpec> designs = new ArrayList<>();
        if (root.has("designs") && !root.emptyList("designs")) {
            root.list("designs").ifPresent(items -> {
                Set<String> names = new HashSet<>();
                for (Section d : items) {
                    d.text("name").ifPresent(n -> {
                        if (!n.matches("[a-z0-9][a-z0-9_.-]*")) {
                            d.report("name", "must be lower-case letters, digits, '-', '_' or '.' (it is typed "
                                    + "after --design)");
                        } else if (n.equals(BoardSpec.DEFAULT_DESIGN)
                                || accelerator.map(a -> a.name().equals(n)).orElse(false)) {
                            d.report("name", "names the accelerator above (as does 'default'); choose another name");
                        } else if (!names.add(n)) {
                            d.report("name", "names two designs");
                        }
                    });
                    AcceleratorReader.read(d, device, clocks, ddr).ifPresent(designs::add);
                }
            });
        }
        if (!root.clean()) {
            return Optional.empty();
        }
        return Optional.of(new BoardSpec(id.orElseThrow(), name.orElseThrow(), device.spec().orElseThrow(),
                clocks.orElseThrow(), accelerator.orElseThrow(), designs, alt));
    }

    /**
     * YAML's {@code .nan} and {@code .inf} (any case, signed): floats that exact decimals cannot hold,
     * which the parser reports as a malformed number.
     */
    private static final Pattern NON_FINITE = Pattern.compile(
            "Malformed numeric value '([-+]?\\.(?:nan|NaN|NAN|inf|Inf|INF))'");

    /** The dotted key path (list items 0-based) at which the parser stopped, or "" when unknown. */
    private static String keyPath(JsonProcessingException e) {
        if (!(e.getProcessor() instanceof JsonParser p)) {
            return "";
        }
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = p.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.addFirst("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.addFirst("." + c.getCurrentName());
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private static String where(JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? "" : at.getLineNr() + ":" + at.getColumnNr();
    }

    /**
     * SnakeYAML's message interleaves context and problem with indented location and snippet
     * lines; the line and column are reported separately, so keep only the unindented sentences.
     */
    private static String summary(String message) {
        if (message == null || message.isBlank()) {
            return "unreadable YAML";
        }
        return message.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .map(String::strip).collect(Collectors.joining(": "));
    }
}
