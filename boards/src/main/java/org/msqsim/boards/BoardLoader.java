package org.msqsim.boards;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
     * @throws InvalidSpecException listing every problem, or saying the file does not exist
     * @throws UncheckedIOException if the file exists but cannot be read
     */
    public static BoardSpec load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidSpecException(List.of(file + ": no such board file"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read board file " + file, e);
        }
        return parse(file.toString(), text);
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
            problems.add(where(e.getLocation()), null, "YAML syntax error: " + summary(e.getOriginalMessage()));
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
        Optional<AcceleratorSpec> accelerator = root.section("accelerator")
                .flatMap(a -> AcceleratorReader.read(a, device, clocks, ddr));
        if (!root.clean()) {
            return Optional.empty();
        }
        return Optional.of(new BoardSpec(id.orElseThrow(), name.orElseThrow(), device.spec().orElseThrow(),
                clocks.orElseThrow(), accelerator.orElseThrow()));
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
