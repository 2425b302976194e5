package org.msqsim.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The two real PaddleOCR models import with their documented parameter counts. */
class SharedModelsTest {
    @Test
    void classifierImports() {
        ImportedNetwork n = Models.classifier();
        System.out.println(n.network().listing());
        assertEquals(java.util.Map.of("softmax_0.tmp_0", n.network().outputs().get(0)), n.outputs());
    }

    @Test
    void detectorImports() {
        ImportedNetwork n = Models.detector(640, 640);
        System.out.println(n.network().listing());
    }
}
