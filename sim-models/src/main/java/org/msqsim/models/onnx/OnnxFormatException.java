package org.msqsim.models.onnx;

import java.nio.file.Path;

/**
 * An ONNX file msqsim cannot read or map, as one line that names the file, and the node, tensor or
 * field where the problem is.
 */
public final class OnnxFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OnnxFormatException(Path file, String message) {
        super(file + ": " + message);
    }
}
