package org.msqsim.core.hw.compute;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BufferSpec;
import org.msqsim.core.spec.Dataflow;
import org.msqsim.core.spec.DepthwiseEngineSpec;
import org.msqsim.core.spec.PeArraySpec;

/**
 * What each core's feeders must read from the weight and input buffers per clock to run unstalled,
 * against what the buffers' ports give ({@code banks × width_bits}, as
 * {@code OnChipBuffer.bitsPerCycle()}), and the {@link FeedStall} that follows (issue 13 point 10;
 * docs/cost-model.md "Buffer bandwidth").
 *
 * <p>Demand per clock at full rate, from the dataflows ({@link ArrayTiming}; the same rule
 * {@code explore}'s {@code CoreOrganisation} sizes its ports by, docs/core-organisations.md §3):
 * <ul>
 *   <li><b>weights</b>: a systolic column takes {@code p·V} weights a clock at its top (OS: every
 *       streaming clock; WS: every preload clock), a dot-product PE {@code rows·p} (one per product,
 *       as FINN's MVAU streams them); × columns × W bits. Both cores read the one weight buffer at
 *       once, so its port must carry the <i>sum</i> of their demands; when it is short, its banks
 *       are taken to be split between the cores in proportion to their demands (a bank wired to a
 *       core's columns), and both stall by {@code ceil(sum / have)}.</li>
 *   <li><b>activations</b>: V per array row for a systolic array of V-lane PEs, one vector of
 *       {@code rows} for a dot-product array (broadcast to every PE), × N with N column sets; × A bits. Both cores take the
 *       same input rows, so one read serves both: each core stalls by {@code ceil(its need / have)}.</li>
 * </ul>
 * A core's demand is counted in bits per clock of its own clock, as is the port: each bank is taken to
 * be clocked by the core that reads it (a block RAM's two ports have independent clocks, UG473
 * "Block RAM Summary" / UG573). Port widths are data bits (a 72-bit RAMB36 port is 64 data bits plus
 * parity when the board file says 64).
 *
 * <p>The depthwise engine reads the input buffer too: one activation per lane a tap clock
 * ({@link #engineActivationNeedBits}), stalled by {@link #engineStall} when the port is short
 * ({@link DepthwiseEngine}); the engine runs when the cores do not, so it has the port to itself.
 *
 * <p>The output side is reported, not enforced: an output-stationary column emits one result a clock
 * during its drain, so a fold's drain writes up to {@code cols·p} partial sums a clock, which the
 * output buffer (sized by the board files for one array column of requantized outputs per cycle)
 * does not carry; the output stage's own rate is the requantization units' ({@code OutputStageCost}).
 * {@link #outputNeedBits} gives the figure for the report.
 */
public final class BufferPorts {
    private BufferPorts() {
    }

    /** One buffer's port against a demand: bits per clock needed and available, and the clocks per read. */
    public record Port(String buffer, long needBits, long haveBits) {
        /** {@code ceil(need / have)}, at least 1. */
        public int factor() {
            return (int) Math.max(1, (needBits + haveBits - 1) / haveBits);
        }
    }

    /** One core's two feeds and the stall they give it. */
    public record CoreFeed(String core, Port weights, Port activations) {
        public FeedStall stall() {
            return new FeedStall(weights.factor(), activations.factor());
        }
    }

    /** Weight bits a core reads per clock at full rate. */
    public static long weightNeedBits(PeArraySpec core, int weightBits) {
        long perColumn = core.dataflow() == Dataflow.DOT_PRODUCT ? (long) core.rows() * core.packing()
                : (long) core.packing() * core.vectorLanes();
        return core.cols() * perColumn * weightBits;
    }

    /**
     * Activation bits a core reads per clock at full rate: with column sets ({@code column_sets} N), N
     * streams per row, one per set (a dot-product array N input vectors of {@code rows}) (a tile on fewer sets reads fewer; the port is sized for all N).
     */
    public static long activationNeedBits(PeArraySpec core, int activationBits) {
        int perRow = (core.dataflow() == Dataflow.DOT_PRODUCT ? 1 : core.vectorLanes()) * core.columnSets();
        return (long) core.rows() * perRow * activationBits;
    }

    /**
     * Bits a core's results need per clock at its peak output rate (reported only, class comment):
     * OS drain and WS bottom row {@code cols·p} sums, a dot-product array {@code cols·p} sums every
     * {@code ceil(k/rows)} clocks (taken at its peak, k ≤ rows).
     */
    public static long outputNeedBits(PeArraySpec core) {
        return (long) core.cols() * core.packing() * core.accumulatorBits();
    }

    /**
     * Activation bits the depthwise engine reads from the input buffer per tap clock at full rate: one
     * A-bit activation per lane, {@code pixels × (channels + sp2Channels)} (both lane kinds take the same
     * pixel group at once, each its own channels; {@link DepthwiseEngine}, class comment "Input port").
     */
    public static long engineActivationNeedBits(DepthwiseEngineSpec engine, int activationBits) {
        return ((long) engine.lanes() + engine.sp2Lanes()) * activationBits;
    }

    /** The depthwise engine's activation port: its demand against the input buffer's, or empty without an engine. */
    public static Optional<Port> enginePort(AcceleratorSpec spec) {
        return spec.depthwiseEngine().map(e -> new Port(spec.inputBuffer().name(),
                engineActivationNeedBits(e, spec.activationBits()), haveBits(spec.inputBuffer())));
    }

    /** Clocks the depthwise engine's feeder takes per tap ({@code ceil(need / have)}, 1 without an engine). */
    public static int engineStall(AcceleratorSpec spec) {
        return enginePort(spec).map(Port::factor).orElse(1);
    }

    /** Bits per clock a buffer's port gives: banks × width. */
    public static long haveBits(BufferSpec b) {
        return (long) b.banks() * b.widthBits();
    }

    /** The feeds of each core of {@code spec}, DSP core first. */
    public static List<CoreFeed> feeds(AcceleratorSpec spec) {
        List<CoreFeed> out = new ArrayList<>(2);
        spec.dspCore().ifPresent(c -> out.add(feed(spec, c)));
        spec.lutCore().ifPresent(c -> out.add(feed(spec, c)));
        return out;
    }

    /** The stall of {@code core}, one of {@code spec}'s cores. */
    public static FeedStall stall(AcceleratorSpec spec, PeArraySpec core) {
        return feed(spec, core).stall();
    }

    /** The feeds of {@code core}, one of {@code spec}'s cores (the weight demand is both cores'). */
    public static CoreFeed feed(AcceleratorSpec spec, PeArraySpec core) {
        long weights = need(spec.dspCore(), spec.weightBits()) + need(spec.lutCore(), spec.weightBits());
        return new CoreFeed(core.name(),
                new Port(spec.weightBuffer().name(), weights, haveBits(spec.weightBuffer())),
                new Port(spec.inputBuffer().name(), activationNeedBits(core, spec.activationBits()),
                        haveBits(spec.inputBuffer())));
    }

    private static long need(Optional<PeArraySpec> core, int weightBits) {
        return core.map(c -> weightNeedBits(c, weightBits)).orElse(0L);
    }
}
