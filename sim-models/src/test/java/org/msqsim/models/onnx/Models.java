package org.msqsim.models.onnx;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;

/** The two shipped PaddleOCR models (test resources), imported at their PaddleOCR input sizes. */
final class Models {
    static final String CLASSIFIER = "ch_ppocr_mobile_v2.0_cls_infer.onnx";
    static final String DETECTOR = "ch_PP-OCRv4_det_infer.onnx";

    private Models() {
    }

    static Path path(String name) {
        try {
            return Path.of(Models.class.getResource("/onnx/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static ImportedNetwork classifier() {
        return OnnxImporter.read(path(CLASSIFIER), Optional.of(new long[] {1, 3, 48, 192}));
    }

    static ImportedNetwork detector(int h, int w) {
        return OnnxImporter.read(path(DETECTOR), Optional.of(new long[] {1, 3, h, w}));
    }
}
