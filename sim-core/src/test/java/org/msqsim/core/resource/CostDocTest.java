package org.msqsim.core.resource;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every constant of {@link CostConstants#defaults()} is tabulated in docs/cost-model.md with its value. */
class CostDocTest {

    private static List<String> docLines() throws IOException {
        for (String p : new String[] {"../docs/cost-model.md", "docs/cost-model.md"}) {
            Path path = Path.of(p);
            if (Files.isRegularFile(path)) {
                return Files.readAllLines(path);
            }
        }
        return fail("docs/cost-model.md not found from " + Path.of("").toAbsolutePath());
    }

    @Test
    void everyConstantAndItsDefaultAppearInTheDocTable() throws Exception {
        List<String> lines = docLines();
        CostConstants d = CostConstants.defaults();
        RecordComponent[] components = CostConstants.class.getRecordComponents();
        assertTrue(components.length > 0);
        for (RecordComponent c : components) {
            String value = String.valueOf(c.getAccessor().invoke(d));
            String key = "`" + c.getName() + "`";
            String row = lines.stream().filter(l -> l.startsWith("| " + key + " |")).findFirst()
                    .orElseGet(() -> fail("no table row for " + key + " in docs/cost-model.md"));
            boolean found = Arrays.stream(row.split("\\|")).map(String::trim).anyMatch(value::equals);
            assertTrue(found, key + " = " + value + " is not the value in its row: " + row);
        }
    }
}
