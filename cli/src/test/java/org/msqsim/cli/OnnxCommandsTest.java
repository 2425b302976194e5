package org.msqsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The commands on ONNX files: {@code models}, {@code quantize --model}, and bad input as one line
 * with exit code 2 (the tests run from the repository root, see cli/pom.xml).
 */
class OnnxCommandsTest {
    /** From the module directory (the default surefire execution) or the repository root (with -Dtest). */
    private static final String ROOT = java.nio.file.Files.isDirectory(java.nio.file.Path.of("sim-models")) ? "" : "../";
    private static final String CLS = ROOT + "sim-models/src/test/resources/onnx/ch_ppocr_mobile_v2.0_cls_infer.onnx";

    @Test
    void modelsListsAnOnnxFile() {
        CliRunner r = CliRunner.run("models", CLS, "--input-shape", "1x3x48x192");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("total (109 layers)"), r.out());
        assertTrue(r.out().contains("conv:48x192x3->8,3x3,s2,p1,bias"), r.out());
    }

    @Test
    void quantizeAWholeNetwork() {
        CliRunner r = CliRunner.run("quantize", "--model", "cifar_net", "--format", "csv");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("layer,kind,rows,cols,sp2_rows,mse_msq,mse_fixed,mse_sp2,msq/fixed,sp2/fixed\n"));
        assertEquals(7, r.out().split("\n").length, r.out()); // header, 5 layers, total
        CliRunner t = CliRunner.run("quantize", "--model", CLS, "--input-shape", "1x3x48x192");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("total (54 layers, 124,072 weights)"), t.out());
    }

    @Test
    void badInputIsOneLine() {
        String[][] cases = {
            {"run", "--model", "missing.onnx"},
            {"run", "--model", CLS}, // a dynamic input shape without --input-shape
            {"run", "--model", CLS, "--input-shape", "1x3x48"},
            {"run", "--model", CLS, "--input-shape", "1x3xAx4"},
            {"run", "--model", CLS, "--input-shape", "1x3x48x192", "--weights", "."},
            {"run", "--model", "resnet18", "--input-shape", "1x3x224x224"},
            {"models", ROOT + "README.md.onnx"},
            {"accuracy", "--model", CLS, "--input-shape", "1x3x48x192", "--input", ROOT + "README.md"},
        };
        for (String[] c : cases) {
            CliRunner r = CliRunner.run(c);
            assertEquals(2, r.code(), String.join(" ", c) + ": " + r.out() + r.err());
            assertEquals(1, r.err().strip().split("\n").length, r.err());
            assertTrue(r.err().startsWith("msqsim: "), r.err());
            assertTrue(!r.err().contains("\tat "), r.err());
        }
    }
}
