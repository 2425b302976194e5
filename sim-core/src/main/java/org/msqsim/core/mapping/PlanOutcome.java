package org.msqsim.core.mapping;

/** What the tile planner returns: a plan, or the reason there is none (never an exception). */
public sealed interface PlanOutcome permits PlanOutcome.Planned, PlanOutcome.Infeasible {

    /** A plan and the planner's own estimate of its latency, in ps. */
    record Planned(TilePlan plan, long estimatedPs) implements PlanOutcome {
    }

    /** Why no plan exists, as a sentence that completes "infeasible because …". */
    record Infeasible(String reason) implements PlanOutcome {
    }
}
