package org.msqsim.models.explore;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.msqsim.core.hw.compute.BufferPorts;
import org.msqsim.core.resource.CostModel;
import org.msqsim.core.resource.DepthwiseEngineSizing;
import org.msqsim.core.resource.OutputStageSizing;
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
    /** The most column sets of the base design's cores (its input port reads that many streams). */
    private final int baseColumnSets;
    private final Map<ColumnKey, Integer> maxCache = new HashMap<>();
    private final String memory;

    private final Organisations baseOrganisations;
    /**
     * The base design's input buffer in the banks its cores read (one row of activations per column set,
     * {@code BufferPorts.activationNeedBits}): any banks the base has beyond those are its depthwise
     * engine's ({@code DepthwiseEngineSizing.withEnginePort}), which each built design gets for its own
     * engine instead.
     */
    private final BufferSpec inputTemplate;

    /**
     * A {@link #maxCols} question: DSP alone ({@code DSP_ONLY}) or the family's LUT core beside {@code dspCols},
     * the cores asked for at {@code clockHz}.
     */
    private record ColumnKey(DesignFamily family, Organisations orgs, int rows, int packing, int dspCols,
                             double engineShare, long clockHz) {
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
        this.baseColumnSets = Math.max(base.dspCore().map(PeArraySpec::columnSets).orElse(1),
                base.lutCore().map(PeArraySpec::columnSets).orElse(1));
        this.baseOrganisations = new Organisations(CoreOrganisation.of(dspTemplate), CoreOrganisation.of(lutTemplate));
        this.memory = board.memories().size() < 2 ? "" : memoryLabel(base, board);
        BufferSpec in = base.inputBuffer();
        long coresRead = Math.max(base.dspCore().map(c -> BufferPorts.activationNeedBits(c, base.activationBits()))
                .orElse(0L), base.lutCore().map(c -> BufferPorts.activationNeedBits(c, base.activationBits())).orElse(0L));
        int coreBanks = (int) Math.max(1, Math.min(in.banks(), (coresRead + in.widthBits() - 1) / in.widthBits()));
        this.inputTemplate = in.withBanks(coreBanks);
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

    /** The organisation of the base design's cores (of the default core where it has none). */
    Organisations baseOrganisations() {
        return baseOrganisations;
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
        return maxCols(family, baseOrganisations, rows, packing, dspCols, 0);
    }

    /** As {@link #maxCols(DesignFamily, int, int, int)}, beside a depthwise engine of {@code engineShare}. */
    int maxCols(DesignFamily family, int rows, int packing, int dspCols, double engineShare) {
        return maxCols(family, baseOrganisations, rows, packing, dspCols, engineShare);
    }

    /**
     * The cores organised as {@code orgs}, beside a depthwise engine of {@code engineShare} (0: none), at the
     * board's default clock.
     */
    int maxCols(DesignFamily family, Organisations orgs, int rows, int packing, int dspCols, double engineShare) {
        return maxCols(family, orgs, rows, packing, dspCols, engineShare, board.clocks().defaultHz());
    }

    /**
     * As {@link #maxCols(DesignFamily, Organisations, int, int, int, double)}, the cores asked for at
     * {@code clk} (each held at its kind's ceiling, as {@link #spec} does). The clock matters to the fit:
     * the output stage's lanes ({@link OutputStageSizing}) keep up with the cores' results a control clock,
     * so cores faster than the control clock get more lanes, each a DSP slice and LUTs: the most that fit
     * at a slower clock may not fit at {@code clk}.
     */
    int maxCols(DesignFamily family, Organisations orgs, int rows, int packing, int dspCols, double engineShare,
                long clk) {
        return maxCache.computeIfAbsent(new ColumnKey(family, orgs, rows, packing, dspCols, engineShare, clk), k -> {
            int lo = 0;
            int hi = 4096;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                SpecBuild s = family == DesignFamily.DSP_ONLY
                        ? spec(family, orgs, rows, packing, mid, 0, clk, 1, engineShare)
                        : spec(family, orgs, rows, packing, dspCols, mid, clk, 1, engineShare);
                if (s instanceof SpecBuild.Buildable b && model.fitWithinCeilings(b.spec(), board.device()).fits()) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo;
        });
    }

    /** The design at grid index {@code index}, if its spec can be built and fits within the ceilings. */
    Optional<Design> design(int index, DesignFamily fam, double f, int rows, int packing, int dspCols,
                            int lutCols, long clk, double s) {
        return design(index, fam, baseOrganisations, f, rows, packing, dspCols, lutCols, clk, s, 0);
    }

    /** The base design's organisations, its depthwise engine sized at {@code engineShare} (0: none). */
    Optional<Design> design(int index, DesignFamily fam, double f, int rows, int packing, int dspCols,
                            int lutCols, long clk, double s, double engineShare) {
        return design(index, fam, baseOrganisations, f, rows, packing, dspCols, lutCols, clk, s, engineShare);
    }

    /**
     * The design at grid index {@code index}, organised as {@code orgs}, if its spec can be built and fits
     * within the ceilings; its depthwise engine sized at {@code engineShare} of the core LUT budget (0: none).
     */
    Optional<Design> design(int index, DesignFamily fam, Organisations orgs, double f, int rows, int packing,
                            int dspCols, int lutCols, long clk, double s, double engineShare) {
        if (!(spec(fam, orgs, rows, packing, dspCols, lutCols, clk, s, engineShare)
                instanceof SpecBuild.Buildable built)) {
            return Optional.empty();
        }
        AcceleratorSpec spec = built.spec();
        FitReport fit = model.fitWithinCeilings(spec, board.device());
        if (!fit.fits()) {
            return Optional.empty();
        }
        return Optional.of(new Design(index, fam, f, spec, rows, dspCols, lutCols, designClock(spec), s, fit.used(),
                memory, orgs, engineShare));
    }

    /**
     * The clock of a core of kind {@code mac} when the search asks for {@code clk}: at most the
     * board's documented clock for that kind ({@link org.msqsim.core.spec.ClockRange#ceilingHz}), so a
     * LUT core may run slower than the DSP core beside it; each core is its own clock domain.
     */
    long coreClock(MacKind mac, long clk) {
        return Math.min(clk, board.clocks().ceilingHz(mac));
    }

    /** A design's clock as reports name it: its fastest core's. */
    private static long designClock(AcceleratorSpec spec) {
        return Math.max(spec.dspCore().map(PeArraySpec::clockHz).orElse(0L),
                spec.lutCore().map(PeArraySpec::clockHz).orElse(0L));
    }

    /** The spec of one shape with the base design's organisations and no depthwise engine; see the full method. */
    SpecBuild spec(DesignFamily fam, int rows, int packing, int dspCols, int lutCols, long clk, double s) {
        return spec(fam, baseOrganisations, rows, packing, dspCols, lutCols, clk, s, 0);
    }

    /** The spec of one shape organised as {@code orgs}, no depthwise engine; see the full method. */
    SpecBuild spec(DesignFamily fam, Organisations orgs, int rows, int packing, int dspCols, int lutCols, long clk,
                   double s) {
        return spec(fam, orgs, rows, packing, dspCols, lutCols, clk, s, 0);
    }

    /** The spec of one shape with the base design's organisations; see the full method. */
    SpecBuild spec(DesignFamily fam, int rows, int packing, int dspCols, int lutCols, long clk, double s,
                   double engineShare) {
        return spec(fam, baseOrganisations, rows, packing, dspCols, lutCols, clk, s, engineShare);
    }

    /**
     * The spec of one shape, its cores organised as {@code orgs}, at clock {@code clk} and buffer scale
     * {@code s}, or why it cannot be built: an organisation the template's options do not allow, more
     * DSP slices than the device has, too many weight banks, or too wide an input buffer.
     *
     * <p>The buffers' ports are sized for what the cores read each clock at full rate (issue 13 point
     * 10; {@code docs/cost-model.md} "Buffer ports"): the weight buffer gets the banks of
     * {@link CoreOrganisation#weightsPerColumn} weights per column of each core, and the input buffer
     * the width of {@link CoreOrganisation#activationsPerRow} activations per array row. The weight
     * buffer's capacity stays what an output-stationary core of the same columns gets (its banks at
     * the base design's depth), so an organisation that reads faster pays in banks, i.e. block RAMs of
     * the cost model's port shapes, not in capacity it does not need.
     *
     * <p>Its depthwise engine is the documented rule's ({@link DepthwiseEngineSizing}) at
     * {@code engineShare} beside these cores, none at 0 (whatever engine the base design has), and the
     * input buffer gets the banks the engine reads ({@link DepthwiseEngineSizing#withEnginePort}: the
     * bank count of the fewest block RAMs, priced by the cost model like any bank).
     *
     * <p>Its output stage has the lanes of the documented rule ({@link OutputStageSizing}: the cores'
     * result rate at the target reduction length, or the engine's), whatever the base design has.
     */
    SpecBuild spec(DesignFamily fam, Organisations orgs, int rows, int packing, int dspCols, int lutCols, long clk,
                   double s, double engineShare) {
        Optional<PeArraySpec> dsp;
        Optional<PeArraySpec> lut;
        try {
            dsp = dspCols == 0 ? Optional.empty() : Optional.of(orgs.dsp().withSets(orgs.dsp().apply(dspTemplate)
                    .withShape(rows, dspCols).withPacking(packing).withClockHz(coreClock(MacKind.DSP, clk))));
            lut = lutCols == 0 ? Optional.empty() : Optional.of(orgs.lut().withSets(orgs.lut().apply(lutTemplate)
                    .withMac(fam.lutMac()).withShape(rows, lutCols).withClockHz(coreClock(fam.lutMac(), clk))));
        } catch (IllegalArgumentException e) {
            return new SpecBuild.Unbuildable("organisation " + orgs.label() + " does not suit the base design's "
                    + "cores: " + e.getMessage());
        }
        // a vector PE has V lanes, two per slice when double-pumped (the template's)
        long slices = dsp.map(c -> (long) c.multipliers()).orElse(0L);
        if (slices > board.device().dsp()) {
            return new SpecBuild.Unbuildable("a " + rows + "x" + dspCols + " DSP core needs " + slices
                    + " DSP slices, the device has " + board.device().dsp());
        }
        BufferSpec w = widestBanks(base.weightBuffer());
        // capacity: each PE column's filters × its lanes, as an output-stationary core reads them
        long capacityBits = ((long) dspCols * packing * orgs.dsp().vectorLanes()
                + (long) lutCols * orgs.lut().vectorLanes()) * base.weightBits();
        // ports: what each core's dataflow reads a clock
        long demandBits = (dsp.map(c -> c.cols() * CoreOrganisation.weightsPerColumn(c)).orElse(0L)
                + lut.map(c -> c.cols() * CoreOrganisation.weightsPerColumn(c)).orElse(0L)) * base.weightBits();
        int capacityBanks = (int) Math.max(1, (capacityBits + w.widthBits() - 1) / w.widthBits());
        long banksNeeded = Math.max(capacityBanks, (demandBits + w.widthBits() - 1) / w.widthBits());
        if (banksNeeded > MAX_BANKS) {
            return new SpecBuild.Unbuildable("weight buffer of " + banksNeeded + " banks, more than " + MAX_BANKS);
        }
        int banks = (int) banksNeeded;
        long perBank = kib(w.capacityBytes() / (double) w.banks() * s);
        BufferSpec weight = w.withBanks(banks).withCapacityBytes(perBank * capacityBanks);
        int lanesPerRow = Math.max(dsp.map(CoreOrganisation::activationsPerRow).orElse(1),
                lut.map(CoreOrganisation::activationsPerRow).orElse(1));
        long inputWidth = rowWidth(inputTemplate, rows) * lanesPerRow;
        long outputWidth = rowWidth(base.outputBuffer(), rows);
        if (inputWidth > MAX_WIDTH_BITS || outputWidth > MAX_WIDTH_BITS) {
            return new SpecBuild.Unbuildable("input or output buffer " + Math.max(inputWidth, outputWidth)
                    + " bits wide, more than " + MAX_WIDTH_BITS);
        }
        BufferSpec input = rowWide(inputTemplate, inputWidth, s);
        BufferSpec output = rowWide(base.outputBuffer(), outputWidth, s);
        // the clocks the cores get (a LUT core held below the DSP core's shows both)
        long dspClk = dsp.map(PeArraySpec::clockHz).orElse(clk);
        long lutClk = lut.map(PeArraySpec::clockHz).orElse(clk);
        String mhz = dspCols > 0 && lutCols > 0 && dspClk != lutClk ? dspClk / 1_000_000 + "+" + lutClk / 1_000_000
                : String.valueOf((dspCols > 0 ? dspClk : lutCols > 0 ? lutClk : clk) / 1_000_000);
        String name = String.format(Locale.ROOT, "%s-%dx%dx%d-dsp+%dx%d-%s-%smhz-buf%s%s", base.name(), rows,
                dspCols, packing, rows, lutCols, fam.label(), mhz, s,
                orgs.equals(baseOrganisations) ? "" : "-" + orgs.dsp().label() + "+" + orgs.lut().label());
        // the output stage's lanes by the documented rule (OutputStageSizing), before the engine's LUT share is
        // taken of the budget they use, and again with the engine (whose result rate may be the larger)
        AcceleratorSpec cores = OutputStageSizing.withLanes(base.withName(name).withCores(dsp, lut)
                .withBuffers(input, weight, output));
        Optional<DepthwiseEngineSpec> engine = engineShare == 0 ? Optional.empty()
                : DepthwiseEngineSizing.size(model, cores, board.device(), engineShare);
        String dw = engine.map(e -> String.format(Locale.ROOT, "-dw%dx%d+%d", e.pixels(), e.channels(),
                e.sp2Channels())).orElse("");
        // the engine reads one activation per lane a tap clock from the input buffer: banks for it
        try {
            return new SpecBuild.Buildable(OutputStageSizing.withLanes(DepthwiseEngineSizing.withEnginePort(
                    cores.withName(name + dw).withDepthwiseEngine(engine), board.device())));
        } catch (IllegalArgumentException e) {
            return new SpecBuild.Unbuildable(e.getMessage());
        }
    }

    /**
     * The width of a buffer one array row wide: the base width per row × rows, at least 1 bit. The
     * base's input port carries one row per column set of its cores (N streams), so its width per row
     * is its width over the base's N.
     */
    private long rowWidth(BufferSpec b, int rows) {
        int sets = b == inputTemplate ? baseColumnSets : 1;
        return Math.max(1, (long) b.widthBits() * rows / ((long) baseRows * sets));
    }

    /**
     * {@code b} in banks of {@value #WEIGHT_BANK_BITS} bits at the same depth in words: a design's weight
     * banks are as wide as a block RAM's widest simple-dual-port data path (RAMB36: 64 data bits, UG473
     * / UG573), whatever width the base design's bank count happened to need — a base sized in 16-bit
     * banks would otherwise give an organisation that reads many weights a clock four times the banks,
     * each at least a block RAM.
     */
    private static BufferSpec widestBanks(BufferSpec b) {
        if (b.widthBits() >= WEIGHT_BANK_BITS) {
            return b;
        }
        long words = b.capacityBytes() * 8 / ((long) b.banks() * b.widthBits());
        return b.withWidthBits(WEIGHT_BANK_BITS).withCapacityBytes(words * WEIGHT_BANK_BITS / 8 * b.banks());
    }

    /** Data bits of one weight bank of an explored design: a RAMB36's simple-dual-port width (UG473). */
    static final int WEIGHT_BANK_BITS = 64;

    /** A buffer {@code width} bits wide (at most {@link #MAX_WIDTH_BITS}), capacity × s. */
    private static BufferSpec rowWide(BufferSpec b, long width, double s) {
        return b.withCapacityBytes(kib(b.capacityBytes() * s)).withWidthBits((int) width);
    }

    /** Bytes rounded to whole KiB, at least 1 KiB. */
    private static long kib(double bytes) {
        return Math.max(1, Math.round(bytes / 1024)) * 1024;
    }
}
