package org.msqsim.models.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.msqsim.core.resource.ResourceVector;
import org.msqsim.core.spec.ClockRange;

/** The summaries: Pareto front, best choices and their tie-breaks. */
class ExplorationTest {

    private static DesignResult r(int index, DesignFamily fam, double f, long ps, long lut, long dsp) {
        return new DesignResult(new Design(index, fam, f, null, 8, 1, 1, 100_000_000L, 1.0,
                new ResourceVector(lut, 0, dsp, 0, 0)), ps, 0);
    }

    @Test
    void paretoKeepsOnlyUndominatedDesignsInLatencyOrder() {
        List<DesignResult> rs = List.of(
                r(0, DesignFamily.DSP_ONLY, 0, 100, 10, 50),
                r(1, DesignFamily.MSQ, 0.5, 80, 20, 50),
                r(2, DesignFamily.MSQ, 0.5, 90, 25, 50),   // dominated by 1
                r(3, DesignFamily.LUT_FIXED, 0.5, 80, 20, 50), // equal to 1: the lower index stays
                r(4, DesignFamily.MSQ, 1.0, 120, 5, 0));
        Exploration ex = new Exploration(rs, 0);
        assertEquals(List.of(1, 0, 4), ex.pareto().stream().map(x -> x.design().index()).toList());
        assertEquals(1, ex.best().orElseThrow().design().index());
        assertEquals(Optional.of(100 / 80.0), ex.speedupVsDspOnly());
        assertEquals(3, ex.best(DesignFamily.LUT_FIXED).orElseThrow().design().index());
        assertEquals(List.of(0.0, 0.5, 1.0), List.copyOf(ex.bestPerFraction(DesignFamily.MSQ).keySet()));
    }

    @Test
    void equalLatencyGoesToFewerResourcesThenToTheLowerIndex() {
        Exploration ex = new Exploration(List.of(
                r(0, DesignFamily.MSQ, 0.5, 80, 30, 50),
                r(1, DesignFamily.MSQ, 0.5, 80, 20, 60),
                r(2, DesignFamily.MSQ, 0.5, 80, 20, 50),
                r(3, DesignFamily.MSQ, 0.5, 80, 20, 50)), 0);
        assertEquals(2, ex.best().orElseThrow().design().index());
        assertEquals(2, ex.bestPerFraction(DesignFamily.MSQ).get(0.5).design().index());
    }

    @Test
    void msqAgainstLutFixedSaysWhoWinsOrThatTheyAreEven() {
        assertEquals(Optional.empty(), new Exploration(List.of(r(0, DesignFamily.MSQ, 0.5, 80, 1, 1)), 0)
                .msqVsLutFixed());
        record Case(long msq, long fixed, Exploration.MsqVsLutFixed.Outcome outcome) {
        }
        for (Case c : List.of(new Case(1000, 1000, Exploration.MsqVsLutFixed.Outcome.TIE),
                new Case(1000, 1004, Exploration.MsqVsLutFixed.Outcome.EVEN),
                new Case(1004, 1000, Exploration.MsqVsLutFixed.Outcome.EVEN),
                new Case(1000, 1010, Exploration.MsqVsLutFixed.Outcome.MSQ_WINS),
                new Case(1006, 1000, Exploration.MsqVsLutFixed.Outcome.LUT_FIXED_WINS))) {
            Exploration.MsqVsLutFixed v = new Exploration(List.of(r(0, DesignFamily.MSQ, 0.5, c.msq(), 1, 1),
                    r(1, DesignFamily.LUT_FIXED, 0.5, c.fixed(), 1, 1)), 0).msqVsLutFixed().orElseThrow();
            assertEquals(c.outcome(), v.outcome(), c.toString());
            assertEquals(c.fixed() / (double) c.msq(), v.ratio(), 0.0);
        }
    }

    @Test
    void resultsComeBackInGridOrderWhateverTheInputOrder() {
        Exploration ex = new Exploration(List.of(r(2, DesignFamily.MSQ, 0.5, 1, 1, 1),
                r(0, DesignFamily.DSP_ONLY, 0, 1, 1, 1)), 0);
        assertEquals(List.of(0, 2), ex.results().stream().map(x -> x.design().index()).toList());
    }

    @Test
    void fractionsAndClocks() {
        assertEquals(21, ExploreGrid.standard().fractions().size());
        assertEquals(0.05, ExploreGrid.standard().fractions().get(1), 0.0);
        assertEquals(List.of(100_000_000L, 150_000_000L, 200_000_000L), ExploreGrid.clocks(
                new ClockRange(100_000_000L, 100_000_000L, 200_000_000L)));
    }
}
