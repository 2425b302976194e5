package org.msqsim.models.io;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.msqsim.models.io.NpyBytes.dict;
import static org.msqsim.models.io.NpyBytes.f4;
import static org.msqsim.models.io.NpyBytes.f8;
import static org.msqsim.models.io.NpyBytes.npy;
import static org.msqsim.models.io.NpyBytes.write;

import java.net.URISyntaxException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.msqsim.models.tensor.FloatMatrix;

/** Well-formed files of every supported dtype, order, rank and format version. */
class NpyReaderTest {
    private static final float[] ROW_MAJOR_2X3 = {1.5f, -2f, 3.25f, 4f, -0.125f, 6f};

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void float32LittleEndianInEveryVersion(int major) {
        Path f = write(dir, "a.npy", npy(major, dict("<f4", false, "(2, 3)"), f4(LITTLE_ENDIAN, ROW_MAJOR_2X3)));
        FloatMatrix m = NpyReader.readMatrix(f);
        assertEquals(2, m.rows());
        assertEquals(3, m.cols());
        assertArrayEquals(ROW_MAJOR_2X3, m.toArray());
    }

    @Test
    void float32BigEndian() {
        Path f = write(dir, "a.npy", npy(1, dict(">f4", false, "(2, 3)"), f4(BIG_ENDIAN, ROW_MAJOR_2X3)));
        assertArrayEquals(ROW_MAJOR_2X3, NpyReader.readMatrix(f).toArray());
    }

    @ParameterizedTest
    @CsvSource({"<f8, LITTLE", ">f8, BIG"})
    void float64IsRoundedToNearestFloat(String descr, String order) {
        double[] values = {0.1, -1e-3, 3.0, 1e30, -2.5e-7, 0};
        ByteOrder bo = order.equals("BIG") ? BIG_ENDIAN : LITTLE_ENDIAN;
        Path f = write(dir, "a.npy", npy(1, dict(descr, false, "(3, 2)"), f8(bo, values)));
        FloatMatrix m = NpyReader.readMatrix(f);
        assertEquals(3, m.rows());
        for (int i = 0; i < values.length; i++) {
            assertEquals((float) values[i], m.get(i / 2, i % 2));
        }
    }

    @Test
    void int8KeepsSign() {
        byte[] data = {-128, -1, 0, 1, 127, 42};
        Path f = write(dir, "a.npy", npy(1, dict("|i1", false, "(2, 3)"), data));
        assertArrayEquals(new float[] {-128, -1, 0, 1, 127, 42}, NpyReader.readMatrix(f).toArray());
    }

    @Test
    void fortranOrder2dIsTransposedToRowMajor() {
        // Column-major storage of [[1.5, -2, 3.25], [4, -0.125, 6]]: columns one after another.
        float[] colMajor = {1.5f, 4f, -2f, -0.125f, 3.25f, 6f};
        Path f = write(dir, "a.npy", npy(1, dict("<f4", true, "(2, 3)"), f4(LITTLE_ENDIAN, colMajor)));
        assertArrayEquals(ROW_MAJOR_2X3, NpyReader.readMatrix(f).toArray());
    }

    @Test
    void oneDimensionalIsOneRow() {
        Path f = write(dir, "a.npy", npy(1, dict("<f4", false, "(4,)"), f4(LITTLE_ENDIAN, 1, 2, 3, 4)));
        FloatMatrix m = NpyReader.readMatrix(f);
        assertEquals(1, m.rows());
        assertArrayEquals(new float[] {1, 2, 3, 4}, m.toArray());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void convKernel4dIsLoweredToKRowsInCrsOrder(boolean fortran) {
        int k = 3;
        int c = 2;
        int r = 3;
        int s = 2;
        float[] stored = new float[k * c * r * s];
        for (int ki = 0; ki < k; ki++) {
            for (int ci = 0; ci < c; ci++) {
                for (int ri = 0; ri < r; ri++) {
                    for (int si = 0; si < s; si++) {
                        int at = fortran ? ki + k * (ci + c * (ri + r * si)) : ((ki * c + ci) * r + ri) * s + si;
                        stored[at] = code(ki, ci, ri, si);
                    }
                }
            }
        }
        Path f = write(dir, "a.npy", npy(1, dict("<f4", fortran, "(3, 2, 3, 2)"), f4(LITTLE_ENDIAN, stored)));
        FloatMatrix m = NpyReader.readMatrix(f);
        assertEquals(k, m.rows());
        assertEquals(c * r * s, m.cols());
        for (int ki = 0; ki < k; ki++) {
            int col = 0;
            for (int ci = 0; ci < c; ci++) {
                for (int ri = 0; ri < r; ri++) {
                    for (int si = 0; si < s; si++) {
                        assertEquals(code(ki, ci, ri, si), m.get(ki, col++));
                    }
                }
            }
        }
    }

    private static float code(int k, int c, int r, int s) {
        return 1000 * k + 100 * c + 10 * r + s;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{'shape': (2, 3), 'fortran_order': False, 'descr': '<f4'}",
        "{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (2, 3)}",
        "{'descr':'<f4','fortran_order':False,'shape':(2,3,),}",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2L, 3L), }",
    })
    void headerSpellingsNumpyCanWrite(String header) {
        Path f = write(dir, "a.npy", npy(1, header, f4(LITTLE_ENDIAN, ROW_MAJOR_2X3)));
        assertArrayEquals(ROW_MAJOR_2X3, NpyReader.readMatrix(f).toArray());
    }

    @Test
    void readHeaderReportsDtypeOrderAndShape() {
        Path f = write(dir, "a.npy", npy(2, dict("|i1", true, "(2, 1, 3, 1)"), new byte[6]));
        assertEquals(new NpyHeader(NpyDtype.INT8, true, List.of(2, 1, 3, 1)), NpyReader.readHeader(f));
    }

    /** Real trained weights, copied from the project's shared data into the test resources (README there). */
    @ParameterizedTest
    @CsvSource({
        "mobilenet_v2.block_5_expand__kernel.npy, 192, 32",
        "mobilenet_v2.block_13_depthwise__depthwise_kernel.npy, 576, 9",
    })
    void realFilesFromTestResources(String name, int rows, int cols) throws URISyntaxException {
        Path f = Path.of(getClass().getResource("/weights/" + name).toURI());
        assertTrue(Files.exists(f.resolveSibling("LICENSE.nsfwjs")), "licence must sit beside the weights");
        FloatMatrix m = NpyReader.readMatrix(f);
        assertEquals(rows, m.rows());
        assertEquals(cols, m.cols());
        assertRealistic(m);
    }

    /** A file of the size of MobileNet-v2's final 1×1 conv kernel (1280 × 320, 1.6 MB) is read whole. */
    @Test
    void megabyteMatrixIsReadWhole() {
        int rows = 1280;
        int cols = 320;
        float[] values = new float[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i % 2001 - 1000) / 1024f;
        }
        Path f = write(dir, "a.npy", npy(1, dict("<f4", false, "(1280, 320)"), f4(LITTLE_ENDIAN, values)));
        FloatMatrix m = NpyReader.readMatrix(f);
        assertEquals(rows, m.rows());
        assertEquals(cols, m.cols());
        assertArrayEquals(values, m.toArray());
    }

    /** Finite (the reader guarantees it; checked again here), not all zero, and weight-sized. */
    private static void assertRealistic(FloatMatrix m) {
        double maxAbs = 0;
        for (float v : m.toArray()) {
            assertTrue(Float.isFinite(v));
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        assertTrue(maxAbs > 0 && maxAbs < 100, "max |w| = " + maxAbs);
    }
}
