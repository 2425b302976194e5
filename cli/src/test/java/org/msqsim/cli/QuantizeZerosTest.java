package org.msqsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 item 17: an all-zero layer's summary says it is exact rather than printing "n/ax" and "1x". */
class QuantizeZerosTest {

    /** A version-1.0 float32 .npy of {@code rows × cols} zeros. */
    static Path zeros(Path dir, int rows, int cols) throws IOException {
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        StringBuilder h = new StringBuilder(header);
        while ((10 + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        byte[] hb = h.toString().getBytes(StandardCharsets.US_ASCII);
        b.write(hb.length & 0xff);
        b.write(hb.length >> 8);
        b.write(hb);
        b.write(new byte[rows * cols * 4]);
        Path f = dir.resolve("zeros.npy");
        Files.write(f, b.toByteArray());
        return f;
    }

    @Test
    void anAllZeroLayerSummarySaysEveryAssignmentIsExact(@TempDir Path dir) throws IOException {
        CliRunner r = CliRunner.run("quantize", "--weights", zeros(dir, 4, 9).toString(), "--summary");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains("n/a"), r.out());
        assertFalse(r.out().contains("1x"), r.out());
        assertTrue(r.out().contains("every assignment is exact (MSE 0: all weights are zero)"), r.out());
        assertTrue(r.out().contains("all fixed-point               0             -"), r.out());
    }
}
