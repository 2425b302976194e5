package org.msqsim.cli.claims;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.msqsim.core.spec.InvalidSpecException;
import org.msqsim.core.spec.Problems;

/**
 * Strict reader of claims files (schema: claims/README.md). The whole file is checked before any
 * claim runs: unknown keys, missing keys, wrong types and impossible values are collected and thrown
 * together as one {@link InvalidSpecException}, each line {@code file:claims[2].key.path: value — why}.
 * A YAML syntax error is one line with the file, line and column. Never returns null or an empty list.
 */
public final class ClaimsFile {
    /** Duplicate keys are errors; decimals stay as written (0.005 is not 0.005000000000000000104). */
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ClaimsFile() {
    }

    /**
     * Reads and checks a claims file; problems name the file as given.
     *
     * @throws InvalidSpecException listing every problem (including a missing or unreadable file)
     */
    public static List<Claim> load(Path file, Program program) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidSpecException(List.of(file + ": no such claims file"));
        } catch (IOException e) {
            throw new InvalidSpecException(List.of(file + ": cannot read: " + e.getMessage()));
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(file.toString(), text, dir == null ? Path.of("").toAbsolutePath() : dir, program);
    }

    /**
     * Checks claims YAML text.
     *
     * @param source how problems name the input, usually the file name
     * @param base    the directory against which file arguments are resolved
     * @param program the program whose commands claims name
     */
    static List<Claim> parse(String source, String yaml, Path base, Program program) {
        Problems problems = new Problems(source);
        JsonNode doc;
        try {
            doc = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add(at == null || at.getLineNr() < 1 ? "" : at.getLineNr() + ":" + at.getColumnNr(), null,
                    "YAML syntax error: " + summary(e.getOriginalMessage()));
            throw new InvalidSpecException(problems.messages());
        }
        List<Claim> claims = claims(doc, source, base, new ClaimArgs(program), problems);
        problems.throwIfAny();
        return claims;
    }

    private static List<Claim> claims(JsonNode doc, String source, Path base, ClaimArgs args, Problems problems) {
        if (doc == null || doc.isMissingNode() || doc.isNull()) {
            problems.add("", null, "empty file — a claims file is a mapping with one key, 'claims', a list of claims "
                    + "(see claims/README.md)");
            return List.of();
        }
        if (!doc.isObject()) {
            problems.add("", null, "a claims file is a mapping with one key, 'claims' (see claims/README.md)");
            return List.of();
        }
        for (Iterator<String> it = doc.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("claims")) {
                problems.add(k, null, "unknown key" + ClaimSpelling.hint(k, List.of("claims"))
                        + " (a claims file has one key, 'claims')");
            }
        }
        JsonNode list = doc.get("claims");
        if (list == null) {
            problems.add("claims", null, "missing — required: the list of claims");
            return List.of();
        }
        if (!list.isArray() || list.isEmpty()) {
            problems.add("claims", list.isArray() ? "[]" : shown(list), "must be a non-empty list of claims");
            return List.of();
        }
        Map<String, String> ids = new HashMap<>();
        List<Claim> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "claims[" + i + "]";
            JsonNode id = list.get(i).get("id");
            if (id != null && id.isTextual()) {
                String first = ids.putIfAbsent(id.asText(), path);
                if (first != null) {
                    problems.add(path + ".id", id.toString(), "duplicate id; " + first + " has it already");
                }
            }
            ClaimReader.read(list.get(i), source, path, base, args, problems).ifPresent(out::add);
        }
        return out;
    }

    /** A value as a problem line shows it: scalars as JSON, containers by kind. */
    static String shown(JsonNode v) {
        if (v.isObject()) {
            return "{…}";
        }
        if (v.isArray()) {
            return "[…]";
        }
        return v.isBigDecimal() ? v.decimalValue().toPlainString() : v.toString();
    }

    /** SnakeYAML's multi-line message without its indented location and snippet lines. */
    private static String summary(String message) {
        if (message == null || message.isBlank()) {
            return "unreadable YAML";
        }
        return message.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .map(String::strip).collect(Collectors.joining(": "));
    }
}
