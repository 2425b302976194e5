package org.msqsim.cli.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The metric path syntax: parsing, and resolving against JSON like the commands print. */
class ClaimPathTest {
    private static final JsonNode RUN = tree("""
            {"latency_ms": 9.5, "bit_exact": null,
             "layers": [{"name": "conv1", "cycles": 10}, {"name": "layer1.0.conv1", "cycles": 20},
                        {"name": "Test 1", "cycles": 30}, {"name": "dup", "cycles": 1}, {"name": "dup", "cycles": 2}],
             "resources": {"dsp": {"used": 707, "available": 900}}}""");
    private static final JsonNode BOARDS = tree("""
            [{"id": "pynq-z2", "ddr_peak_gbps": 2.1}, {"id": "zc706", "ddr_peak_gbps": 12.8}, {"id": 7, "x": 1}]""");

    private static JsonNode tree(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void parsesKeysIndicesAndSelections() {
        assertEquals(List.of(new ClaimPath.Key("latency_ms")), ClaimPath.parse("latency_ms").steps());
        assertEquals(List.of(new ClaimPath.Key("layers"), new ClaimPath.Index(3), new ClaimPath.Key("cycles")),
                ClaimPath.parse("layers[3].cycles").steps());
        assertEquals(List.of(new ClaimPath.Select("id", "zc706"), new ClaimPath.Key("ddr_peak_gbps")),
                ClaimPath.parse("[id=zc706].ddr_peak_gbps").steps());
        assertEquals(List.of(new ClaimPath.Key("layers"), new ClaimPath.Select("name", "layer1.0.conv1"),
                new ClaimPath.Key("cycles")), ClaimPath.parse("layers[name=layer1.0.conv1].cycles").steps());
        assertEquals(List.of(new ClaimPath.Key("a"), new ClaimPath.Index(0), new ClaimPath.Index(1)),
                ClaimPath.parse("a[0][1]").steps());
        assertEquals(List.of(new ClaimPath.Key("resources"), new ClaimPath.Key("dsp"), new ClaimPath.Key("used")),
                ClaimPath.parse("resources.dsp.used").steps());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                 | empty path",
        ".a                 | a path cannot start with '.'",
        "a.                 | expected a key (letters, digits, '_') at 3",
        "a..b               | expected a key (letters, digits, '_') at 3",
        "layers[3           | '[' at 7 is not closed by ']'",
        "layers[]           | [] at 7 is neither an index [3] nor a selection [field=value]",
        "layers[-1]         | [-1] at 7 is neither an index [3] nor a selection [field=value]",
        "layers[name=]      | [name=] at 7 is neither an index [3] nor a selection [field=value]",
        "layers[=x]         | [=x] at 7 is neither an index [3] nor a selection [field=value]",
        "layers[3]cycles    | expected '.' or '[' at 10, found 'c'",
        "1abc               | expected a key (letters, digits, '_') at 1",
        "a-b                | expected '.' or '[' at 2, found '-'",
        "layers[99999999999] | index [99999999999] at 7 is too large"})
    void rejectsBadSyntaxSayingWhere(String path, String why) {
        assertEquals(why, assertThrows(IllegalArgumentException.class, () -> ClaimPath.parse(path)).getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "latency_ms                       | 9.5",
        "layers[1].cycles                 | 20",
        "layers[name=layer1.0.conv1].cycles | 20",
        "layers[name=Test 1].cycles       | 30",
        "resources.dsp.used               | 707"})
    void resolvesAgainstRunOutput(String path, String value) {
        assertEquals(value, ClaimPath.parse(path).resolve(RUN).asText());
    }

    @Test
    void resolvesFromAnArrayRootAndMatchesNumbersAsText() {
        assertEquals(12.8, ClaimPath.parse("[id=zc706].ddr_peak_gbps").resolve(BOARDS).doubleValue());
        assertEquals(1, ClaimPath.parse("[id=7].x").resolve(BOARDS).intValue());
        assertEquals(2.1, ClaimPath.parse("[0].ddr_peak_gbps").resolve(BOARDS).doubleValue());
        assertEquals(true, ClaimPath.parse("bit_exact").resolve(RUN).isNull());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "latency     | the output has no key 'latency' (keys: latency_ms, bit_exact, layers, resources)",
        "resources.dsp.usd | 'resources.dsp' has no key 'usd' (keys: used, available)",
        "layers[5]   | 'layers' has 5 elements, no index 5",
        "layers.name | 'layers' is an array, not an object with key 'name'",
        "latency_ms[0] | 'latency_ms' is the value 9.5, not an array",
        "layers[name=dup] | 'layers' has more than one element with name=dup",
        "layers[name=conv9] | 'layers' has no element with name=conv9 (name: conv1, layer1.0.conv1, Test 1, dup, dup)",
        "layers[id=x] | 'layers' has no element with id=x (no element has a 'id')",
        "layers[0].cycles.x | 'layers[0].cycles' is the value 10, not an object with key 'x'"})
    void namesTheStepThatDoesNotMatch(String path, String why) {
        assertEquals(why, assertThrows(IllegalArgumentException.class,
                () -> ClaimPath.parse(path).resolve(RUN)).getMessage());
    }

    @Test
    void tolerancesAreInclusiveAndExactMeansExact() {
        assertEquals(true, ClaimTolerance.EXACT.accepts(14, 14));
        assertEquals(false, ClaimTolerance.EXACT.accepts(12.8, Math.nextUp(12.8)));
        ClaimTolerance abs = new ClaimTolerance(ClaimTolerance.Kind.ABSOLUTE, 0.5);
        assertEquals(true, abs.accepts(77, 76.5));
        assertEquals(false, abs.accepts(77, 76.49));
        ClaimTolerance rel = new ClaimTolerance(ClaimTolerance.Kind.RELATIVE, 0.01);
        assertEquals(true, rel.accepts(-200, -198));
        assertEquals(false, rel.accepts(1.8e9, 1.82e9));
        assertEquals("±1 %", rel.describe());
        assertEquals("±0.5", abs.describe());
        assertThrows(IllegalArgumentException.class, () -> new ClaimTolerance(ClaimTolerance.Kind.ABSOLUTE, -1));
    }
}
