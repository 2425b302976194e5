package org.msqsim.models.explore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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
 * The design space {@code explore} sweeps, generated from a board's default design ("base"), in three
 * stages.
 *
 * <p><b>Stage 1, shapes</b> (every combination, at the board's fastest core clock):
 * <ul>
 *   <li><b>SP2 fraction</b> F = 0, 1/steps, …, 1 (default steps 20: 0, 0.05, …, 1). F = 0 is
 *       DSP-only (no LUT core, its LUTs free); F = 1 is LUT-only (no DSP core).</li>
 *   <li><b>Array rows</b> ({@code rowOptions}, default 8, 16, 32, 64), equal for both cores since
 *       they share the activation rows. In the output-stationary arrays rows hold output pixels and
 *       columns filters, so the aspect ratio decides how well a layer with few filters fills the
 *       array: a 16×44×4 array spends two thirds of its columns idle on ResNet-18's 64-filter layers.
 *       The input and output buffers are as wide as one array row of values ({@code rows·A} bits,
 *       scaled from the base design's width per row).</li>
 *   <li><b>DSP packing</b> 1, 2 and (at ≤ 4-bit weights) 4 products per DSP slice. Packing is not
 *       free: a 4-lane DSP48E1 PE costs about 130 LUT of canary and drain logic
 *       ({@code docs/cost-model.md}), LUTs the LUT core then does not have.</li>
 *   <li><b>Columns</b>: DSP columns are {@code colLevels} × the most that fit alone (DSP-only,
 *       within the ceilings); LUT columns are {@code colLevels} × the most that fit beside that DSP
 *       core (or alone for F = 1), computed separately for SP2 and for LUT-fixed MACs — so each
 *       LUT kind fills the same LUT budget with its own MACs. Default levels 25, 50, 75, 100 %.</li>
 *   <li><b>Buffers</b> at the base design's capacities (× 1), or the largest smaller scale of
 *       {@code bufferScales} that fits when × 1 does not.</li>
 * </ul>
 * The cost model prices neither F nor the clock, so a shape fits or not whatever they are. At equal
 * resources a faster clock is almost never slower: the tile planner ranks tiles with an analytic
 * estimate, and where it misranks, a slower clock can get the better tiles (measured over the eight
 * boards with ResNet-18 and CIFAR-Net: 39 of about 7,000 shape groups, by at most 0.5 %). Stage 3
 * tries the other clocks for the designs that matter.
 *
 * <p><b>Stage 2, shape polish</b> ({@link #polish}): DSP column counts a few columns either side of
 * the {@code refineTop} fastest stage-1 designs of each family and fraction, so that the two cores'
 * filter folds can balance (details there).
 *
 * <p><b>Stage 3, refinement</b> ({@link #refinements}): for the {@code refineTop} fastest designs
 * of each family and fraction after stage 2, and for every design on their Pareto front, every
 * other combination of core clock (the board's min, middle, default and max) and buffer scale
 * ({@code bufferScales}, default 0.5, 1, 2). Buffers change DDR traffic and the clock changes
 * everything, but neither changes which shapes fill the arrays well, so the search spends its
 * evaluations where the shapes are good. The controller keeps the base design's clock throughout.
 *
 * <p>Only designs that fit the board within the cost model's ceilings are kept (the cost model's
 * {@code fitWithinCeilings}; the caller chooses the ceilings through the model's constants).
 *
 * @param fractionSteps F takes the values i / fractionSteps, i = 0 … fractionSteps
 * @param rowOptions    array row counts to sweep; empty means the base design's rows only
 * @param refineTop     designs per family and fraction that stages 2 and 3 refine; 0 means stage 1 only
 * @param refineClocks  whether stage 3 sweeps the clock
 */
public record ExploreGrid(int fractionSteps, List<Integer> rowOptions, List<Double> colLevels,
                          List<Double> bufferScales, int refineTop, boolean refineClocks) {
    public ExploreGrid {
        if (fractionSteps < 1 || colLevels.isEmpty() || bufferScales.isEmpty() || refineTop < 0) {
            throw new IllegalArgumentException("a grid needs fraction steps, column levels and buffer scales");
        }
        rowOptions = List.copyOf(rowOptions);
        colLevels = List.copyOf(colLevels);
        bufferScales = List.copyOf(bufferScales);
    }

    /**
     * The documented default grid: 21 fractions, rows 8/16/32/64, packings 1/2/4, 4 column levels
     * per core; stage 2 polishes the 3 best designs per family and F; stage 3 tries them at 4 clocks ×
     * 3 buffer scales.
     */
    public static ExploreGrid standard() {
        return new ExploreGrid(20, List.of(8, 16, 32, 64), List.of(0.25, 0.5, 0.75, 1.0), List.of(0.5, 1.0, 2.0),
                3, true);
    }

    /** A small grid for tests and quick looks: 5 fractions, base rows, 2 column levels, stage 1 only. */
    public static ExploreGrid small() {
        return new ExploreGrid(4, List.of(), List.of(0.5, 1.0), List.of(1.0), 0, false);
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

    /** DSP packings to sweep at {@code weightBits}: 4 lanes need ≤ 4-bit weights, 2 lanes ≤ 8 bits. */
    public static List<Integer> packings(int weightBits) {
        return weightBits <= 4 ? List.of(1, 2, 4) : weightBits <= 8 ? List.of(1, 2) : List.of(1);
    }

    /**
     * Stage 1: every shape of the grid that fits, in a fixed order (family, F, rows, packing, DSP
     * cols, LUT cols), indices from 0.
     */
    public List<Design> designs(BoardSpec board, AcceleratorSpec base, CostModel model) {
        Builder b = new Builder(board, base, model);
        long clk = board.clocks().maxHz();
        List<Integer> rowsList = rowOptions.isEmpty() ? List.of(b.baseRows) : rowOptions;
        List<Design> out = new ArrayList<>();
        for (DesignFamily fam : DesignFamily.values()) {
            for (double f : fractions()) {
                if ((fam == DesignFamily.DSP_ONLY) != (f == 0)) {
                    continue;
                }
                for (int rows : rowsList) {
                    for (int packing : f == 1 ? List.of(b.basePacking) : packings(base.weightBits())) {
                        for (int[] shape : shapes(b, fam, f, rows, packing)) {
                            stageOneScales().stream()
                                    .map(s -> b.design(out.size(), fam, f, rows, packing, shape[0], shape[1], clk, s))
                                    .flatMap(Optional::stream).findFirst().ifPresent(out::add);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Buffer scales stage 1 tries, in order: 1, then the smaller ones downwards, then the larger upwards. */
    private List<Double> stageOneScales() {
        List<Double> out = new ArrayList<>();
        if (bufferScales.contains(1.0)) {
            out.add(1.0);
        }
        bufferScales.stream().filter(s -> s < 1).sorted(Comparator.reverseOrder()).forEach(out::add);
        bufferScales.stream().filter(s -> s > 1).sorted().forEach(out::add);
        return out;
    }

    /**
     * Stage 2, shape polish: around each of the {@code refineTop} fastest stage-1 designs of each
     * family and F, the DSP column counts within {@code ±POLISH_SPAN}, each with the most LUT columns
     * that fit beside it and with the design's own LUT column count (LUT-only designs: LUT columns
     * within the span). Column levels are coarse, and a core's time moves in whole filter folds
     * ({@code ⌈filters/columns⌉}): the two cores finish together only when their fold counts match on
     * the layers that matter, which a coarse grid often misses by a column or two. Same clock and
     * buffer scale as the design polished; shapes already evaluated are skipped.
     */
    public List<Design> polish(BoardSpec board, AcceleratorSpec base, CostModel model, List<DesignResult> done,
                               int firstIndex) {
        if (refineTop == 0) {
            return List.of();
        }
        Builder b = new Builder(board, base, model);
        Set<String> seen = new HashSet<>();
        done.forEach(r -> seen.add(key(r.design())));
        List<Design> out = new ArrayList<>();
        for (Design d : topPerGroup(done).values()) {
            int packing = d.spec().dspCore().map(PeArraySpec::packing).orElse(b.basePacking);
            TreeSet<Long> pairs = new TreeSet<>(); // (DSP cols << 32) | LUT cols, ascending
            if (d.dspCols() == 0) {
                for (int l = Math.max(1, d.lutCols() - POLISH_SPAN); l <= d.lutCols() + POLISH_SPAN; l++) {
                    pairs.add((long) l);
                }
            } else {
                for (int c = Math.max(1, d.dspCols() - POLISH_SPAN); c <= d.dspCols() + POLISH_SPAN; c++) {
                    if (d.family() == DesignFamily.DSP_ONLY) {
                        pairs.add((long) c << 32);
                    } else {
                        int max = b.maxCols(d.family().lutMac(), d.rows(), packing, c);
                        for (int l : new int[] {max, d.lutCols()}) {
                            if (l > 0 && l <= max) {
                                pairs.add(((long) c << 32) | l);
                            }
                        }
                    }
                }
            }
            for (long pair : pairs) {
                int c = (int) (pair >>> 32);
                int l = (int) pair;
                b.design(firstIndex + out.size(), d.family(), d.fraction(), d.rows(), packing, c, l, d.clockHz(),
                        d.bufferScale()).filter(x -> seen.add(key(x))).ifPresent(out::add);
            }
        }
        return out;
    }

    /** How far stage 2 moves a core's column count, each way. */
    public static final int POLISH_SPAN = 3;

    private static String key(Design d) {
        return d.family() + "/" + d.fraction() + "/" + d.spec().name();
    }

    /** The {@code refineTop} fastest designs of each family and F, by index. */
    private Map<Integer, Design> topPerGroup(List<DesignResult> results) {
        Map<String, List<DesignResult>> groups = new LinkedHashMap<>();
        for (DesignResult r : results) {
            groups.computeIfAbsent(r.design().family() + "/" + r.design().fraction(), k -> new ArrayList<>()).add(r);
        }
        Map<Integer, Design> chosen = new TreeMap<>();
        for (List<DesignResult> g : groups.values()) {
            g.stream().sorted(Exploration.FASTEST).limit(refineTop).forEach(r -> chosen.put(r.design().index(),
                    r.design()));
        }
        return chosen;
    }

    /**
     * Stage 3: the other clocks and buffer scales of the designs worth refining (the {@code refineTop}
     * fastest of each family and F among {@code done}, the results of stages 1 and 2, and their Pareto
     * front), indices from {@code firstIndex}, in the order of the refined designs' indices; designs
     * already in {@code done} are skipped.
     */
    public List<Design> refinements(BoardSpec board, AcceleratorSpec base, CostModel model,
                                    List<DesignResult> done, int firstIndex) {
        Map<Integer, Design> chosen = new TreeMap<>();
        if (refineTop > 0) {
            chosen.putAll(topPerGroup(done));
            new Exploration(done, 0).pareto().forEach(r -> chosen.put(r.design().index(), r.design()));
        }
        Builder b = new Builder(board, base, model);
        Set<String> seen = new HashSet<>();
        done.forEach(r -> seen.add(key(r.design())));
        List<Long> clocks = refineClocks ? clocks(board.clocks()) : List.of(board.clocks().maxHz());
        List<Design> out = new ArrayList<>();
        for (Design d : chosen.values()) {
            int packing = d.spec().dspCore().map(PeArraySpec::packing).orElse(b.basePacking);
            for (long clk : clocks) {
                for (double s : bufferScales) {
                    b.design(firstIndex + out.size(), d.family(), d.fraction(), d.rows(), packing, d.dspCols(),
                            d.lutCols(), clk, s).filter(x -> seen.add(key(x))).ifPresent(out::add);
                }
            }
        }
        return out;
    }

    /** The (DSP cols, LUT cols) pairs for one family, fraction, row count and packing, at buffer scale 1. */
    private List<int[]> shapes(Builder b, DesignFamily fam, double f, int rows, int packing) {
        List<int[]> out = new ArrayList<>();
        List<Integer> dsp = f == 1 ? List.of(0) : levels(b.maxCols(null, rows, packing, 0));
        for (int d : dsp) {
            List<Integer> lut = fam == DesignFamily.DSP_ONLY ? List.of(0)
                    : levels(b.maxCols(fam.lutMac(), rows, packing, d));
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
        private final int baseRows;
        private final int basePacking;
        private final Map<String, Integer> maxCache = new HashMap<>();

        Builder(BoardSpec board, AcceleratorSpec base, CostModel model) {
            this.board = board;
            this.base = base;
            this.model = model;
            this.baseRows = base.dspCore().or(base::lutCore).orElseThrow().rows();
            long clk = board.clocks().defaultHz();
            this.dspTemplate = base.dspCore().orElse(new PeArraySpec("dsp_core", MacKind.DSP,
                    Dataflow.OUTPUT_STATIONARY, baseRows, 1, base.weightBits() <= 4 ? 4 : 2, clk, 24));
            this.lutTemplate = base.lutCore().orElse(new PeArraySpec("lut_core", MacKind.LUT_SP2,
                    Dataflow.OUTPUT_STATIONARY, baseRows, 1, 1, clk, dspTemplate.accumulatorBits()));
            this.basePacking = dspTemplate.packing();
        }

        /** The most columns of a core that fit: DSP alone ({@code lutMac} null) or LUT beside {@code dspCols}. */
        int maxCols(MacKind lutMac, int rows, int packing, int dspCols) {
            return maxCache.computeIfAbsent(lutMac + "/" + rows + "/" + packing + "/" + dspCols, k -> {
                int lo = 0;
                int hi = 4096;
                while (lo < hi) {
                    int mid = (lo + hi + 1) >>> 1;
                    AcceleratorSpec s = lutMac == null
                            ? spec(DesignFamily.DSP_ONLY, rows, packing, mid, 0, board.clocks().defaultHz(), 1)
                            : spec(lutMac == MacKind.LUT_SP2 ? DesignFamily.MSQ : DesignFamily.LUT_FIXED, rows,
                            packing, dspCols, mid, board.clocks().defaultHz(), 1);
                    if (s != null && model.fitWithinCeilings(s, board.device()).fits()) {
                        lo = mid;
                    } else {
                        hi = mid - 1;
                    }
                }
                return lo;
            });
        }

        Optional<Design> design(int index, DesignFamily fam, double f, int rows, int packing, int dspCols,
                                int lutCols, long clk, double s) {
            AcceleratorSpec spec = spec(fam, rows, packing, dspCols, lutCols, clk, s);
            if (spec == null) {
                return Optional.empty();
            }
            FitReport fit = model.fitWithinCeilings(spec, board.device());
            if (!fit.fits()) {
                return Optional.empty();
            }
            return Optional.of(new Design(index, fam, f, spec, rows, dspCols, lutCols, clk, s, fit.used()));
        }

        /** The spec, or null when it cannot be built (more DSP slices than the device has, too wide a buffer). */
        AcceleratorSpec spec(DesignFamily fam, int rows, int packing, int dspCols, int lutCols, long clk, double s) {
            if ((long) rows * dspCols > board.device().dsp()) {
                return null;
            }
            Optional<PeArraySpec> dsp = dspCols == 0 ? Optional.empty() : Optional.of(new PeArraySpec(
                    dspTemplate.name(), MacKind.DSP, dspTemplate.dataflow(), rows, dspCols, packing, clk,
                    dspTemplate.accumulatorBits()));
            Optional<PeArraySpec> lut = lutCols == 0 ? Optional.empty() : Optional.of(new PeArraySpec(
                    lutTemplate.name(), fam.lutMac(), lutTemplate.dataflow(), rows, lutCols, 1, clk,
                    lutTemplate.accumulatorBits()));
            long filterBits = ((long) dspCols * packing + lutCols) * base.weightBits();
            BufferSpec w = base.weightBuffer();
            int banks = (int) Math.max(1, (filterBits + w.widthBits() - 1) / w.widthBits());
            if (banks > 4096) {
                return null;
            }
            long perBank = kib(w.capacityBytes() / (double) w.banks() * s);
            BufferSpec weight = new BufferSpec(w.name(), perBank * banks, w.widthBits(), banks, w.doubleBuffered(),
                    w.memory());
            BufferSpec input = rowWide(base.inputBuffer(), rows, s);
            BufferSpec output = rowWide(base.outputBuffer(), rows, s);
            if (input == null || output == null) {
                return null;
            }
            String name = String.format(Locale.ROOT, "%s-%dx%dx%d-dsp+%dx%d-%s-%dmhz-buf%s", base.name(), rows,
                    dspCols, packing, rows, lutCols, fam.label(), clk / 1_000_000, s);
            return new AcceleratorSpec(name, dsp, lut, input, weight, output, base.ddr(), base.controlClockHz(),
                    base.weightBits(), base.activationBits());
        }

        /** A buffer one array row wide (the base width per row × rows), capacity × s; null if too wide. */
        private BufferSpec rowWide(BufferSpec b, int rows, double s) {
            long width = Math.max(1, (long) b.widthBits() * rows / baseRows);
            if (width > 4096) {
                return null;
            }
            return new BufferSpec(b.name(), kib(b.capacityBytes() * s), (int) width, b.banks(), b.doubleBuffered(),
                    b.memory());
        }

        /** Bytes rounded to whole KiB, at least 1 KiB. */
        private static long kib(double bytes) {
            return Math.max(1, Math.round(bytes / 1024)) * 1024;
        }
    }
}
