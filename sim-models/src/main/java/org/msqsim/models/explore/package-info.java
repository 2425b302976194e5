/**
 * Design-space exploration ({@code msqsim explore}): a grid of MSQ accelerator designs generated from
 * a board's default design ({@link org.msqsim.models.explore.ExploreGrid}), the ones that fit the board
 * within routability ceilings, each evaluated timing-only on a network in parallel
 * ({@link org.msqsim.models.explore.Explorer}), and the summaries users ask for: best design per SP2
 * fraction, overall best, best DSP-only, MSQ against LUT-built fixed-point multipliers, and the Pareto
 * front of latency against LUT and DSP use ({@link org.msqsim.models.explore.Exploration}).
 *
 * <p>Depends on sim-core (specs, cost model) and {@code org.msqsim.models.exec} (the network runner).
 * Nothing here is shared between threads except immutable specs and the network.
 */
package org.msqsim.models.explore;
