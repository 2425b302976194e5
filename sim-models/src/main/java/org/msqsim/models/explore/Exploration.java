package org.msqsim.models.explore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The evaluated designs of one board × network and the summaries drawn from them. Every choice breaks
 * ties the same way (fewer resources, then a slower clock, then the grid index), so the summaries do
 * not depend on evaluation order.
 */
public record Exploration(List<DesignResult> results, int infeasible) {
    /**
     * Lower latency first; at equal latency the design a designer would build: fewer LUTs, DSPs,
     * BRAM, URAM, then the slower clock (easier timing closure); then the lower grid index.
     */
    public static final Comparator<DesignResult> FASTEST = Comparator.comparingLong(DesignResult::latencyPs)
            .thenComparingLong(r -> r.design().used().lut())
            .thenComparingLong(r -> r.design().used().dsp())
            .thenComparingLong(r -> r.design().used().bram18())
            .thenComparingLong(r -> r.design().used().uram())
            .thenComparingLong(r -> r.design().clockHz())
            .thenComparingInt(r -> r.design().index());

    public Exploration {
        results = results.stream().sorted(Comparator.comparingInt(r -> r.design().index())).toList();
    }

    /** The fastest design of all. */
    public Optional<DesignResult> best() {
        return results.stream().min(FASTEST);
    }

    /** The fastest design of one family. */
    public Optional<DesignResult> best(DesignFamily family) {
        return results.stream().filter(r -> r.design().family() == family).min(FASTEST);
    }

    /** The fastest design of one family whose DSP core packs {@code packing} products per slice. */
    public Optional<DesignResult> best(DesignFamily family, int packing) {
        return results.stream().filter(r -> r.design().family() == family && r.design().dspPacking() == packing)
                .min(FASTEST);
    }

    /**
     * For one DSP packing: the best DSP-only, MSQ and LUT-fixed designs whose DSP core packs that many
     * products — each the best of every core organisation the search tried — and the MSQ speedup over
     * that DSP-only design. A 4-lane DSP PE costs LUTs of its own
     * (canaries, carry counters, drain) that the LUT core then cannot have, so how much MSQ buys
     * depends on what the DSP-only baseline packs.
     */
    public record PackingSummary(int packing, Optional<DesignResult> dspOnly, Optional<DesignResult> msq,
                                 Optional<DesignResult> lutFixed) {
        /** Best DSP-only latency at this packing ÷ best MSQ latency at this packing. */
        public Optional<Double> msqSpeedup() {
            return dspOnly.flatMap(d -> msq.map(m -> d.latencyPs() / (double) m.latencyPs()));
        }
    }

    /** The fastest design {@code which} accepts. */
    public Optional<DesignResult> best(Predicate<Design> which) {
        return results.stream().filter(r -> which.test(r.design())).min(FASTEST);
    }

    /**
     * The fastest design of {@code family} for each organisation pair of its cores that some design
     * has ({@link Design#dspOrganisation()} / {@link Design#lutOrganisation()}, "-" for an absent core),
     * keyed {@code dsp/lut}, in the order of the pairs' first designs.
     */
    public Map<String, DesignResult> bestPerOrganisation(DesignFamily family) {
        Map<String, DesignResult> out = new LinkedHashMap<>();
        for (DesignResult r : results) {
            if (r.design().family() == family) {
                out.merge(r.design().dspOrganisation() + "/" + r.design().lutOrganisation(), r,
                        (a, b) -> FASTEST.compare(a, b) <= 0 ? a : b);
            }
        }
        return out;
    }

    /** One summary per DSP packing that some design with a DSP core uses, ascending. */
    public List<PackingSummary> byPacking() {
        return results.stream().map(r -> r.design().dspPacking()).filter(p -> p > 0).distinct().sorted()
                .map(p -> new PackingSummary(p, best(DesignFamily.DSP_ONLY, p), best(DesignFamily.MSQ, p),
                        best(DesignFamily.LUT_FIXED, p))).toList();
    }

    /** Best DSP-only latency ÷ best latency: how much the LUT core buys (1.0 when DSP-only wins). */
    public Optional<Double> speedupVsDspOnly() {
        return best().flatMap(b -> best(DesignFamily.DSP_ONLY).map(d -> d.latencyPs() / (double) b.latencyPs()));
    }

    /** The best MSQ design against the best LUT-fixed one; empty when either family has no design. */
    public Optional<MsqVsLutFixed> msqVsLutFixed() {
        return best(DesignFamily.MSQ).flatMap(m -> best(DesignFamily.LUT_FIXED).map(f -> new MsqVsLutFixed(m, f)));
    }

    /** The best MSQ design against the best LUT-fixed one, and which wins. */
    public record MsqVsLutFixed(DesignResult msq, DesignResult lutFixed) {
        /** Below this relative latency difference neither wins: the two are even. */
        public static final double EVEN_WITHIN = 0.005;

        /** How the two compare. */
        public enum Outcome {
            /** The same latency. */
            TIE,
            /** Latencies within {@link #EVEN_WITHIN} of each other. */
            EVEN,
            MSQ_WINS,
            LUT_FIXED_WINS
        }

        /** Best LUT-fixed latency ÷ best MSQ latency: above 1 MSQ is faster. */
        public double ratio() {
            return lutFixed.latencyPs() / (double) msq.latencyPs();
        }

        public Outcome outcome() {
            if (msq.latencyPs() == lutFixed.latencyPs()) {
                return Outcome.TIE;
            }
            double ratio = ratio();
            if (Math.abs(ratio - 1) < EVEN_WITHIN) {
                return Outcome.EVEN;
            }
            return ratio > 1 ? Outcome.MSQ_WINS : Outcome.LUT_FIXED_WINS;
        }
    }

    /**
     * The fastest design at each fraction among the DSP-only designs (F = 0) and those of
     * {@code family} (F > 0), ascending F.
     */
    public Map<Double, DesignResult> bestPerFraction(DesignFamily family) {
        return bestPerFraction(family, 0);
    }

    /**
     * As {@link #bestPerFraction(DesignFamily)}, among designs whose DSP core packs {@code packing}
     * products per slice (0: any packing; LUT-only designs, which have no DSP core, count for every
     * packing).
     */
    public Map<Double, DesignResult> bestPerFraction(DesignFamily family, int packing) {
        Map<Double, DesignResult> out = new TreeMap<>();
        for (DesignResult r : results) {
            DesignFamily f = r.design().family();
            int p = r.design().dspPacking();
            if ((f == family || f == DesignFamily.DSP_ONLY) && (packing == 0 || p == 0 || p == packing)) {
                out.merge(r.design().fraction(), r, (a, b) -> FASTEST.compare(a, b) <= 0 ? a : b);
            }
        }
        return out;
    }

    /**
     * The Pareto front of latency, LUT use and DSP use (all minimised): the designs no other design
     * matches or beats on all three and strictly beats on one; of designs equal on all three, the one
     * with the lowest index. Ordered by latency.
     */
    public List<DesignResult> pareto() {
        List<DesignResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparingLong(DesignResult::latencyPs)
                .thenComparingLong(r -> r.design().used().lut())
                .thenComparingLong(r -> r.design().used().dsp())
                .thenComparingInt(r -> r.design().index()));
        // A dominator sorts before what it dominates, and domination is transitive, so checking each
        // design against the front built so far is enough.
        List<DesignResult> front = new ArrayList<>();
        for (DesignResult r : sorted) {
            boolean dominated = false;
            for (DesignResult p : front) {
                if (p.latencyPs() <= r.latencyPs() && p.design().used().lut() <= r.design().used().lut()
                        && p.design().used().dsp() <= r.design().used().dsp()) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                front.add(r);
            }
        }
        return front;
    }
}
