package org.msqsim.models.scalesim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Test resources under {@code scalesim/}: paths and comment-free CSV rows. */
final class Resources {
    private Resources() {
    }

    static Path path(String name) {
        try {
            return Path.of(Resources.class.getResource("/scalesim/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rows of a reference CSV without its {@code #} comment lines, split at commas. */
    static List<String[]> rows(String name) {
        try {
            return Files.readAllLines(path(name), StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split(","))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
