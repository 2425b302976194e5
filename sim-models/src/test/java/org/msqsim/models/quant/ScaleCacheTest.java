package org.msqsim.models.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.msqsim.models.tensor.FloatMatrix;

/**
 * The disk cache of row scales: a run from a cache entry gives exactly what the search gives (schemes,
 * α, codes, MSEs, reports), at every width and fraction; damaged, truncated, foreign or lying entries
 * are never used and are rewritten; concurrent runs agree and leave no temporary files; the
 * environment picks the directory or turns the cache off. Every cache here lives in a temp dir.
 */
class ScaleCacheTest {
    @TempDir
    Path tmp;

    private static void assertSameResult(MsqResult want, MsqResult got) {
        QuantizedWeights a = want.weights();
        QuantizedWeights b = got.weights();
        assertEquals(a.rows(), b.rows());
        for (int r = 0; r < a.rows(); r++) {
            assertEquals(a.scheme(r), b.scheme(r), "scheme of row " + r);
            assertEquals(Double.doubleToRawLongBits(a.alpha(r)), Double.doubleToRawLongBits(b.alpha(r)), "α of row " + r);
        }
        assertArrayEquals(a.codes(), b.codes());
        assertEquals(Double.doubleToRawLongBits(want.mseMsq()), Double.doubleToRawLongBits(got.mseMsq()));
        assertEquals(Double.doubleToRawLongBits(want.mseAllFixed()), Double.doubleToRawLongBits(got.mseAllFixed()));
        assertEquals(Double.doubleToRawLongBits(want.mseAllSp2()), Double.doubleToRawLongBits(got.mseAllSp2()));
        assertEquals(want.rows(), got.rows()); // RowReport records: α, MSE, variance and kurtosis of each row
    }

    /** Rows of every kind, an all-zero row and a row of one repeated value among them. */
    private static FloatMatrix weights(int cols, long seed) {
        FloatMatrix m = MsqAssignerTest.mixed(6, cols, seed);
        float[] d = m.toArray();
        for (int c = 0; c < cols; c++) {
            d[c] = 0;
            d[cols + c] = c % 2 == 0 ? 0.25f : -0.25f;
        }
        return new FloatMatrix(m.rows(), cols, d);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 6, 8})
    void aCachedRunEqualsTheSearchAtEveryWidthAndFraction(int bits) {
        FloatMatrix w = weights(75, 40 + bits);
        DiskScaleCache cache = new DiskScaleCache(tmp);
        for (double f : new double[] {0, 0.3, 0.5, 1}) {
            MsqResult fresh = new MsqAssigner(bits, ScaleCache.OFF).assign(w, f);
            MsqResult first = new MsqAssigner(bits, cache).assign(w, f);
            assertTrue(Files.isRegularFile(cache.entry(w, bits)), "entry written");
            assertTrue(cache.load(w, bits).isPresent(), "entry readable");
            MsqResult cached = new MsqAssigner(bits, cache).assign(w, f);
            assertSameResult(fresh, first);
            assertSameResult(fresh, cached);
            QuantizedWeights viaWeights = new MsqAssigner(bits, cache).assignWeights(w, f);
            assertArrayEquals(fresh.weights().intWeights(), viaWeights.intWeights());
        }
    }

    @Test
    void entriesAreKeyedByContentAndWidth() {
        FloatMatrix w = weights(40, 1);
        float[] d = w.toArray();
        d[77] = Math.nextUp(d[77]); // one ulp in one weight
        FloatMatrix w2 = new FloatMatrix(w.rows(), w.cols(), d);
        DiskScaleCache cache = new DiskScaleCache(tmp);
        new MsqAssigner(4, cache).assign(w, 0.5);
        assertFalse(cache.load(w2, 4).isPresent(), "one changed weight is another entry");
        assertFalse(cache.load(w, 5).isPresent(), "another width is another entry");
        assertSameResult(new MsqAssigner(4, ScaleCache.OFF).assign(w2, 0.5), new MsqAssigner(4, cache).assign(w2, 0.5));
        assertTrue(cache.load(w2, 4).isPresent());
    }

    /** Damage of every kind: the entry is ignored, the result is the search's, and a good entry replaces it. */
    @Test
    void damagedEntriesAreIgnoredAndRewritten() throws IOException {
        FloatMatrix w = weights(64, 9);
        DiskScaleCache cache = new DiskScaleCache(tmp);
        MsqResult want = new MsqAssigner(4, ScaleCache.OFF).assign(w, 0.4);
        new MsqAssigner(4, cache).assign(w, 0.4);
        Path entry = cache.entry(w, 4);
        byte[] good = Files.readAllBytes(entry);
        List<byte[]> bad = new ArrayList<>();
        bad.add(new byte[0]);
        bad.add(java.util.Arrays.copyOf(good, good.length - 1)); // truncated by one byte
        bad.add(java.util.Arrays.copyOf(good, good.length / 2)); // truncated mid-way
        bad.add(java.util.Arrays.copyOf(good, good.length + 8)); // trailing bytes
        for (int pos : new int[] {0, 9, 13, 17, 21, 25, 30, 50, good.length / 2, good.length - 12, good.length - 1}) {
            byte[] b = good.clone();
            b[pos] ^= 0x10; // one flipped bit: magic, versions, bits, rows, cols, digest, a value, the checksum
            bad.add(b);
        }
        byte[] garbage = new byte[good.length];
        new java.util.SplittableRandom(3).nextBytes(garbage);
        bad.add(garbage);
        for (byte[] b : bad) {
            Files.write(entry, b);
            assertFalse(cache.load(w, 4).isPresent(), "a damaged entry is not loaded");
            assertSameResult(want, new MsqAssigner(4, cache).assign(w, 0.4));
            assertArrayEquals(good, Files.readAllBytes(entry), "the run rewrote a good entry");
        }
    }

    /**
     * An entry that is intact (right key, right checksum) but holds scales that are not these rows'
     * — as a digest collision or a changed quantizer without a version bump would give — is caught by
     * the recomputed MSE and not used.
     */
    @Test
    void anIntactEntryWithWrongScalesIsNotUsed() throws IOException {
        FloatMatrix w = weights(64, 10);
        DiskScaleCache cache = new DiskScaleCache(tmp);
        MsqResult want = new MsqAssigner(4, ScaleCache.OFF).assign(w, 0.5);
        new MsqAssigner(4, cache).assign(w, 0.5);
        byte[] good = Files.readAllBytes(cache.entry(w, 4));
        RowScales s = cache.load(w, 4).orElseThrow();
        for (int r = 0; r < s.rows(); r++) {
            s.alphaFixed()[r] = Math.nextUp(s.alphaFixed()[r]) * 1.01;
            s.alphaSp2()[r] = s.alphaSp2()[r] * 0.99;
        }
        Files.write(cache.entry(w, 4), DiskScaleCache.encode(s, w.contentDigest(), w.cols(), 4));
        assertTrue(cache.load(w, 4).isPresent(), "the lying entry passes the checksum");
        assertSameResult(want, new MsqAssigner(4, cache).assign(w, 0.5));
        assertArrayEquals(good, Files.readAllBytes(cache.entry(w, 4)), "the run rewrote the right entry");
    }

    @Test
    void concurrentRunsAgreeAndLeaveNoTemporaryFiles() throws Exception {
        FloatMatrix w = weights(96, 11);
        DiskScaleCache cache = new DiskScaleCache(tmp);
        MsqResult want = new MsqAssigner(4, ScaleCache.OFF).assign(w, 0.5);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<MsqResult>> runs = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                runs.add(pool.submit(() -> new MsqAssigner(4, cache).assign(w, 0.5)));
            }
            for (Future<MsqResult> f : runs) {
                assertSameResult(want, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> files = Files.list(cache.directory())) {
            assertEquals(List.of(cache.entry(w, 4)), files.toList(), "one entry, no temporary file left");
        }
    }

    @Test
    void anUnwritableCacheOnlyCostsTime() throws IOException {
        Path blocked = tmp.resolve("blocked");
        Files.writeString(blocked, "a file where the cache directory would be");
        DiskScaleCache cache = new DiskScaleCache(blocked);
        FloatMatrix w = weights(32, 12);
        assertSameResult(new MsqAssigner(4, ScaleCache.OFF).assign(w, 0.5), new MsqAssigner(4, cache).assign(w, 0.5));
        assertFalse(cache.load(w, 4).isPresent());
    }

    @Test
    void theEnvironmentPicksTheDirectoryOrTurnsTheCacheOff() {
        Properties none = new Properties();
        none.setProperty("user.home", tmp.resolve("home").toString());
        assertEquals(tmp.resolve("home/.cache/msqsim/scales-v" + MsqAssigner.QUANTIZER_VERSION),
                dir(ScaleCache.fromEnvironment(Map.of(), none)));
        assertEquals(tmp.resolve("xdg/msqsim/scales-v" + MsqAssigner.QUANTIZER_VERSION),
                dir(ScaleCache.fromEnvironment(Map.of("XDG_CACHE_HOME", tmp.resolve("xdg").toString()), none)));
        assertEquals(tmp.resolve("home/.cache/msqsim/scales-v" + MsqAssigner.QUANTIZER_VERSION),
                dir(ScaleCache.fromEnvironment(Map.of("XDG_CACHE_HOME", "relative/path"), none)),
                "a relative XDG_CACHE_HOME is ignored, as the XDG specification says");
        assertEquals(tmp.resolve("env/scales-v" + MsqAssigner.QUANTIZER_VERSION),
                dir(ScaleCache.fromEnvironment(Map.of(ScaleCache.DIR_ENV, tmp.resolve("env").toString(),
                        "XDG_CACHE_HOME", tmp.resolve("xdg").toString()), none)));
        Properties prop = new Properties();
        prop.putAll(none);
        prop.setProperty(ScaleCache.DIR_PROPERTY, tmp.resolve("prop").toString());
        assertEquals(tmp.resolve("prop/scales-v" + MsqAssigner.QUANTIZER_VERSION),
                dir(ScaleCache.fromEnvironment(Map.of(ScaleCache.DIR_ENV, tmp.resolve("env").toString()), prop)));
        for (String off : new String[] {"off", "0", "false", "no", "OFF"}) {
            assertSame(ScaleCache.OFF, ScaleCache.fromEnvironment(Map.of(ScaleCache.SWITCH_ENV, off), prop));
        }
        Properties propOff = new Properties();
        propOff.putAll(prop);
        propOff.setProperty(ScaleCache.SWITCH_PROPERTY, "off");
        assertSame(ScaleCache.OFF, ScaleCache.fromEnvironment(Map.of(), propOff));
        assertInstanceOf(DiskScaleCache.class, ScaleCache.fromEnvironment(Map.of(ScaleCache.SWITCH_ENV, "on"), prop));
        assertSame(ScaleCache.OFF, ScaleCache.fromEnvironment(Map.of(), new Properties()), "no home, no cache");
    }

    @Test
    void theLibraryDefaultIsOff() {
        assertSame(ScaleCache.OFF, ScaleCache.processDefault());
        assertEquals(Optional.empty(), ScaleCache.OFF.load(weights(8, 1), 4));
    }

    private static Path dir(ScaleCache c) {
        return ((DiskScaleCache) c).directory();
    }
}
