package org.msqsim.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.msqsim.cli.io.UserError;
import org.msqsim.models.graph.Network;
import org.msqsim.models.onnx.ImportedNetwork;
import org.msqsim.models.onnx.OnnxFormatException;
import org.msqsim.models.onnx.OnnxImporter;
import org.msqsim.models.zoo.ModelZoo;

/**
 * What {@code --model} names: a built-in network, or an ONNX file ({@code *.onnx}) imported with its
 * trained weights; {@code --input-shape NxCxHxW} fixes a symbolic input.
 */
record ModelArg(Network network, Optional<ImportedNetwork> imported) {

    static boolean isOnnx(String model) {
        return model != null && model.toLowerCase(java.util.Locale.ROOT).endsWith(".onnx");
    }

    /** @throws UserError one line naming the flag, the file and the problem */
    static ModelArg load(String flag, String model, String inputShape) {
        if (!isOnnx(model)) {
            if (inputShape != null) {
                throw new UserError("--input-shape applies to ONNX models (--model FILE.onnx), not to " + model);
            }
            try {
                return new ModelArg(ModelZoo.get(model), Optional.empty());
            } catch (IllegalArgumentException e) {
                throw new UserError(flag + ": " + e.getMessage());
            }
        }
        try {
            ImportedNetwork n = OnnxImporter.read(Path.of(model), parseShape(inputShape));
            return new ModelArg(n.network(), Optional.of(n));
        } catch (OnnxFormatException e) {
            throw new UserError(flag + " " + e.getMessage());
        } catch (java.nio.file.InvalidPathException e) {
            throw new UserError(flag + ": invalid path " + model);
        }
    }

    static Optional<long[]> parseShape(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] parts = text.split("x", -1);
        long[] d = new long[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                d[i] = Long.parseLong(parts[i]);
                if (d[i] < 1) {
                    throw new NumberFormatException();
                }
            }
        } catch (NumberFormatException e) {
            throw new UserError("--input-shape must be positive integers joined by x, e.g. 1x3x224x224; got " + text);
        }
        return Optional.of(d);
    }
}
