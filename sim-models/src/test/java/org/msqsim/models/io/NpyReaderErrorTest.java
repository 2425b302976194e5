package org.msqsim.models.io;

import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.msqsim.models.io.NpyBytes.dict;
import static org.msqsim.models.io.NpyBytes.f4;
import static org.msqsim.models.io.NpyBytes.f8;
import static org.msqsim.models.io.NpyBytes.npy;
import static org.msqsim.models.io.NpyBytes.write;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each kind of malformed file gets its own message, starting with the file's path. */
class NpyReaderErrorTest {
    private static final byte[] SIX_FLOATS = f4(LITTLE_ENDIAN, 1, 2, 3, 4, 5, 6);

    @TempDir
    Path dir;

    private String failure(byte[] bytes) {
        Path f = write(dir, "bad.npy", bytes);
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> NpyReader.readMatrix(f));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        assertEquals(f, e.file());
        assertEquals(f + ": " + e.problem(), e.getMessage());
        // Issue 11 item 2: the check before a run is the same set of checks, in the same words
        assertEquals(e.getMessage(), assertThrows(NpyFormatException.class, () -> NpyReader.check(f)).getMessage());
        return e.problem();
    }

    private static void assertStarts(String expectedStart, String problem) {
        assertTrue(problem.startsWith(expectedStart), "expected '" + expectedStart + "...', got: " + problem);
    }

    @Test
    void badMagic() {
        assertStarts("bad magic: not a NumPy .npy file (expected 93 4e 55 4d 50 59, file starts with 68 65 6c",
                failure("hello, world\n".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void emptyFileIsBadMagic() {
        assertStarts("bad magic: not a NumPy .npy file", failure(new byte[0]));
    }

    @ParameterizedTest
    @CsvSource({"4, 0", "1, 1", "0, 0"})
    void unsupportedVersion(int major, int minor) {
        byte[] bytes = npy(1, dict("<f4", false, "(2, 3)"), SIX_FLOATS);
        bytes[6] = (byte) major;
        bytes[7] = (byte) minor;
        assertEquals("unsupported format version " + major + "." + minor + " (supported: 1.0, 2.0, 3.0)",
                failure(bytes));
    }

    @Test
    void fileEndingInsideThePrelude() {
        byte[] bytes = npy(2, dict("<f4", false, "(2, 3)"), SIX_FLOATS);
        assertEquals("truncated header: file ends after 10 bytes", failure(Arrays.copyOf(bytes, 10)));
    }

    @Test
    void truncatedHeader() {
        byte[] bytes = npy(1, dict("<f4", false, "(2, 3)"), SIX_FLOATS);
        assertEquals("truncated header (header length 118 bytes, but only 40 bytes follow)",
                failure(Arrays.copyOf(bytes, 50)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "<i4 ; unsupported dtype '<i4' (supported: '<f4', '>f4', '<f8', '>f8', '|i1')",
        "<f2 ; unsupported dtype '<f2' (supported: '<f4', '>f4', '<f8', '>f8', '|i1')",
        "|O  ; unsupported dtype '|O' (supported: '<f4', '>f4', '<f8', '>f8', '|i1')",
    })
    void unsupportedDtype(String descr, String expected) {
        assertEquals(expected, failure(npy(1, dict(descr, false, "(2, 3)"), SIX_FLOATS)));
    }

    @Test
    void structuredDtype() {
        String header = "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (6,), }";
        assertEquals("unsupported dtype: structured (record) arrays are not supported",
                failure(npy(1, header, SIX_FLOATS)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'descr': '<f4', 'fortran_order': False} | header parse error: missing key 'shape'",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (6,), 'extra': 1} | header parse error at offset 56: unknown key 'extra'",
        "{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (6,)} | header parse error at offset 17: duplicate key 'descr'",
        "{'descr': '<f4', 'fortran_order': 'no', 'shape': (6,)} | header parse error at offset 34: expected True or False",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (6)} | header parse error at offset 50: 'shape' is not a tuple",
        "{'descr': '<f4', 'fortran_order': False, 'shape': [6]} | header parse error at offset 50: expected '('",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (-6,)} | header parse error at offset 51: expected a non-negative integer",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999,)} | header parse error at offset 51: dimension 99999999999 is too large",
        "{'descr': '<f4' 'fortran_order': False, 'shape': (6,)} | header parse error at offset 16: expected ',' or '}'",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (6,)} x | header parse error at offset 56: unexpected text after",
        "'descr': '<f4' | header parse error at offset 0: expected '{'",
        "{'descr: '<f4', 'fortran_order': False, 'shape': (6,)} | header parse error at offset 1: unknown key 'descr: '",
        "{descr: '<f4', 'fortran_order': False, 'shape': (6,)} | header parse error at offset 1: expected a quoted string",
    })
    void headerParseErrors(String header, String expectedStart) {
        assertStarts(expectedStart, failure(npy(1, header, SIX_FLOATS)));
    }

    @Test
    void parseErrorQuotesTheHeader() {
        String problem = failure(npy(1, "{'descr': '<f4'}", SIX_FLOATS));
        assertTrue(problem.endsWith("in \"{'descr': '<f4'}\""), problem);
    }

    @Test
    void invalidUtf8InVersion3Header() {
        byte[] bytes = npy(3, dict("<f4", false, "(6,)"), SIX_FLOATS);
        bytes[12 + 3] = (byte) 0xff;
        assertEquals("header parse error: version 3.0 header is not valid UTF-8", failure(bytes));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "(1, 2, 3)       | shape has 3 dims (1, 2, 3); expected 1 (n,), 2 (rows, cols) or 4 (K, C, R, S)",
        "()              | shape has 0 dims (); expected 1 (n,), 2 (rows, cols) or 4 (K, C, R, S)",
        "(1, 1, 1, 2, 3) | shape has 5 dims (1, 1, 1, 2, 3); expected 1 (n,), 2 (rows, cols) or 4 (K, C, R, S)",
        "(0, 9)          | shape (0, 9) has no elements",
        "(2147483647, 2) | shape (2147483647, 2) is too large (over 2 GiB of data)",
    })
    void unusableShapes(String shape, String expected) {
        assertEquals(expected, failure(npy(1, dict("<f4", false, shape), SIX_FLOATS)));
    }

    @Test
    void truncatedData() {
        byte[] bytes = npy(1, dict("<f4", false, "(2, 3)"), SIX_FLOATS);
        assertEquals("truncated data (expected 24 bytes got 20)", failure(Arrays.copyOf(bytes, bytes.length - 4)));
    }

    @Test
    void trailingData() {
        byte[] bytes = npy(1, dict("<f4", false, "(2, 3)"), SIX_FLOATS);
        assertEquals("trailing bytes after the data (expected 24 bytes got 25)",
                failure(Arrays.copyOf(bytes, bytes.length + 1)));
    }

    @Test
    void nonFiniteFloat32() {
        byte[] data = f4(LITTLE_ENDIAN, 1, 2, 3, 4, 5, Float.NaN, Float.NEGATIVE_INFINITY, 8);
        assertEquals("non-finite values: 2 of 8 (first NaN at row 1, column 1)",
                failure(npy(1, dict("<f4", false, "(2, 4)"), data)));
    }

    @Test
    void nonFiniteIsReportedAtItsLogicalPositionInFortranOrder() {
        // Column-major 2x2: stored index 1 is row 1, column 0.
        byte[] data = f4(LITTLE_ENDIAN, 1, Float.POSITIVE_INFINITY, 3, 4);
        assertEquals("non-finite values: 1 of 4 (first Infinity at row 1, column 0)",
                failure(npy(1, dict("<f4", true, "(2, 2)"), data)));
    }

    @Test
    void float64OutOfFloat32Range() {
        byte[] data = f8(LITTLE_ENDIAN, 1, -1e300);
        assertEquals("value -1.0E300 at row 0, column 1 is out of float32 range",
                failure(npy(1, dict("<f8", false, "(2,)"), data)));
    }

    /** Issue 11 item 2: the check reads the data in pieces, yet finds a bad value far into a large file. */
    @Test
    void checkFindsABadValueBeyondTheFirstPiece() {
        float[] values = new float[600_000];
        values[599_999] = Float.NaN;
        values[300_001] = Float.NEGATIVE_INFINITY;
        Path f = write(dir, "big.npy", npy(1, dict("<f4", false, "(1000, 600)"), f4(LITTLE_ENDIAN, values)));
        String want = f + ": non-finite values: 2 of 600000 (first -Infinity at row 500, column 1)";
        assertEquals(want, assertThrows(NpyFormatException.class, () -> NpyReader.check(f)).getMessage());
        assertEquals(want, assertThrows(NpyFormatException.class, () -> NpyReader.readMatrix(f)).getMessage());
        values[599_999] = 0;
        values[300_001] = 0;
        Path g = write(dir, "good.npy", npy(1, dict("<f4", false, "(1000, 600)"), f4(LITTLE_ENDIAN, values)));
        NpyReader.Checked c = NpyReader.check(g);
        assertEquals(List.of(1000, 600), List.of(c.rows(), c.cols()));
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("absent.npy");
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> NpyReader.readMatrix(f));
        assertTrue(e.getMessage().startsWith(f + ": cannot read file (java.nio.file.NoSuchFileException"),
                e.getMessage());
    }
}
