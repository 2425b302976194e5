package org.msqsim.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.msqsim.cli.report.TextTable;

/**
 * Every {@code --format csv} output carries plain machine-readable numbers — no thousands separators,
 * '.' as the decimal point, ASCII digits — whatever the JVM's default locale (German writes 1.234,5,
 * French 1 234,5 with a no-break space, Egyptian Arabic its own digits; each would break a CSV reader).
 */
class CsvNumbersTest {
    private Locale saved;

    @BeforeEach
    void save() {
        saved = Locale.getDefault();
    }

    @AfterEach
    void restore() {
        Locale.setDefault(saved);
    }

    static Stream<Arguments> outputs() {
        String claims = ValidateCommandTest.claimsDir().resolve("boards.yaml").toString();
        String cfg = ValidateCommandTest.claimsDir().resolve("scalesim/scale_4x4_os.cfg").toString();
        String topo = ValidateCommandTest.claimsDir().resolve("scalesim/tiny.csv").toString();
        return Stream.of(
                Arguments.of(List.of("boards"), Set.of("lut", "ff", "dsp", "bram36", "uram", "ddr_peak_gbps",
                        "clock_mhz", "design_lut_percent", "design_dsp_percent")),
                Arguments.of(List.of("models"), Set.of("layers", "macs", "params")),
                Arguments.of(List.of("quantize", "--synthetic", "16x64"), Set.of("row", "alpha", "mse_fixed",
                        "mse_sp2", "error_ratio", "variance", "kurtosis")),
                Arguments.of(List.of("run", "--layer", "gemm:64x256x128"), Set.of("bits", "sp2_fraction", "cycles",
                        "latency_ms", "gops", "ddr_bytes", "dsp_utilisation", "lut_utilisation", "lut_used",
                        "dsp_used", "bram36_used")),
                Arguments.of(List.of("run", "--model", "resnet18", "--timing-only"), Set.of("cycles", "latency_ms",
                        "macs", "gops", "dsp_utilisation", "lut_utilisation", "ddr_bytes")),
                Arguments.of(List.of("run", "--scalesim-cfg", cfg, "--scalesim-topology", topo),
                        Set.of("compute_cycles", "msqsim_cycles", "macs", "overall_util_percent")),
                Arguments.of(List.of("explore", "--board", "pynq-z2", "--model", "cifar_net", "--grid", "small",
                        "--jobs", "1"), Set.of("index", "sp2_fraction", "rows", "dsp_cols", "dsp_packing", "lut_cols",
                        "clock_mhz", "buffer_scale", "latency_ms", "lut", "ff", "dsp", "bram36", "uram")),
                Arguments.of(List.of("validate", claims), Set.of("expected", "simulated", "deviation",
                        "deviation_percent", "tolerance")));
    }

    @ParameterizedTest
    @MethodSource("outputs")
    void numbersParseBackInAnyLocale(List<String> command, Set<String> numeric) {
        String reference = null;
        for (Locale l : new Locale[] {Locale.ROOT, Locale.GERMANY, Locale.FRANCE, Locale.forLanguageTag("ar-EG")}) {
            Locale.setDefault(l);
            List<String> args = new ArrayList<>(command);
            args.addAll(List.of("--format", "csv"));
            CliRunner r = CliRunner.run(args.toArray(String[]::new));
            assertEquals(0, r.code(), l + " " + command + ": " + r.err());
            List<List<String>> rows = parse(r.out());
            List<String> header = rows.get(0);
            assertTrue(header.containsAll(numeric), "columns " + numeric + " in " + header);
            assertTrue(rows.size() > 1, r.out());
            int cells = 0;
            for (List<String> row : rows.subList(1, rows.size())) {
                assertEquals(header.size(), row.size(), "row " + row);
                for (int i = 0; i < row.size(); i++) {
                    String cell = row.get(i);
                    if (!numeric.contains(header.get(i)) || cell.isEmpty()) {
                        continue;
                    }
                    assertTrue(cell.matches("-?[0-9]+(\\.[0-9]+)?"), l + " " + header.get(i) + ": '" + cell + "'");
                    assertDoesNotThrow(() -> Double.parseDouble(cell));
                    cells++;
                }
            }
            assertTrue(cells > 0, "some numbers were checked");
            if (reference == null) {
                reference = r.out();
            } else {
                assertEquals(reference, r.out(), "the same bytes in " + l);
            }
        }
    }

    @Test
    void plainNumbers() {
        assertEquals("1814073344", TextTable.plain(1_814_073_344d));
        assertEquals("0.000065", TextTable.plain(6.5e-5));
        assertEquals("-2.5", TextTable.plain(-2.5));
        assertEquals("0.1", TextTable.plain(0.1));
        assertEquals("", TextTable.plain(Double.NaN));
        assertEquals("", TextTable.plain(Double.POSITIVE_INFINITY));
        assertFalse(TextTable.plain(1e20).contains("E"));
    }

    /** RFC 4180: commas separate cells, double quotes enclose cells with commas or quotes ("" is one quote). */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : csv.split("\n")) {
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        cell.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else {
                    cell.append(c);
                }
            }
            cells.add(cell.toString());
            rows.add(cells);
        }
        return rows;
    }
}
