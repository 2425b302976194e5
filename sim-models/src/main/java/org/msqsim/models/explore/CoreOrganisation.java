package org.msqsim.models.explore;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.msqsim.core.spec.Dataflow;
import org.msqsim.core.spec.PeArraySpec;

/**
 * How one core of a design is organised: its dataflow and, for a systolic array, the input-channel
 * lanes of each PE (V; {@link PeArraySpec#vectorLanes()}). {@code explore} searches a list of these
 * for each core ({@link ExploreGrid#organisations()}); the cost model prices each from the same
 * primitives ({@code PeArrayCost}, {@code docs/cost-model.md} "Core organisations in explore").
 *
 * <ul>
 *   <li>{@code os}: output-stationary, scalar PEs (the default designs): each PE keeps its
 *       accumulator, and (LUT PEs) a drain register beside it.</li>
 *   <li>{@code ws}: weight-stationary: the partial sum flows down the column through each PE's adder,
 *       so there is no per-PE accumulator to drain; the weights are held twice (active + shadow).</li>
 *   <li>{@code dot}: dot-product (FINN MVAU style): each of {@code cols} PEs reduces {@code rows}
 *       products per clock through an adder tree into one accumulator; {@code rows} are then SIMD lanes,
 *       not pixels.</li>
 *   <li>{@code os-vV}, {@code ws-vV}: vector PEs of V lanes, V products reduced through an adder tree
 *       (LUT) or the DSP cascade into one accumulator per PE.</li>
 *   <li>{@code …-sN}: a core that can split into up to N column sets
 *       ({@link PeArraySpec#columnSets()}, docs/cost-model.md "Column sets"): a layer with few filter
 *       groups runs on several sets side by side, each on pixels of its own, for a 2:1 activation mux
 *       per row at each of the N − 1 slice boundaries and an input port N× as wide. {@code dot-sN}: a
 *       dot-product array whose ragged last group fold runs on several sets, each slice's PEs taking
 *       the input vector of their set (docs/core-organisations.md "Column sets on dot-product
 *       arrays").</li>
 * </ul>
 *
 * <p>Serializable: a design travels to a Spark executor as its parameters, these included.
 *
 * @param dataflow    the core's dataflow
 * @param vectorLanes V, input-channel lanes per PE; 1 for a scalar PE and for a dot-product array
 * @param columnSets  N, the most column sets (1: none; a power of two); a
 *                    core of fewer than N columns cannot be built so
 */
public record CoreOrganisation(Dataflow dataflow, int vectorLanes, int columnSets) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final CoreOrganisation OS = new CoreOrganisation(Dataflow.OUTPUT_STATIONARY, 1);
    public static final CoreOrganisation WS = new CoreOrganisation(Dataflow.WEIGHT_STATIONARY, 1);
    public static final CoreOrganisation DOT = new CoreOrganisation(Dataflow.DOT_PRODUCT, 1);
    /** The column sets the standard grid tries: up to 4 sets of scalar output-stationary PEs or dot-product PEs. */
    public static final int STANDARD_COLUMN_SETS = 4;

    /**
     * The organisations the standard grid searches for each core: the three dataflows with scalar PEs,
     * and output-stationary vector PEs of 2, 4 and 8 lanes. Weight-stationary vector PEs are left out:
     * they cost what the OS vector PE costs less its drain, plus a second weight register set, and their
     * fold is {@code n + 2r + c − 2} over {@code r·V} reduction indices, so the search gains little from
     * them over {@code ws} and {@code os-vV} (add {@code ws.withLanes(V)} here to search them).
     * One line per organisation: a further option of the core (its drain, say) is one more entry.
     * Column sets: {@code os-s4}, scalar output-stationary PEs in up to 4 sets, and {@code dot-s4}, a
     * dot-product array whose ragged last group fold splits over up to 4 sets (docs/core-organisations.md
     * §4) — one entry each, not one per dataflow and N, to keep the pairs the organisation stage tries
     * few. {@code dot-s4} joined after measuring it (ResNet-18, `explore`): ZC706 best DSP-only 3.746 →
     * 3.653 ms, PYNQ-Z2 best MSQ 18.292 → 17.931 ms and DSP-only 32.051 → 30.229 ms, designs evaluated
     * +12 % (ZC706) and +17 % (PYNQ-Z2); plain {@code dot} stays (cheaper by N − 1 vector registers, the muxes and a
     * narrower input port).
     */
    public static final List<CoreOrganisation> STANDARD = List.of(OS, WS, DOT, OS.withLanes(2), OS.withLanes(4),
            OS.withLanes(8), OS.withColumnSets(STANDARD_COLUMN_SETS), DOT.withColumnSets(STANDARD_COLUMN_SETS));

    public CoreOrganisation {
        if (columnSets < 1 || Integer.bitCount(columnSets) != 1) {
            throw new IllegalArgumentException("column sets must be a power of two, got " + columnSets + " for "
                    + dataflow);
        }
        if (dataflow == null) {
            throw new IllegalArgumentException("an organisation needs a dataflow");
        }
        if (vectorLanes < 1 || vectorLanes > PeArraySpec.MAX_VECTOR_LANES
                || (dataflow == Dataflow.DOT_PRODUCT && vectorLanes != 1)) {
            throw new IllegalArgumentException("vector lanes must be 1.." + PeArraySpec.MAX_VECTOR_LANES
                    + " (1 for a dot-product array), got " + vectorLanes + " for " + dataflow);
        }
    }

    /** Without column sets (N = 1). */
    public CoreOrganisation(Dataflow dataflow, int vectorLanes) {
        this(dataflow, vectorLanes, 1);
    }

    /** The organisation of {@code core}. */
    public static CoreOrganisation of(PeArraySpec core) {
        return new CoreOrganisation(core.dataflow(), core.vectorLanes(), core.columnSets());
    }

    /** This organisation with up to N column sets. */
    public CoreOrganisation withColumnSets(int n) {
        return new CoreOrganisation(dataflow, vectorLanes, n);
    }

    /**
     * {@code shaped} (a core of its final columns) with this organisation's N column sets.
     *
     * @throws IllegalArgumentException when the core has fewer than N columns (a slice is at least one)
     */
    public PeArraySpec withSets(PeArraySpec shaped) {
        return shaped.withColumnSets(columnSets);
    }

    /** The organisation of a core that may be absent, as reports print it: its label, or "-". */
    public static String label(Optional<PeArraySpec> core) {
        return core.map(c -> of(c).label()).orElse("-");
    }

    /** This organisation with V lanes per PE. */
    public CoreOrganisation withLanes(int v) {
        return new CoreOrganisation(dataflow, v, columnSets);
    }

    /**
     * {@code template} organised this way: its dataflow and vector lanes replaced, the rest kept.
     *
     * @throws IllegalArgumentException when the template's other options do not suit this organisation
     *                                  (a double-pumped template needs an even V, DSP accumulators V > 1)
     */
    public PeArraySpec apply(PeArraySpec t) {
        return new PeArraySpec(t.name(), t.mac(), dataflow, t.rows(), t.cols(), t.packing(), t.clockHz(),
                t.accumulatorBits(), vectorLanes, t.doublePumped(), t.dspAccumulators());
    }

    /** {@code os}, {@code ws}, {@code dot}, and {@code -vV} for vector PEs: {@code os-v4}. */
    public String label() {
        String d = switch (dataflow) {
            case OUTPUT_STATIONARY -> "os";
            case WEIGHT_STATIONARY -> "ws";
            case DOT_PRODUCT -> "dot";
        };
        String v = vectorLanes == 1 ? d : d + "-v" + vectorLanes;
        return columnSets == 1 ? v : v + "-s" + columnSets;
    }

    /** Parses {@link #label()}; an unknown label is an {@code IllegalArgumentException} naming it. */
    public static CoreOrganisation parse(String label) {
        String s = label.trim().toLowerCase(Locale.ROOT);
        int sets = 1;
        int ds = s.indexOf("-s");
        if (ds >= 0) {
            try {
                sets = Integer.parseInt(s.substring(ds + 2));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("core organisation '" + label + "': column sets after -s must "
                        + "be a number", e);
            }
            s = s.substring(0, ds);
        }
        int dash = s.indexOf("-v");
        String d = dash < 0 ? s : s.substring(0, dash);
        Dataflow flow = switch (d) {
            case "os" -> Dataflow.OUTPUT_STATIONARY;
            case "ws" -> Dataflow.WEIGHT_STATIONARY;
            case "dot" -> Dataflow.DOT_PRODUCT;
            default -> throw new IllegalArgumentException("unknown core organisation '" + label
                    + "'; expected os, ws, dot, os-vV or ws-vV, each optionally -sN (column sets)");
        };
        try {
            return new CoreOrganisation(flow, dash < 0 ? 1 : Integer.parseInt(s.substring(dash + 2)), sets);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("core organisation '" + label + "': lanes after -v must be a number",
                    e);
        }
    }

    /**
     * Weights this core reads from the weight buffer per clock at full rate, per PE column, by its
     * dataflow: a systolic column takes {@code packing·V} weights a clock at its top (OS: every clock
     * of a fold; WS: every clock of the {@code r}-clock preload that shifts the next fold's weights in),
     * a dot-product PE {@code rows·packing} (FINN's MVAU streams one weight per product per clock from
     * the PE's weight memory; the activation vector is the one held).
     */
    static long weightsPerColumn(PeArraySpec core) {
        return core.dataflow() == Dataflow.DOT_PRODUCT ? (long) core.rows() * core.packing()
                : (long) core.packing() * core.vectorLanes();
    }

    /**
     * Activations this core reads from the input buffer per clock, in units of one array row's
     * activation: V per row for a systolic array of V-lane PEs (each row takes V input channels a
     * clock), 1 per lane for a dot-product array (its {@code rows} SIMD lanes take one vector, broadcast
     * to every PE); × N for a core of N column sets, each set's rows (a dot-product set: its vector)
     * reading pixels of their own.
     */
    static int activationsPerRow(PeArraySpec core) {
        return (core.dataflow() == Dataflow.DOT_PRODUCT ? 1 : core.vectorLanes()) * core.columnSets();
    }
}
