package org.msqsim.models.explore;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.msqsim.core.resource.CostModel;
import org.msqsim.core.resource.DepthwiseEngineSizing;
import org.msqsim.core.resource.FitReport;
import org.msqsim.core.resource.MemoryAttachment;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BitWidthChange;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.spec.BufferSpec;
import org.msqsim.core.spec.Dataflow;
import org.msqsim.core.spec.DepthwiseEngineSpec;
import org.msqsim.core.spec.MacKind;
import org.msqsim.core.spec.PeArraySpec;

/**
 * Builds the designs of the search from a board's default design ("base") and checks their fit
 * within the cost model's ceilings. The base design's cores are the templates of the two cores
 * (their names, dataflow and accumulator width); a base without a DSP or LUT core gets a default one.
 * Not thread-safe: the stages run on one thread.
 */
final class DesignBuilder {
    /** The widest buffer (bits) and the most weight banks a built spec may have. */
    private static final int MAX_WIDTH_BITS = 4096;
    private static final int MAX_BANKS = 4096;

    private final BoardSpec board;
    private final AcceleratorSpec base;
    private final CostModel model;
    private final PeArraySpec dspTemplate;
    private final PeArraySpec lutTemplate;
    private final int baseRows;
    private final int basePacking;
    private final Map<ColumnKey, Integer> maxCache = new HashMap<>();
    private final String memory;

    /** A {@link #maxCols} question: DSP alone ({@code DSP_ONLY}) or the family's LUT core beside {@code dspCols}. */
    private record ColumnKey(DesignFamily family, int rows, int packing, int dspCols, double engineShare) {
    }

    DesignBuilder(BoardSpec board, AcceleratorSpec base, CostModel model) {
        this.board = board;
        this.base = base;
        this.model = model;
        this.baseRows = base.dspCore().or(base::lutCore).orElseThrow().rows();
        long clk = board.clocks().defaultHz();
        this.dspTemplate = base.dspCore().orElse(new PeArraySpec("dsp_core", MacKind.DSP,
                Dataflow.OUTPUT_STATIONARY, baseRows, 1, BitWidthChange.maxPacking(base.weightBits()), clk, 24));
        this.lutTemplate = base.lutCore().orElse(new PeArraySpec("lut_core", MacKind.LUT_SP2,
                Dataflow.OUTPUT_STATIONARY, baseRows, 1, 1, clk, dspTemplate.accumulatorBits()));
        this.basePacking = dspTemplate.packing();
        this.memory = board.memories().size() < 2 ? "" : memoryLabel(base, board);
    }

    /** How reports name the memory {@code base} uses: where its controller sits. */
    private static String memoryLabel(AcceleratorSpec base, BoardSpec board) {
        return switch (MemoryAttachment.infer(base, board.device())) {
            case PS_DDR -> "PS DDR";
            case PL_MIG -> "MIG";
            case PL_HBM -> "HBM";
        };
    }

    BoardSpec board() {
        return board;
    }

    AcceleratorSpec base() {
        return base;
    }

    /** The base design's array rows. */
    int baseRows() {
        return baseRows;
    }

    /** The base design's DSP packing (the default DSP core's when it has none). */
    int basePacking() {
        return basePacking;
    }

    /** The DSP packing of a design: its DSP core's, or the base packing when it has none. */
    int packing(Design d) {
        return d.spec().dspCore().map(PeArraySpec::packing).orElse(basePacking);
    }

    /**
     * The most columns of a core that fit: of the DSP core alone for {@link DesignFamily#DSP_ONLY}, else
     * of the family's LUT core beside {@code dspCols} DSP columns.
     */
    int maxCols(DesignFamily family, int rows, int packing, int dspCols) {
        return maxCols(family, rows, packing, dspCols, 0);
    }

    /** As {@link #maxCols(DesignFamily, int, int, int)}, beside a depthwise engine of {@code engineShare}. */
    int maxCols(DesignFamily family, int rows, int packing, int dspCols, double engineShare) {
        return maxCache.computeIfAbsent(new ColumnKey(family, rows, packing, dspCols, engineShare), k -> {
            int lo = 0;
            int hi = 4096;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                SpecBuild s = family == DesignFamily.DSP_ONLY
                        ? spec(family, rows, packing, mid, 0, board.clocks().defaultHz(), 1, engineShare)
                        : spec(family, rows, packing, dspCols, mid, board.clocks().defaultHz(), 1, engineShare);
                if (s instanceof SpecBuild.Buildable b && model.fitWithinCeilings(b.spec(), board.device()).fits()) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo;
        });
    }

    /** The design at grid index {@code index} without a depthwise engine, if it can be built and fits. */
    Optional<Design> design(int index, DesignFamily fam, double f, int rows, int packing, int dspCols,
                            int lutCols, long clk, double s) {
        return design(index, fam, f, rows, packing, dspCols, lutCols, clk, s, 0);
    }

    /**
     * The design at grid index {@code index}, if its spec can be built and fits within the ceilings; its
     * depthwise engine sized at {@code engineShare} of the core LUT budget (0: none).
     */
    Optional<Design> design(int index, DesignFamily fam, double f, int rows, int packing, int dspCols,
                            int lutCols, long clk, double s, double engineShare) {
        if (!(spec(fam, rows, packing, dspCols, lutCols, clk, s, engineShare) instanceof SpecBuild.Buildable built)) {
            return Optional.empty();
        }
        AcceleratorSpec spec = built.spec();
        FitReport fit = model.fitWithinCeilings(spec, board.device());
        if (!fit.fits()) {
            return Optional.empty();
        }
        return Optional.of(new Design(index, fam, f, spec, rows, dspCols, lutCols, clk, s, fit.used(), memory,
                engineShare));
    }

    /** {@link #spec(DesignFamily, int, int, int, int, long, double, double)} without a depthwise engine. */
    SpecBuild spec(DesignFamily fam, int rows, int packing, int dspCols, int lutCols, long clk, double s) {
        return spec(fam, rows, packing, dspCols, lutCols, clk, s, 0);
    }

    /**
     * The spec of one shape at clock {@code clk} and buffer scale {@code s}, or why it cannot be built:
     * more DSP slices than the device has, too many weight banks, or too wide an input or output buffer.
     * Its depthwise engine is the documented rule's ({@link DepthwiseEngineSizing}) at {@code engineShare}
     * beside these cores, none at 0 (whatever engine the base design has).
     */
    SpecBuild spec(DesignFamily fam, int rows, int packing, int dspCols, int lutCols, long clk, double s,
                   double engineShare) {
        // a vector PE has V lanes, two per slice when double-pumped (the template's)
        long slices = (long) rows * dspCols * dspTemplate.vectorLanes() / (dspTemplate.doublePumped() ? 2 : 1);
        if (slices > board.device().dsp()) {
            return new SpecBuild.Unbuildable("a " + rows + "x" + dspCols + " DSP core needs " + slices
                    + " DSP slices, the device has " + board.device().dsp());
        }
        Optional<PeArraySpec> dsp = dspCols == 0 ? Optional.empty()
                : Optional.of(dspTemplate.withShape(rows, dspCols).withPacking(packing).withClockHz(clk));
        Optional<PeArraySpec> lut = lutCols == 0 ? Optional.empty()
                : Optional.of(lutTemplate.withMac(fam.lutMac()).withShape(rows, lutCols).withClockHz(clk));
        // weights a clock takes: each PE column's filters × its lanes (V input channels per PE)
        long filterBits = ((long) dspCols * packing * dspTemplate.vectorLanes()
                + (long) lutCols * lutTemplate.vectorLanes()) * base.weightBits();
        BufferSpec w = base.weightBuffer();
        int banks = (int) Math.max(1, (filterBits + w.widthBits() - 1) / w.widthBits());
        if (banks > MAX_BANKS) {
            return new SpecBuild.Unbuildable("weight buffer of " + banks + " banks, more than " + MAX_BANKS);
        }
        long perBank = kib(w.capacityBytes() / (double) w.banks() * s);
        BufferSpec weight = w.withBanks(banks).withCapacityBytes(perBank * banks);
        long inputWidth = rowWidth(base.inputBuffer(), rows);
        long outputWidth = rowWidth(base.outputBuffer(), rows);
        if (inputWidth > MAX_WIDTH_BITS || outputWidth > MAX_WIDTH_BITS) {
            return new SpecBuild.Unbuildable("input or output buffer " + Math.max(inputWidth, outputWidth)
                    + " bits wide, more than " + MAX_WIDTH_BITS);
        }
        BufferSpec input = rowWide(base.inputBuffer(), inputWidth, s);
        BufferSpec output = rowWide(base.outputBuffer(), outputWidth, s);
        String name = String.format(Locale.ROOT, "%s-%dx%dx%d-dsp+%dx%d-%s-%dmhz-buf%s", base.name(), rows,
                dspCols, packing, rows, lutCols, fam.label(), clk / 1_000_000, s);
        AcceleratorSpec cores = base.withName(name).withCores(dsp, lut).withBuffers(input, weight, output);
        Optional<DepthwiseEngineSpec> engine = engineShare == 0 ? Optional.empty()
                : DepthwiseEngineSizing.size(model, cores, board.device(), engineShare);
        String dw = engine.map(e -> String.format(Locale.ROOT, "-dw%dx%d+%d", e.pixels(), e.channels(),
                e.sp2Channels())).orElse("");
        return new SpecBuild.Buildable(cores.withName(name + dw).withDepthwiseEngine(engine));
    }

    /** The width of a buffer one array row wide: the base width per row × rows, at least 1 bit. */
    private long rowWidth(BufferSpec b, int rows) {
        return Math.max(1, (long) b.widthBits() * rows / baseRows);
    }

    /** A buffer {@code width} bits wide (at most {@link #MAX_WIDTH_BITS}), capacity × s. */
    private static BufferSpec rowWide(BufferSpec b, long width, double s) {
        return b.withCapacityBytes(kib(b.capacityBytes() * s)).withWidthBits((int) width);
    }

    /** Bytes rounded to whole KiB, at least 1 KiB. */
    private static long kib(double bytes) {
        return Math.max(1, Math.round(bytes / 1024)) * 1024;
    }
}
