package org.msqsim.models.exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.msqsim.models.graph.Network;
import org.msqsim.models.graph.Node;
import org.msqsim.models.io.NpyFormatException;
import org.msqsim.models.io.NpyReader;
import org.msqsim.models.layer.GemmLayer;
import org.msqsim.models.tensor.FloatMatrix;
import org.msqsim.models.weights.SyntheticWeights;

/**
 * Where a layer's real weights come from: seeded synthetic rows (the seed mixed with the layer
 * name, so layers differ and runs repeat), or one NumPy file per layer, {@code DIR/<layer name>.npy},
 * holding the layer's {@code K × (C/groups)·R·S} matrix (2-D, or 4-D {@code K×C×R×S}, lowered to
 * rows by {@link NpyReader}). {@link #check} validates every file of a network before any work.
 */
public final class WeightSource {
    private final Optional<Path> dir;
    private final long seed;
    private final boolean mixName;
    private final Map<String, FloatMatrix> given;
    private final Map<String, double[]> biases;
    private final WeightLayout layout;
    private final double bnEpsilon;

    private WeightSource(Optional<Path> dir, long seed, boolean mixName) {
        this(dir, seed, mixName, Map.of(), Map.of());
    }

    private WeightSource(Optional<Path> dir, long seed, boolean mixName, Map<String, FloatMatrix> given,
                         Map<String, double[]> biases) {
        this(dir, seed, mixName, given, biases, WeightLayout.PYTORCH, 1e-5);
    }

    private WeightSource(Optional<Path> dir, long seed, boolean mixName, Map<String, FloatMatrix> given,
                         Map<String, double[]> biases, WeightLayout layout, double bnEpsilon) {
        this.dir = dir;
        this.seed = seed;
        this.mixName = mixName;
        this.given = Map.copyOf(given);
        this.biases = Map.copyOf(biases);
        this.layout = layout;
        this.bnEpsilon = bnEpsilon;
    }

    /**
     * Weights and biases held in memory, by layer name (an imported network's trained ones); a layer
     * without an entry gets seeded synthetic rows.
     */
    public static WeightSource given(Map<String, FloatMatrix> weights, Map<String, double[]> biases, long seed) {
        return new WeightSource(Optional.empty(), seed, true, weights, biases);
    }

    /** The layer's real bias, one per weight row, where the source has one. */
    public Optional<double[]> bias(GemmLayer g) {
        double[] b = biases.get(g.name());
        if (b != null || dir.isEmpty()) {
            return Optional.ofNullable(b);
        }
        Path bf = side(g, "bias");
        Path bn = side(g, "bn");
        if (!Files.isRegularFile(bf) && !Files.isRegularFile(bn)) {
            return Optional.empty();
        }
        double[] bias = Files.isRegularFile(bf) ? values(NpyReader.readMatrix(bf)) : new double[rows(g)];
        if (Files.isRegularFile(bn)) {
            FloatMatrix p = NpyReader.readMatrix(bn);
            for (int k = 0; k < bias.length; k++) {
                double scale = p.get(0, k) / Math.sqrt(p.get(3, k) + bnEpsilon);
                bias[k] = (bias[k] - p.get(2, k)) * scale + p.get(1, k);
            }
        }
        return Optional.of(bias);
    }

    private Path side(GemmLayer g, String what) {
        return dir.orElseThrow().resolve(g.name() + "." + what + ".npy");
    }

    private static double[] values(FloatMatrix m) {
        float[] f = m.toArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    public static WeightSource synthetic(long seed) {
        return new WeightSource(Optional.empty(), seed, true);
    }

    public static WeightSource directory(Path dir, long seed) {
        return new WeightSource(Optional.of(dir), seed, true);
    }

    /**
     * One {@code .npy} per layer in {@code layout}, with optional {@code DIR/<layer>.bias.npy} (one value
     * per weight row) and {@code DIR/<layer>.bn.npy} (a 4×K array: batch-norm γ, β, running mean and
     * variance, folded into the weights and bias with {@code bnEpsilon}).
     */
    public static WeightSource directory(Path dir, long seed, WeightLayout layout, double bnEpsilon) {
        return new WeightSource(Optional.of(dir), seed, true, Map.of(), Map.of(), layout, bnEpsilon);
    }

    /**
     * The seeded rows of a one-layer run: the seed as given, not mixed with the layer's name (a
     * one-layer run has no other layers to differ from, and its published figures use these rows).
     */
    static WeightSource oneLayer(long seed) {
        return new WeightSource(Optional.empty(), seed, false);
    }

    /**
     * Every problem with the directory for this network, one line each, all of them: a missing
     * file, and each file that {@link NpyReader#readMatrix} would refuse (header, shape, truncated
     * or trailing data, a NaN, an infinity or a value beyond float32; {@link NpyReader#check}, the
     * same checks in the same words, reading the data in pieces) or whose matrix is not the layer's.
     * Empty when all is well or when weights are synthetic; after an empty answer the run reads
     * every file without a problem.
     */
    public List<String> check(Network net) {
        List<String> problems = new ArrayList<>();
        if (dir.isEmpty()) {
            return problems;
        }
        if (!Files.isDirectory(dir.get())) {
            problems.add(dir.get() + (Files.exists(dir.get()) ? ": not a directory" : ": no such directory"));
            return problems;
        }
        for (Node node : net.nodes()) {
            if (node.layer() instanceof GemmLayer g) {
                Path f = file(g);
                if (!Files.isRegularFile(f)) {
                    problems.add(f + ": missing (weights of layer " + g.name() + ", " + rows(g) + "x" + cols(g) + ")");
                    continue;
                }
                try {
                    NpyReader.Checked c = NpyReader.check(f);
                    List<Integer> want = layout.expectedShape(g);
                    if (want != null) {
                        if (!c.header().shape().equals(want)) {
                            problems.add(f + ": shape " + c.header().shapeText() + ", layer " + g.name() + " in the "
                                    + layout.name().toLowerCase(java.util.Locale.ROOT) + " layout needs "
                                    + want.stream().map(String::valueOf).reduce((a, b) -> a + "x" + b).orElse(""));
                        }
                    } else if (c.rows() != rows(g) || c.cols() != cols(g)) {
                        problems.add(f + ": shape " + c.header().shapeText() + " is " + c.rows() + "x" + c.cols()
                                + " as rows, layer " + g.name() + " needs " + rows(g) + "x" + cols(g));
                    }
                } catch (NpyFormatException e) {
                    problems.add(e.getMessage());
                }
                checkSide(side(g, "bias"), 1, rows(g), g, problems);
                checkSide(side(g, "bn"), 4, rows(g), g, problems);
            }
        }
        return problems;
    }

    /** An optional side file ({@code .bias.npy}, {@code .bn.npy}): absent, or {@code rows × cols} values. */
    private static void checkSide(Path f, int rows, int cols, GemmLayer g, List<String> problems) {
        if (!Files.exists(f)) {
            return;
        }
        try {
            NpyReader.Checked c = NpyReader.check(f);
            if ((long) c.rows() * c.cols() != (long) rows * cols || (rows > 1 && c.rows() != rows)) {
                problems.add(f + ": shape " + c.header().shapeText() + ", layer " + g.name() + " needs "
                        + (rows == 1 ? cols + " values" : rows + "x" + cols));
            }
        } catch (NpyFormatException e) {
            problems.add(e.getMessage());
        }
    }

    public FloatMatrix weights(GemmLayer g) {
        FloatMatrix m = given.get(g.name());
        if (m != null) {
            return m;
        }
        if (dir.isPresent()) {
            FloatMatrix w = layout.toRows(NpyReader.readMatrix(file(g)), g);
            Path bn = side(g, "bn");
            if (Files.isRegularFile(bn)) {
                FloatMatrix p = NpyReader.readMatrix(bn);
                float[] v = w.toArray();
                for (int k = 0; k < w.rows(); k++) {
                    double scale = p.get(0, k) / Math.sqrt(p.get(3, k) + bnEpsilon);
                    for (int j = 0; j < w.cols(); j++) {
                        v[k * w.cols() + j] = (float) (v[k * w.cols() + j] * scale);
                    }
                }
                w = new FloatMatrix(w.rows(), w.cols(), v);
            }
            return w;
        }
        long rowSeed = mixName ? seed ^ (g.name().hashCode() * 0x9E3779B97F4A7C15L) : seed;
        return SyntheticWeights.generate(rows(g), cols(g), rowSeed).matrix();
    }

    private Path file(GemmLayer g) {
        return dir.orElseThrow().resolve(g.name() + ".npy");
    }

    private static int rows(GemmLayer g) {
        return g.gemmM() * g.groups();
    }

    private static int cols(GemmLayer g) {
        return g.gemmK();
    }
}
