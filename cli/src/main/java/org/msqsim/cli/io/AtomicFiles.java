package org.msqsim.cli.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Output files written whole or not at all: into a temporary file beside the target, then moved
 * into place, so a failure (or a reader looking early) never sees half a file. Every output file of
 * msqsim (traces, plots, saved designs) goes through {@link #write}: a new file is {@code rw-r--r--},
 * a file written over keeps its permissions. {@link #checkTarget} checks a target before the work
 * that produces it starts.
 */
public final class AtomicFiles {
    /** Permissions of a new output file: an output is for everyone who may read the directory. */
    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private AtomicFiles() {
    }

    /** What goes into the file. */
    @FunctionalInterface
    public interface Body {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code target} from {@code body}; on failure the temporary file is removed and the
     * target left as it was. The file keeps the permissions it had, or is {@code rw-r--r--} if new.
     */
    public static void write(Path target, Body body) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream o = Files.newOutputStream(tmp)) {
                body.write(o);
            }
            // Temporary files are created owner-only: give the result the target's permissions, or the default.
            PosixFileAttributeView posix = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
            if (posix != null) {
                Set<PosixFilePermission> perms = NEW_FILE;
                if (Files.isRegularFile(target)) {
                    perms = Files.readAttributes(target, PosixFileAttributes.class)
                            .permissions();
                }
                posix.setPermissions(perms);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original failure is the one to report
            }
            throw e;
        }
    }

    /**
     * Checks, before any work, that {@code target} (given by {@code flag}) can be written by {@link
     * #write}: a non-empty name of a file that is not a directory, in an existing directory where a
     * file can be created (tried with a temporary file, removed at once: permission bits alone do not
     * tell, e.g. under {@code /proc} or on a read-only mount). Fails with one {@link UserError} line.
     */
    public static void checkTarget(String flag, Path target) {
        if (target.toString().isBlank()) {
            throw new UserError(flag + " '" + target + "': give the name of a file to write");
        }
        if (Files.isDirectory(target)) {
            throw new UserError(flag + " " + target + ": is a directory; give the name of a file to write");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target)) {
            throw new UserError(flag + " " + target + ": exists and is not a regular file");
        }
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new UserError(flag + " " + target + ": directory " + dir + " does not exist");
        }
        try {
            Path probe = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new UserError(flag + " " + target + ": cannot create a file in " + dir + " (" + reason(e) + ")");
        }
    }

    /** A short reason for a failed file operation, without the path the message already names. */
    public static String reason(Exception e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory"; // e.g. under /proc, where creating a file reports ENOENT
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
