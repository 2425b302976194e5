/**
 * Design-space exploration ({@code msqsim explore}): a grid of MSQ accelerator designs generated from
 * a board's default design, the ones that fit the board within routability ceilings, each evaluated
 * timing-only on a network in parallel, and the summaries users ask for.
 *
 * <ul>
 *   <li>The grid's parameters: {@link org.msqsim.models.explore.ExploreGrid} (a record; its comment
 *       documents the whole search).</li>
 *   <li>The search, in three {@code SearchStage}s: the shapes
 *       ({@code ShapeStage}), their polish ({@code PolishStage}) and the
 *       other clocks and buffers of the best ({@code RefineStage}). A {@code DesignBuilder} builds each
 *       design's spec from the default design (a {@code SpecBuild}: the spec, or why it cannot be
 *       built) and checks its fit; {@code DesignKey} and {@code FractionGroup} are the typed keys the
 *       stages deduplicate and group by.</li>
 *   <li>The evaluation: {@link org.msqsim.models.explore.Explorer} runs the stages and evaluates their
 *       designs on a fixed thread pool; {@link org.msqsim.models.explore.Search} hands out the same
 *       stages one at a time, and rebuilds a design from its parameters, for {@code msqsim sweep},
 *       which evaluates them on Spark executors.</li>
 *   <li>The summaries: best design per SP2 fraction, overall best, best DSP-only, MSQ against
 *       LUT-built fixed-point multipliers, and the Pareto front of latency against LUT and DSP use
 *       ({@link org.msqsim.models.explore.Exploration}).</li>
 * </ul>
 *
 * <p>Depends on sim-core (specs, DSP kinds, cost model, the null trace), {@code org.msqsim.models.exec}
 * (the network runner) and {@code org.msqsim.models.graph} (the network evaluated).
 * Nothing here is shared between threads except immutable specs and the network; the stages run on
 * the calling thread.
 */
package org.msqsim.models.explore;
