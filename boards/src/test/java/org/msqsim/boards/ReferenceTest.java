package org.msqsim.boards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.msqsim.boards.BoardSchema.Field;

/**
 * boards/reference.yaml documents exactly the keys the loader accepts, each with unit, type,
 * range and "required" or the loader's own default; and it is itself a valid board file.
 */
class ReferenceTest {
    /** Key path ({@code ddr.ports[].name}) → the comment lines directly above its first occurrence. */
    private static final Map<String, List<String>> DOCUMENTED = new LinkedHashMap<>();

    @BeforeAll
    static void scan() throws IOException {
        record Level(int indent, String path) {
        }
        Deque<Level> stack = new ArrayDeque<>();
        List<String> comments = new ArrayList<>();
        for (String line : BoardCatalogTest.resource("reference").lines().toList()) {
            String body = line.strip();
            if (body.isEmpty()) {
                comments.clear();
                continue;
            }
            if (body.startsWith("#")) {
                comments.add(body.substring(1).strip());
                continue;
            }
            int indent = line.indexOf(body.charAt(0));
            boolean item = body.startsWith("- ");
            while (!stack.isEmpty() && stack.peek().indent() >= indent) {
                stack.pop();
            }
            if (item) {
                stack.push(new Level(indent, stack.peek().path() + "[]"));
                body = body.substring(2);
                indent += 2;
            }
            String key = body.substring(0, body.indexOf(':'));
            String path = stack.isEmpty() ? key : stack.peek().path() + "." + key;
            DOCUMENTED.putIfAbsent(path, List.copyOf(comments));
            comments.clear();
            if (body.endsWith(":")) {
                stack.push(new Level(indent, path));
            }
        }
    }

    @Test
    void documentsExactlyTheAcceptedKeys() {
        assertEquals(BoardLoader.acceptedKeys(), DOCUMENTED.keySet());
    }

    @Test
    void everyKeyHasUnitTypeRangeAndItsDefault() {
        BoardSchema.fieldsByPath().forEach((path, field) -> {
            String spec = DOCUMENTED.get(path).stream().filter(l -> l.startsWith("unit:")).findFirst()
                    .orElseThrow(() -> new AssertionError(path + ": no 'unit: … | type: …' line"));
            List<String> parts = List.of(spec.split(" \\| "));
            assertEquals(4, parts.size(), path + ": " + spec);
            assertTrue(parts.get(1).startsWith("type: "), path + ": " + spec);
            assertTrue(parts.get(2).startsWith("range: "), path + ": " + spec);
            assertEquals(expectedDefault(field), parts.get(3), path);
            assertEquals(typeWord(field), parts.get(1).substring("type: ".length()), path);
            if (!field.unit().isEmpty()) {
                assertEquals("unit: " + field.unit(), parts.get(0), path);
            }
        });
    }

    @Test
    void referenceIsAValidBoardFile() {
        assertEquals("reference", BoardLoader.loadResource("boards/reference.yaml").id());
    }

    private static String expectedDefault(Field f) {
        if (f.required()) {
            return "required";
        }
        return "default: " + (f.defaultValue() == null ? "absent" : f.defaultValue());
    }

    private static String typeWord(Field f) {
        return switch (f.type()) {
            case STRING -> "string";
            case INTEGER -> "integer";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case CHOICE -> "choice";
            case MAP -> "map";
            case LIST -> "list";
        };
    }
}
