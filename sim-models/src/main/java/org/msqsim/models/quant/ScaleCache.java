package org.msqsim.models.quant;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.msqsim.models.tensor.FloatMatrix;

/**
 * Where {@link MsqAssigner} keeps the per-row scales it has found ({@link RowScales}), so that a later
 * run on the same weights at the same width skips the scale search, which is most of a bit-exact run's
 * CPU. An entry is found by the weights' content (a digest of every value), the width and
 * {@link MsqAssigner#QUANTIZER_VERSION}; a missing, damaged or doubtful entry is simply recomputed, so
 * results never depend on the cache, only time does.
 *
 * <p>The library's default is {@link #OFF}; the {@code msqsim} program turns the disk cache on for its
 * process ({@link #setProcessDefault}) from {@link #fromEnvironment}, so tests and embedding code never
 * write into a user's home unless they ask to.
 */
public sealed interface ScaleCache permits ScaleCache.Off, DiskScaleCache {

    /** No cache: every load misses, stores are dropped. */
    ScaleCache OFF = new Off();

    /** Environment variable that names the cache directory (overrides the XDG default). */
    String DIR_ENV = "MSQSIM_CACHE_DIR";
    /** System property that names the cache directory (overrides the environment). */
    String DIR_PROPERTY = "msqsim.cache.dir";
    /** Environment variable that turns the cache off: {@code off}, {@code 0}, {@code false} or {@code no}. */
    String SWITCH_ENV = "MSQSIM_QUANT_CACHE";
    /** System property that turns the cache off, as {@link #SWITCH_ENV}. */
    String SWITCH_PROPERTY = "msqsim.quantCache";

    /** The scales of {@code w} at {@code bits}, when an intact entry for exactly them is kept. */
    Optional<RowScales> load(FloatMatrix w, int bits);

    /** Keeps {@code scales} for {@code w} at {@code bits} (best effort: a failure to write is ignored). */
    void store(FloatMatrix w, int bits, RowScales scales);

    /** The cache the no-argument uses of {@link MsqAssigner} take. */
    static ScaleCache processDefault() {
        return Holder.current;
    }

    /** Sets {@link #processDefault} (the program does this once, at start). */
    static void setProcessDefault(ScaleCache cache) {
        Holder.current = cache;
    }

    /**
     * The cache the environment asks for: {@link #OFF} when {@link #SWITCH_PROPERTY} or
     * {@link #SWITCH_ENV} says off; else a {@link DiskScaleCache} in {@link #DIR_PROPERTY}, else
     * {@link #DIR_ENV}, else {@code $XDG_CACHE_HOME/msqsim} (when absolute, as the XDG base directory
     * specification requires), else {@code ~/.cache/msqsim}; {@link #OFF} when there is no home either.
     */
    static ScaleCache fromEnvironment(Map<String, String> env, Properties props) {
        String sw = props.getProperty(SWITCH_PROPERTY, env.getOrDefault(SWITCH_ENV, "on")).trim().toLowerCase(Locale.ROOT);
        if (sw.equals("off") || sw.equals("0") || sw.equals("false") || sw.equals("no")) {
            return OFF;
        }
        String dir = props.getProperty(DIR_PROPERTY, env.get(DIR_ENV));
        if (dir != null && !dir.isBlank()) {
            return new DiskScaleCache(Path.of(dir));
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && Path.of(xdg).isAbsolute()) {
            return new DiskScaleCache(Path.of(xdg, "msqsim"));
        }
        String home = props.getProperty("user.home");
        if (home == null || home.isBlank() || home.equals("?")) {
            return OFF;
        }
        return new DiskScaleCache(Path.of(home, ".cache", "msqsim"));
    }

    /** The disabled cache. */
    final class Off implements ScaleCache {
        private Off() {
        }

        @Override
        public Optional<RowScales> load(FloatMatrix w, int bits) {
            return Optional.empty();
        }

        @Override
        public void store(FloatMatrix w, int bits, RowScales scales) {
        }

        @Override
        public String toString() {
            return "ScaleCache.OFF";
        }
    }

    /** Holds the process default (an interface cannot have a mutable static field of its own). */
    final class Holder {
        private static volatile ScaleCache current = OFF;

        private Holder() {
        }
    }
}
