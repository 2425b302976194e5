package org.msqsim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.msqsim.core.spec.InvalidSpecException;
import org.msqsim.models.explore.ExploreGrid;

/** The sweep file reader: the reference file is valid and lists exactly the accepted keys; bad files fail whole. */
class SweepSpecReaderTest {
    private static final Path HERE = Path.of(".");

    static String reference() throws IOException {
        try (InputStream in = SweepSpecReader.class.getResourceAsStream("/sweep/reference.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void referenceIsAValidSweepFileWithExploresDefaults() throws IOException {
        SweepSpec s = SweepSpecReader.parse("reference.yaml", reference(), HERE);
        assertEquals(List.of("zc706", "pynq-z2"), s.boards().stream().map(SweepSpec.BoardRef::name).toList());
        assertEquals(List.of("resnet18"), s.models());
        assertEquals(List.of(4), s.bits());
        assertEquals(ExploreGrid.standard(), s.grid());
        assertEquals(SweepSpec.Ceilings.standard(), s.ceilings());
        assertEquals(SweepSpec.Mode.TIMING, s.mode());
        assertEquals(SweepSpec.Keep.ALL, s.keep());
    }

    @Test
    void referenceDocumentsExactlyTheAcceptedKeys() throws IOException {
        JsonNode doc = new YAMLMapper().readTree(reference());
        Set<String> keys = new LinkedHashSet<>();
        collect("", doc, keys);
        assertEquals(SweepSpecReader.keyPaths(), keys);
    }

    private static void collect(String prefix, JsonNode n, Set<String> out) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            String path = prefix.isEmpty() ? k : prefix + "." + k;
            out.add(path);
            if (n.get(k).isObject()) {
                collect(path, n.get(k), out);
            }
        }
    }

    @Test
    void minimalFileTakesExploresDefaults() {
        SweepSpec s = SweepSpecReader.parse("s.yaml", "boards: [zc706]\nmodels: [cifar_net]\n", HERE);
        assertEquals(List.of(), s.bits());
        assertEquals(ExploreGrid.standard(), s.grid());
        assertEquals(1, SweepCase.of(s).size());
    }

    @Test
    void everyProblemIsOneLineNamingFileKeyAndValue() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> SweepSpecReader.parse("s.yaml", """
                boards: [zc706, zc706, nosuchboard]
                models: [resnet81]
                bits: [2]
                mode: exact
                grid:
                  rowz: [8]
                  fraction_steps: 0.5
                ceilings:
                  lut: 1.5
                """, HERE));
        List<String> p = e.problems();
        assertTrue(p.contains("s.yaml:boards[1]: \"zc706\" — listed twice"), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.startsWith("s.yaml:boards[2]: nosuchboard: unknown board")), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.startsWith("s.yaml:models[0]: \"resnet81\" — unknown model; did you "
                + "mean 'resnet18'?")), p.toString());
        assertTrue(p.contains("s.yaml:bits[0]: 2 — must be a width from 3 to 8 bits"), p.toString());
        assertTrue(p.contains("s.yaml:mode: \"exact\" — must be one of timing, bit-exact"), p.toString());
        assertTrue(p.contains("s.yaml:grid.rowz: [8] — unknown key; did you mean 'rows'?"), p.toString());
        assertTrue(p.contains("s.yaml:grid.fraction_steps: 0.5 — must be a whole number"), p.toString());
        assertTrue(p.contains("s.yaml:ceilings.lut: 1.5 — must be a utilisation in (0, 1]"), p.toString());
        assertEquals(8, p.size(), p.toString());
        p.forEach(line -> assertTrue(!line.contains("\n"), line));
    }

    @Test
    void missingRequiredKeysAndUnknownTopLevelKeys() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> SweepSpecReader.parse("s.yaml", "board: [zc706]\n", HERE));
        assertEquals(List.of("s.yaml:board: [\"zc706\"] — unknown key; did you mean 'boards'?",
                "s.yaml:boards: required key is missing (a list; see sweep/reference.yaml)",
                "s.yaml:models: required key is missing (a list; see sweep/reference.yaml)"), e.problems());
    }

    @Test
    void syntaxErrorsDuplicateKeysAndNonMappingsAreOneLine() {
        for (String bad : List.of("boards: [zc706\n", "boards: [zc706]\nboards: [kv260]\nmodels: [cifar_net]\n",
                "- zc706\n", "")) {
            InvalidSpecException e = assertThrows(InvalidSpecException.class,
                    () -> SweepSpecReader.parse("s.yaml", bad, HERE));
            assertEquals(1, e.problems().size(), bad + " -> " + e.problems());
            assertTrue(e.problems().get(0).startsWith("s.yaml"), e.problems().toString());
        }
    }

    @Test
    void boardFilesResolveAgainstTheSweepFilesFolder() {
        Path boards = Path.of("..", "boards", "src", "main", "resources", "boards");
        SweepSpec s = SweepSpecReader.parse("s.yaml", "boards: [kv260.yaml]\nmodels: [cifar_net]\n", boards);
        assertTrue(s.boards().get(0).text().contains("id: kv260"));
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> SweepSpecReader.parse("s.yaml", "boards: [nope.yaml]\nmodels: [cifar_net]\n", boards));
        assertTrue(e.problems().get(0).startsWith("s.yaml:boards[0]: "), e.problems().toString());
        assertTrue(e.problems().get(0).contains("nope.yaml: no such file"), e.problems().toString());
    }
}
