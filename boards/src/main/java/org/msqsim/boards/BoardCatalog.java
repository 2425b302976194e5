package org.msqsim.boards;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.spec.InvalidSpecException;

/**
 * The built-in boards, listed here explicitly (no classpath scan), each in
 * {@code boards/<id>.yaml} on the classpath; and the one place that turns a command-line board
 * argument, an id or a path to a YAML file, into a {@link BoardSpec}.
 */
public final class BoardCatalog {
    /** Built-in board ids, smallest device first; each names {@code boards/<id>.yaml}. */
    private static final List<String> IDS = List.of("pynq-z2", "zedboard", "ultra96-v2", "kv260", "zc706",
            "zcu104", "zcu102", "u250");

    private BoardCatalog() {
    }

    /** The ids of the built-in boards. */
    public static List<String> ids() {
        return IDS;
    }

    /** Every built-in board, loaded and validated, in {@link #ids()} order. */
    public static List<BoardSpec> all() {
        return Loaded.ALL;
    }

    /**
     * {@link #get(String)} with its named design {@code design} as the accelerator (e.g. a board's
     * {@code budget-rule} design, the seed its default is derived from).
     *
     * @throws IllegalArgumentException when the board has no such design
     */
    public static BoardSpec get(String idOrPath, String design) {
        BoardSpec b = get(idOrPath);
        return b.withAccelerator(b.design(design).orElseThrow(() -> new IllegalArgumentException(b.id()
                + " has no design '" + design + "'; it has " + String.join(", ", b.designNames()))));
    }

    /**
     * A built-in board by id, or a board file by path (anything that is not a built-in id).
     *
     * @throws InvalidSpecException when the name is neither a built-in id nor an existing file
     *                              (listing the known ids), or when the file has problems
     */
    public static BoardSpec get(String idOrPath) {
        int i = IDS.indexOf(idOrPath);
        if (i >= 0) {
            return builtIn(i);
        }
        Path file = Path.of(idOrPath);
        if (Files.isDirectory(file)) {
            throw new InvalidSpecException(List.of(idOrPath + ": is a directory, not a board file"));
        }
        if (!Files.exists(file) && looksLikePath(idOrPath)) {
            throw new InvalidSpecException(List.of(idOrPath + ": no such file (give a built-in board id: "
                    + String.join(", ", IDS) + "; or the path of a board YAML file)"));
        }
        if (!file.toFile().isFile()) {
            Optional<String> close = Suggestions.closest(idOrPath, IDS);
            throw new InvalidSpecException(List.of(idOrPath + ": unknown board"
                    + close.map(c -> "; did you mean '" + c + "'?").orElse("")
                    + "; known boards: " + String.join(", ", IDS) + "; or give the path of a board YAML file"));
        }
        return BoardLoader.load(file);
    }

    /** Whether a --board argument is meant as a file: it has a directory part or a file extension. */
    private static boolean looksLikePath(String s) {
        return s.contains("/") || s.contains(java.io.File.separator) || s.contains(".");
    }

    /**
     * The text of a board file, as {@link #get} would read it: a built-in board's resource, or the
     * file the argument names (for {@link BoardWriter}, which keeps a board's own text).
     */
    public static String text(String idOrPath) throws IOException {
        if (IDS.contains(idOrPath)) {
            try (InputStream in = BoardCatalog.class.getResourceAsStream("/boards/" + idOrPath + ".yaml")) {
                if (in == null) {
                    throw new IOException("built-in board " + idOrPath + " has no YAML resource");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        try {
            return BoardLoader.readText(Path.of(idOrPath));
        } catch (InvalidSpecException e) {
            throw new IOException(String.join("; ", e.problems()), e);
        }
    }

    /**
     * Built-in boards loaded so far, by index in {@link #IDS}: a run names one board, and parsing and
     * validating all of them at its start cost {@code run --timing-only} about a sixth of its CPU
     * (docs/performance.md, "Start-up").
     */
    private static final BoardSpec[] BUILT_IN = new BoardSpec[IDS.size()];

    /** Built-in board {@code i}, loaded on first use; a broken built-in file is a build defect and fails loudly here. */
    private static synchronized BoardSpec builtIn(int i) {
        if (BUILT_IN[i] == null) {
            BUILT_IN[i] = BoardLoader.loadResource("boards/" + IDS.get(i) + ".yaml");
        }
        return BUILT_IN[i];
    }

    /** All built-in boards, loaded on first use of {@link #all()}. */
    private static final class Loaded {
        static final List<BoardSpec> ALL = IntStream.range(0, IDS.size()).mapToObj(BoardCatalog::builtIn).toList();
    }
}
