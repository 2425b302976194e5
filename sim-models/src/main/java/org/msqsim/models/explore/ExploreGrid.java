package org.msqsim.models.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.msqsim.core.resource.CostModel;
import org.msqsim.core.resource.FitReport;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.spec.BufferSpec;
import org.msqsim.core.spec.ClockRange;
import org.msqsim.core.spec.Dataflow;
import org.msqsim.core.spec.MacKind;
import org.msqsim.core.spec.PeArraySpec;

/**
 * The design space {@code explore} sweeps, generated from a board's default design ("base"):
 * <ul>
 *   <li><b>SP2 fraction</b> F = 0, 1/steps, …, 1 (default steps 20: 0, 0.05, …, 1). F = 0 is
 *       DSP-only (no LUT core, its LUTs free); F = 1 is LUT-only (no DSP core).</li>
 *   <li><b>Core shapes</b>: rows stay the base design's (both cores share input rows). DSP columns
 *       are {@code colLevels} × the most DSP columns that fit alone (DSP-only, within the ceilings);
 *       LUT columns are {@code colLevels} × the most LUT columns that fit beside that DSP core (or
 *       alone for F = 1), computed separately for SP2 and for LUT-fixed MACs — so each LUT kind
 *       fills the same LUT budget with its own MACs. Default levels 25, 50, 75, 100 %.</li>
 *   <li><b>Core clock</b> (both cores, one clock): the board's min, default, max and the middle of
 *       min and max, duplicates removed. The board schema allows cores up to 2 × max (double-pumped
 *       DSPs); we do not sweep that. The controller keeps the base design's clock.</li>
 *   <li><b>Buffers</b>: input, weight and output capacities × {@code bufferScales} (default 0.5, 1,
 *       2). The weight buffer keeps the base bank width and depth per bank, with as many banks as
 *       the filters read per cycle need ({@code (dspCols·packing + lutCols)·W} bits).</li>
 * </ul>
 * Only designs that fit the board within the cost model's ceilings are kept (the cost model's
 * {@code fitWithinCeilings}; the caller chooses the ceilings through the model's constants). The
 * same fit does not depend on F or on the clock (the cost model prices neither).
 *
 * @param fractionSteps F takes the values i / fractionSteps, i = 0 … fractionSteps
 */
public record ExploreGrid(int fractionSteps, List<Double> colLevels, List<Double> bufferScales) {
    public ExploreGrid {
        if (fractionSteps < 1 || colLevels.isEmpty() || bufferScales.isEmpty()) {
            throw new IllegalArgumentException("a grid needs fraction steps, column levels and buffer scales");
        }
        colLevels = List.copyOf(colLevels);
        bufferScales = List.copyOf(bufferScales);
    }

    /** The documented default grid: 21 fractions, 4 column levels per core, 3 buffer scales. */
    public static ExploreGrid standard() {
        return new ExploreGrid(20, List.of(0.25, 0.5, 0.75, 1.0), List.of(0.5, 1.0, 2.0));
    }

    /** A small grid for tests and quick looks: 5 fractions, 2 column levels, 1 buffer scale. */
    public static ExploreGrid small() {
        return new ExploreGrid(4, List.of(0.5, 1.0), List.of(1.0));
    }

    public List<Double> fractions() {
        List<Double> f = new ArrayList<>();
        for (int i = 0; i <= fractionSteps; i++) {
            f.add(i / (double) fractionSteps);
        }
        return f;
    }

    /** The swept core clocks: min, middle, default, max of the board's range, ascending, distinct. */
    public static List<Long> clocks(ClockRange c) {
        TreeSet<Long> s = new TreeSet<>(List.of(c.minHz(), c.defaultHz(), c.maxHz(),
                (c.minHz() + c.maxHz()) / 2 / 1_000_000 * 1_000_000));
        return List.copyOf(s);
    }

    /** Every design of the grid that fits, in a fixed order (family, F, DSP cols, LUT cols, clock, scale). */
    public List<Design> designs(BoardSpec board, AcceleratorSpec base, CostModel model) {
        Builder b = new Builder(board, base, model);
        List<Long> clocks = clocks(board.clocks());
        List<Design> out = new ArrayList<>();
        for (DesignFamily fam : DesignFamily.values()) {
            for (double f : fractions()) {
                if ((fam == DesignFamily.DSP_ONLY) != (f == 0)) {
                    continue;
                }
                for (int[] shape : shapes(b, fam, f)) {
                    for (long clk : clocks) {
                        for (double s : bufferScales) {
                            b.design(out.size(), fam, f, shape[0], shape[1], clk, s).ifPresent(out::add);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The (DSP cols, LUT cols) pairs for one family and fraction, at buffer scale 1. */
    private List<int[]> shapes(Builder b, DesignFamily fam, double f) {
        List<int[]> out = new ArrayList<>();
        List<Integer> dsp = f == 1 ? List.of(0) : levels(b.maxCols(null, 0));
        for (int d : dsp) {
            List<Integer> lut = fam == DesignFamily.DSP_ONLY ? List.of(0) : levels(b.maxCols(fam.lutMac(), d));
            for (int l : lut) {
                if (d + l > 0 && (fam == DesignFamily.DSP_ONLY || l > 0)) {
                    out.add(new int[] {d, l});
                }
            }
        }
        return out;
    }

    private List<Integer> levels(int max) {
        TreeSet<Integer> s = new TreeSet<>();
        if (max > 0) {
            for (double lv : colLevels) {
                s.add(Math.max(1, (int) Math.round(lv * max)));
            }
        }
        return List.copyOf(s);
    }

    /** Builds specs from the base design and checks their fit. */
    private static final class Builder {
        private final BoardSpec board;
        private final AcceleratorSpec base;
        private final CostModel model;
        private final PeArraySpec dspTemplate;
        private final PeArraySpec lutTemplate;
        private final java.util.Map<String, Integer> maxCache = new java.util.HashMap<>();

        Builder(BoardSpec board, AcceleratorSpec base, CostModel model) {
            this.board = board;
            this.base = base;
            this.model = model;
            int rows = base.dspCore().or(base::lutCore).orElseThrow().rows();
            long clk = board.clocks().defaultHz();
            this.dspTemplate = base.dspCore().orElse(new PeArraySpec("dsp_core", MacKind.DSP,
                    Dataflow.OUTPUT_STATIONARY, rows, 1, base.weightBits() <= 4 ? 4 : 2, clk, 24));
            this.lutTemplate = base.lutCore().orElse(new PeArraySpec("lut_core", MacKind.LUT_SP2,
                    Dataflow.OUTPUT_STATIONARY, rows, 1, 1, clk, dspTemplate.accumulatorBits()));
        }

        /** The most columns of a core that fit: DSP alone ({@code lutMac} null) or LUT beside {@code dspCols}. */
        int maxCols(MacKind lutMac, int dspCols) {
            return maxCache.computeIfAbsent(lutMac + "/" + dspCols, k -> {
                int lo = 0;
                int hi = 4096;
                while (lo < hi) {
                    int mid = (lo + hi + 1) >>> 1;
                    AcceleratorSpec s = lutMac == null ? spec(DesignFamily.DSP_ONLY, mid, 0, board.clocks().defaultHz(), 1)
                            : spec(lutMac == MacKind.LUT_SP2 ? DesignFamily.MSQ : DesignFamily.LUT_FIXED, dspCols, mid,
                            board.clocks().defaultHz(), 1);
                    if (s != null && model.fitWithinCeilings(s, board.device()).fits()) {
                        lo = mid;
                    } else {
                        hi = mid - 1;
                    }
                }
                return lo;
            });
        }

        Optional<Design> design(int index, DesignFamily fam, double f, int dspCols, int lutCols, long clk, double s) {
            AcceleratorSpec spec = spec(fam, dspCols, lutCols, clk, s);
            if (spec == null) {
                return Optional.empty();
            }
            FitReport fit = model.fitWithinCeilings(spec, board.device());
            if (!fit.fits()) {
                return Optional.empty();
            }
            return Optional.of(new Design(index, fam, f, spec, dspTemplate.rows(), dspCols, lutCols, clk, s,
                    fit.used()));
        }

        /** The spec, or null when it cannot be built (more DSP slices than the device has). */
        AcceleratorSpec spec(DesignFamily fam, int dspCols, int lutCols, long clk, double s) {
            int rows = dspTemplate.rows();
            if ((long) rows * dspCols > board.device().dsp()) {
                return null;
            }
            Optional<PeArraySpec> dsp = dspCols == 0 ? Optional.empty() : Optional.of(new PeArraySpec(
                    dspTemplate.name(), MacKind.DSP, dspTemplate.dataflow(), rows, dspCols, dspTemplate.packing(), clk,
                    dspTemplate.accumulatorBits()));
            Optional<PeArraySpec> lut = lutCols == 0 ? Optional.empty() : Optional.of(new PeArraySpec(
                    lutTemplate.name(), fam.lutMac(), lutTemplate.dataflow(), rows, lutCols, 1, clk,
                    lutTemplate.accumulatorBits()));
            long filterBits = ((long) dspCols * dspTemplate.packing() + lutCols) * base.weightBits();
            BufferSpec w = base.weightBuffer();
            int banks = (int) Math.max(1, (filterBits + w.widthBits() - 1) / w.widthBits());
            if (banks > 4096) {
                return null;
            }
            long perBank = kib(w.capacityBytes() / (double) w.banks() * s);
            BufferSpec weight = new BufferSpec(w.name(), perBank * banks, w.widthBits(), banks, w.doubleBuffered(),
                    w.memory());
            String name = String.format(java.util.Locale.ROOT, "%s-%dx%d-dsp+%dx%d-%s-%dmhz-buf%s", base.name(), rows,
                    dspCols, rows, lutCols, fam.label(), clk / 1_000_000, s);
            return new AcceleratorSpec(name, dsp, lut, scaled(base.inputBuffer(), s), weight,
                    scaled(base.outputBuffer(), s), base.ddr(), base.controlClockHz(), base.weightBits(),
                    base.activationBits());
        }

        private static BufferSpec scaled(BufferSpec b, double s) {
            return new BufferSpec(b.name(), kib(b.capacityBytes() * s), b.widthBits(),
                    b.banks(), b.doubleBuffered(), b.memory());
        }

        /** Bytes rounded to whole KiB, at least 1 KiB. */
        private static long kib(double bytes) {
            return Math.max(1, Math.round(bytes / 1024)) * 1024;
        }
    }
}
