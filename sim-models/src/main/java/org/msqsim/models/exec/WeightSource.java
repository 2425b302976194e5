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

    private WeightSource(Optional<Path> dir, long seed, boolean mixName) {
        this(dir, seed, mixName, Map.of(), Map.of());
    }

    private WeightSource(Optional<Path> dir, long seed, boolean mixName, Map<String, FloatMatrix> given,
                         Map<String, double[]> biases) {
        this.dir = dir;
        this.seed = seed;
        this.mixName = mixName;
        this.given = Map.copyOf(given);
        this.biases = Map.copyOf(biases);
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
        return Optional.ofNullable(biases.get(g.name()));
    }

    public static WeightSource synthetic(long seed) {
        return new WeightSource(Optional.empty(), seed, true);
    }

    public static WeightSource directory(Path dir, long seed) {
        return new WeightSource(Optional.of(dir), seed, true);
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
                    if (c.rows() != rows(g) || c.cols() != cols(g)) {
                        problems.add(f + ": shape " + c.header().shapeText() + " is " + c.rows() + "x" + c.cols()
                                + " as rows, layer " + g.name() + " needs " + rows(g) + "x" + cols(g));
                    }
                } catch (NpyFormatException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        return problems;
    }

    public FloatMatrix weights(GemmLayer g) {
        FloatMatrix m = given.get(g.name());
        if (m != null) {
            return m;
        }
        if (dir.isPresent()) {
            return NpyReader.readMatrix(file(g));
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
