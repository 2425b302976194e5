package org.msqsim.models.weights;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.LaplaceDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.msqsim.models.tensor.FloatMatrix;

/**
 * Seeded generator of weight matrices with realistic per-row (per output channel) statistics.
 *
 * <p>Each row gets a {@link RowShape}, a standard deviation σ drawn log-uniformly from
 * [minStd, maxStd], and a mean μ = σ·u with u uniform in ±{@value #MEAN_OFFSET_RATIO}; its values are
 * then drawn from that shape with exactly that mean and standard deviation (Laplace scale σ/√2,
 * uniform half-width σ·√3). The shapes are apportioned exactly to the mix (largest remainder) and
 * shuffled over the rows, so a matrix of 100 rows under the default mix has exactly 45 Gaussian rows.
 *
 * <p><b>Why these defaults.</b> Three real MobileNet-v2 layers ({@code data/weights}, trained,
 * batch norm not folded) were measured. Per-row σ: 0.027–0.037 in the final 1×1 conv (1280 rows),
 * 0.057–0.13 in a block-5 1×1 expansion, 0.06–0.79 in a depthwise 3×3; |μ|/σ of the 1×1 layers:
 * median 0.04–0.12, 90th percentile 0.09–0.26, hence u in ±0.2. The default σ range
 * [{@value #DEFAULT_MIN_STD}, {@value #DEFAULT_MAX_STD}] (40× spread) is wider than any one unfolded
 * layer on purpose: the accelerator sees weights with batch norm folded in, which scales each row by
 * its own γ/√(var + ε) and is known to spread per-channel ranges widely in
 * MobileNet-v2 (Nagel et al., "Data-Free Quantization", ICCV 2019) — the case where per-row scales
 * matter. The rows measured are mostly bell-shaped (by sample excess kurtosis); the default mix
 * {@link ShapeMix#DEFAULT} keeps a 70 % bell-shaped majority but gives flat rows a 30 % share, more
 * than those layers show, so that both MSQ schemes get rows to quantize; pass another mix for other
 * studies. Depthwise kernels, whose rows have |μ| ≫ σ, are not what this generator models.
 *
 * <p><b>Determinism.</b> One {@link Well19937c} seeded with {@code seed} drives everything in a
 * fixed order (shape shuffle, then per row: σ, μ, values); Commons Math samples with pure-Java
 * arithmetic ({@code FastMath}), and Java 17 floating point is strict, so the same arguments give
 * the same bits on every run and JVM.
 */
public final class SyntheticWeights {
    public static final double DEFAULT_MIN_STD = 0.005;
    public static final double DEFAULT_MAX_STD = 0.2;
    /** Largest row mean, as a fraction of the row's standard deviation. */
    public static final double MEAN_OFFSET_RATIO = 0.2;

    /**
     * A generated matrix and the shape each of its rows was drawn from.
     *
     * @param matrix the weights, one row per output channel
     * @param shapes {@code shapes.get(r)} is the shape row r was drawn from
     */
    public record Result(FloatMatrix matrix, List<RowShape> shapes) {
        public Result {
            shapes = List.copyOf(shapes);
            if (shapes.size() != matrix.rows()) {
                throw new IllegalArgumentException(shapes.size() + " shapes for " + matrix.rows() + " rows");
            }
        }
    }

    private SyntheticWeights() {
    }

    /** {@code rows}×{@code cols} weights under {@link ShapeMix#DEFAULT} and the default σ range. */
    public static Result generate(int rows, int cols, long seed) {
        return generate(rows, cols, seed, ShapeMix.DEFAULT);
    }

    /** As {@link #generate(int, int, long)} with the given shape mix. */
    public static Result generate(int rows, int cols, long seed, ShapeMix mix) {
        return generate(rows, cols, seed, mix, DEFAULT_MIN_STD, DEFAULT_MAX_STD);
    }

    /** As {@link #generate(int, int, long, ShapeMix)} with per-row σ log-uniform in [minStd, maxStd]. */
    public static Result generate(int rows, int cols, long seed, ShapeMix mix, double minStd, double maxStd) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("matrix must be at least 1x1, got " + rows + "x" + cols);
        }
        if ((long) rows * cols > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(rows + "x" + cols + " weights do not fit one Java array");
        }
        if (!(minStd > 0 && minStd <= maxStd && Double.isFinite(maxStd))) {
            throw new IllegalArgumentException("need 0 < minStd <= maxStd < infinity, got minStd=" + minStd
                    + ", maxStd=" + maxStd);
        }
        RandomGenerator rng = new Well19937c(seed);
        List<RowShape> shapes = shuffledShapes(rows, mix, rng);
        double logMin = Math.log(minStd);
        double logSpan = Math.log(maxStd) - logMin;
        float[] data = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            double std = Math.exp(logMin + logSpan * rng.nextDouble());
            double mean = std * MEAN_OFFSET_RATIO * (2 * rng.nextDouble() - 1);
            fillRow(distribution(shapes.get(r), mean, std, rng), data, r * cols, cols);
        }
        return new Result(new FloatMatrix(rows, cols, data), shapes);
    }

    /**
     * {@code cols} samples of {@code d} into {@code data} from {@code off}, in order. A method of its own
     * so that C2 compiles this loop alone, not {@link #generate} whole by on-stack replacement (twice, when
     * it was inline; docs/performance.md).
     */
    private static void fillRow(RealDistribution d, float[] data, int off, int cols) {
        for (int c = 0; c < cols; c++) {
            data[off + c] = (float) d.sample();
        }
    }

    /** Exact counts per {@link ShapeMix#counts}, laid out in shape order, then Fisher–Yates shuffled. */
    private static List<RowShape> shuffledShapes(int rows, ShapeMix mix, RandomGenerator rng) {
        int[] counts = mix.counts(rows);
        List<RowShape> shapes = new ArrayList<>(rows);
        for (RowShape s : RowShape.values()) {
            for (int i = 0; i < counts[s.ordinal()]; i++) {
                shapes.add(s);
            }
        }
        for (int i = rows - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            shapes.set(j, shapes.set(i, shapes.get(j)));
        }
        return shapes;
    }

    /** The shape's distribution with the given mean and standard deviation, sampling from rng. */
    private static RealDistribution distribution(RowShape shape, double mean, double std, RandomGenerator rng) {
        return switch (shape) {
            case GAUSSIAN -> new NormalDistribution(rng, mean, std);
            case LAPLACE -> new LaplaceDistribution(rng, mean, std / Math.sqrt(2));
            case UNIFORM -> new UniformRealDistribution(rng, mean - std * Math.sqrt(3), mean + std * Math.sqrt(3));
        };
    }
}
